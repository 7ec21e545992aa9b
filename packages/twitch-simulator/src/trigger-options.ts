import type { EventObject } from './event-payloads.js';
import type { SimulatedEventType } from './event-types.js';

/** What to make happen; every field is optional and has a sensible default. */
export interface TriggerOptions {
  /** The channel (login or id); the default broadcaster when omitted. */
  broadcaster?: string;
  /**
   * Who follows, subscribes, gifts, cheers or donates, which channel raids or is shouted out (or
   * shouts out, for receive), who asks for an ad break (login or id); someone new when omitted.
   */
  user?: string;
  /** Sub tier: 1, 2, 3 or Twitch's "1000", "2000", "3000" (default tier 1). */
  tier?: string | number;
  /** `channel.subscribe`: whether the sub is a gift. */
  gift?: boolean;
  /** `channel.subscription.gift`: how many subs are gifted (default 5). */
  total?: number;
  /** Gift or cheer without a name. */
  anonymous?: boolean;
  /** Cheer: Bits (default 100); `channel.bits.use`: Bits spent (defaults by kind). */
  bits?: number;
  /** Cheer: the chat message (default "Cheer<bits> …"); resub and Power-up: the message. */
  message?: string;
  /**
   * `channel.raid`: raiders (default 10); `stream.online`: viewers at the start (default
   * unchanged); shoutout: the shouting channel's viewers (default its own, or 10).
   */
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
  /**
   * `channel.goal.begin`: the target (default 10 more than now; 1 000 bits for new_bit); charity:
   * the target in minor units (default 150 000, 1 500.00 USD).
   */
  target?: number;
  /** `channel.goal.begin`: the goal's description. */
  description?: string;
  /**
   * `channel.goal.progress`: the goal's new current amount (default one step more); charity donate:
   * the donation in minor units (default 500, 5.00 USD); charity progress: the new current amount.
   */
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
  /**
   * Poll: how long it runs (default 60); prediction: how long it takes predictions (default 120);
   * ad break: its length (default 60; Twitch's are 30 to 180).
   */
  seconds?: number;
  /** Poll end: completed, terminated or archived; prediction end: resolved or canceled. */
  status?: string;
  /** Resub: `cumulative_months` (default 6; at least 2). */
  months?: number;
  /** Resub: `streak_months` (default `months`; at most `months`). */
  streak?: number;
  /** Resub: the viewer keeps their streak to themselves (`streak_months` null). */
  hideStreak?: boolean;
  /** Resub: `duration_months`, the months this renewal bought (default 1). */
  duration?: number;
  /** `channel.bits.use`: cheer (default), power_up or combo. */
  bitsType?: string;
  /** `channel.bits.use` Power-up: message_effect (default), gigantify_an_emote or celebration. */
  powerUp?: string;
  /** Gigantified or celebrated emote, by code (default `demostHype`). */
  emote?: string;
  /** Message effect: `message_effect_id` (default `cosmic-abyss`). */
  effect?: string;
  /** Ad break: started by Twitch's ad schedule rather than by someone. */
  automatic?: boolean;
  /** Charity campaign: its currency (ISO 4217, default USD). */
  currency?: string;
  /** Charity campaign: the charity's name. */
  charity?: string;
  /** `channel.chat.message_delete`: the chat message's `message_id` (default the newest). */
  messageId?: string;
  /** `channel.chat.message`: the `message_id` of the message it answers. */
  replyTo?: string;
  /**
   * `channel.chat.message` and `shared_chat_*` notices: the other channel (login or id) the
   * message comes from under shared chat (default pixelharbor for a shared notice).
   */
  source?: string;
  /** `channel.chat.notification`: the `notice_type` (default sub; see `CHAT_NOTICE_TYPES`). */
  notice?: string;
  /** Sub and resub notices: with Prime (`is_prime`). */
  prime?: boolean;
  /** Announcement notices: blue, green, orange, purple or primary (default). */
  color?: string;
  /** Gift notices (`sub_gift`): who gets the sub (someone new when omitted). */
  recipient?: string;
}

/** One EventSub event that happened, ready to be delivered. */
export interface ProducedEvent {
  readonly type: SimulatedEventType;
  readonly event: EventObject;
}
