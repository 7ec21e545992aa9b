import type { EventObject } from './event-payloads.js';
import type { SimulatedEventType } from './event-types.js';

/** What to make happen; every field is optional and has a sensible default. */
export interface TriggerOptions {
  /** The channel (login or id); the default broadcaster when omitted. */
  broadcaster?: string;
  /** Who follows, subscribes, gifts or cheers, or which channel raids (login or id); someone new when omitted. */
  user?: string;
  /** Sub tier: 1, 2, 3 or Twitch's "1000", "2000", "3000" (default tier 1). */
  tier?: string | number;
  /** `channel.subscribe`: whether the sub is a gift. */
  gift?: boolean;
  /** `channel.subscription.gift`: how many subs are gifted (default 5). */
  total?: number;
  /** Gift or cheer without a name. */
  anonymous?: boolean;
  /** `channel.cheer`: bits (default 100). */
  bits?: number;
  /** `channel.cheer`: the chat message (default "Cheer<bits> …"). */
  message?: string;
  /** `channel.raid`: raiders (default 10); `stream.online`: viewers at the start (default unchanged). */
  viewers?: number;
  /** `stream.online`: the stream title. */
  title?: string;
  /** `stream.online`: the game (category) name. */
  game?: string;
  /** Redemption: the reward's title (default "Hydrate!"; made up on first use). */
  reward?: string;
  /** Redemption: the reward's cost in channel points (default 100). */
  cost?: number;
  /** Redemption: what the viewer typed (default empty). */
  input?: string;
  /** Goals: the goal's type (default follower; progress and end: the newest running goal). */
  goalType?: string;
  /** `channel.goal.begin`: the target (default 10 more than now; 1 000 bits for new_bit). */
  target?: number;
  /** `channel.goal.begin`: the goal's description. */
  description?: string;
  /** `channel.goal.progress`: the goal's new current amount (default one step more). */
  amount?: number;
  /** `channel.poll.begin`: the choices, comma-separated or a list (default "Yes,No"); `title` is the question. */
  choices?: string | readonly string[];
  /** `channel.poll.progress`: the choice voted for, by number (1, 2, …) or title (default the first). */
  choice?: string;
  /** `channel.poll.progress`: how many votes (default 1). */
  votes?: number;
  /** `channel.prediction.begin`: the outcomes, comma-separated or a list (default "Yes,No"). */
  outcomes?: string | readonly string[];
  /** Prediction progress: the outcome predicted; end: the winning one (by number or title; default the first). */
  outcome?: string;
  /** `channel.prediction.progress`: channel points put on the outcome (default 100). */
  points?: number;
  /** Poll: how long it runs (default 60); prediction: how long it takes predictions (default 120). */
  seconds?: number;
  /** Poll end: completed, terminated or archived; prediction end: resolved or canceled. */
  status?: string;
}

/** One EventSub event that happened, ready to be delivered. */
export interface ProducedEvent {
  readonly type: SimulatedEventType;
  readonly event: EventObject;
}
