/**
 * The SSE contract: what `GET /api/twitch/stream` sends. The server and the widget code are both
 * checked against this file; fields may be added, never renamed or removed. The JSON Schemas at
 * `/api/schemas/` are generated from it (`npm run docs:schemas`; the `@format` and `@minimum` tags
 * are for them), and every message the end-to-end tests receive is checked against those.
 */
import type { TwitchEventType } from './twitch-events.js';

export { TWITCH_EVENT_TYPES, isTwitchEventType, type TwitchEventType } from './twitch-events.js';
export { EVENT_LABELS, EVENT_NOUNS, GOAL_NAMES } from './event-names.js';

// A whole number (ids, counts): `number` to TypeScript, "integer" in the schemas.
/** @asType integer */
type Integer = number;

/** Channel numbers, polled from Helix and moved at once by events. */
export interface StatsData {
  live: boolean;
  viewers: Integer;
  followers: Integer;
  subs: Integer;
  /** Sub points (Helix `points`), when known. */
  subPoints?: Integer;
  title?: string;
  game?: string;
  /**
   * ISO time the stream went live, when live.
   * @format date-time
   */
  startedAt?: string | null;
  /**
   * ISO time of the last successful poll; null before the first one.
   * @format date-time
   */
  polledAt?: string | null;
  /** True while polls fail and the numbers are the last good ones. */
  stale?: boolean;
  /** Why the numbers are stale. */
  error?: string;
  /**
   * The channel's latest hype train, as its latest event told it (an ended one until the next
   * begins: its `event` says which). Absent until a hype train event arrives.
   */
  hypeTrain?: HypeTrainState;
  /**
   * The channel's creator goals: the latest event of the latest goal of each goal type (an ended
   * one until another of its type begins). Absent until a goal event arrives.
   */
  goals?: GoalState[];
  /** The latest poll, as its latest event told it. Absent until a poll event arrives. */
  poll?: PollState;
  /** The latest prediction, as its latest event told it. Absent until a prediction event arrives. */
  prediction?: PredictionState;
}

/** A hype train's latest event. */
export type HypeTrainState =
  | { event: 'channel.hype_train.begin'; data: HypeTrainBeginEvent }
  | { event: 'channel.hype_train.progress'; data: HypeTrainProgressEvent }
  | { event: 'channel.hype_train.end'; data: HypeTrainEndEvent };

/** A creator goal's latest event. */
export type GoalState =
  | { event: 'channel.goal.begin'; data: ChannelGoalBeginEvent }
  | { event: 'channel.goal.progress'; data: ChannelGoalProgressEvent }
  | { event: 'channel.goal.end'; data: ChannelGoalEndEvent };

/** A poll's latest event. */
export type PollState =
  | { event: 'channel.poll.begin'; data: ChannelPollBeginEvent }
  | { event: 'channel.poll.progress'; data: ChannelPollProgressEvent }
  | { event: 'channel.poll.end'; data: ChannelPollEndEvent };

/** A prediction's latest event. */
export type PredictionState =
  | { event: 'channel.prediction.begin'; data: ChannelPredictionBeginEvent }
  | { event: 'channel.prediction.progress'; data: ChannelPredictionProgressEvent }
  | { event: 'channel.prediction.lock'; data: ChannelPredictionLockEvent }
  | { event: 'channel.prediction.end'; data: ChannelPredictionEndEvent };

/** `{type:"stats"}`: the current channel numbers. */
export interface StatsMessage {
  type: 'stats';
  data: StatsData;
}

/** `{type:"event"}`: one EventSub notification, its event object exactly as Twitch sent it. */
export interface EventMessage {
  type: 'event';
  event: TwitchEventType;
  data: Record<string, unknown>;
  /** Present and true on a test alert from the dashboard; never on a real event. */
  test?: true;
  /** Set when the dashboard replays an earlier event: the id it was first sent with. */
  replayOf?: Integer;
  /**
   * Present and true on an event Twitch never delivered live because EventSub was disconnected
   * (or the service down): the service recovered it through Helix after the gap. Its `data` has
   * EventSub's shape, with what Helix could tell.
   */
  recovered?: true;
  /** On a recovered event: the gap it fell in (ISO times). */
  gap?: EventSubGap;
  /**
   * ISO time the event was sent out: when its EventSub frame arrived here (within a second of
   * Twitch's `message_timestamp`, which Twurple does not pass on), or when the dashboard sent a test
   * or replay. An alert box that resumes after a pause uses it to skip alerts too old to play.
   * @format date-time
   */
  sentAt?: string;
}

/** A time when EventSub was not receiving (disconnected, or the service down). */
export interface EventSubGap {
  /**
   * ISO time the last session stopped receiving (or the service stopped).
   * @format date-time
   */
  start: string;
  /**
   * ISO time receiving resumed.
   * @format date-time
   */
  end: string;
}

/** What the service recovered through Helix after a gap, and what it could not. */
export interface RecoveryReport extends EventSubGap {
  state: 'recovering' | 'done' | 'failed';
  /** How many events of each type were recovered and published (marked `recovered`). */
  recovered: Partial<Record<TwitchEventType, Integer>>;
  /** What Helix cannot tell, so may be missing (e.g. "channel.raid", "cheer messages"). */
  missing: string[];
  /** What went wrong, when `failed`. */
  detail?: string;
}

/** Connection state of the EventSub listener. */
export type EventSubState = 'starting' | 'connected' | 'reconnecting' | 'down' | 'unauthorized';

/** What the EventSub module says about itself. */
export interface EventSubStatus {
  state: EventSubState;
  sessionId?: string | null;
  /** The WebSocket close code of the last disconnect (4000–4007 are Twitch's). */
  lastCloseCode?: Integer | null;
  lastCloseReason?: string | null;
  /**
   * ISO time the last EventSub frame (keepalives too) arrived.
   * @format date-time
   */
  lastMessageAt?: string | null;
  subscriptions?: Array<{ type: string; status: string; error?: string }>;
  /** Human-readable next step when something is wrong. */
  detail?: string;
}

/** The durable event log's health: whether messages are being written to disk. */
export interface EventLogStatus {
  state: 'ok' | 'memory-only';
  /** What is wrong and what to do, when not `ok`. */
  detail?: string;
  /**
   * ISO time writes began to fail, when not `ok`: events since then are in memory only.
   * @format date-time
   */
  since?: string;
}

/** What the stats poller says about itself. */
export interface PollStatus {
  /**
   * ISO time of the last poll that worked; null before the first one.
   * @format date-time
   */
  lastPollAt: string | null;
  ok: boolean;
  error?: string;
  /**
   * ISO time of the next poll.
   * @format date-time
   */
  nextPollAt?: string | null;
}

/** Told to one client whose `Last-Event-ID` is older than the replay buffer (or from another run). */
export interface ReplayIncomplete {
  replay: 'incomplete';
  /** The id the client asked to resume after. */
  requestedId: Integer;
  /** The oldest id still buffered, or null when the buffer is empty. */
  oldestBufferedId: Integer | null;
  /** The latest id published. */
  latestId: Integer;
}

/**
 * Several instances on Redis (REDIS_URL): which one holds the Twitch connection, and the last time
 * Redis was away. Sent by the leader when it takes the lead, and when Redis is back after an
 * outage (nothing reaches clients while Redis is away: a message goes out once Redis has it).
 */
export interface ClusterStatus {
  /** The instance holding the Twitch connection (its INSTANCE_ID). */
  leader: string;
  /**
   * Since when it leads.
   * @format date-time
   */
  leaderSince: string;
  /** The last time the leader could not reach Redis, once it could again. */
  redisOutage?: {
    /** @format date-time */
    start: string;
    /** @format date-time */
    end: string;
  };
}

/** Whether the service holds a Twitch token that Twitch accepts. */
export interface AuthStatus {
  state: 'ok' | 'unauthorized' | 'signed-out';
  /** What is wrong and what to do, when not `ok`. */
  detail?: string;
}

/** `{type:"status"}`: a change of state of one component (one key in `data`). */
export type StatusData =
  | { eventsub: EventSubStatus }
  | { poll: PollStatus }
  | { auth: AuthStatus }
  | { recovery: RecoveryReport }
  | { eventLog: EventLogStatus }
  | { cluster: ClusterStatus }
  | ReplayIncomplete;

export interface StatusMessage {
  type: 'status';
  data: StatusData;
}

/**
 * `{type:"control"}`: a command from the dashboard to the alert boxes. `pause`/`resume` is state
 * (a client that connects later is told whether alerts are paused); `skip` ends the alert on screen
 * and is not replayed to clients that connect later.
 */
export interface ControlMessage {
  type: 'control';
  data: { action: 'pause' | 'resume' | 'skip' };
}

/** A viewer as the labels name them. */
export interface LabelViewer {
  /** The display name ("Anonymous" for an anonymous gift or cheer). */
  name: string;
  /** The login, or null when anonymous. */
  login: string | null;
}

/** What the labels widget shows, computed by the service from the events it received. */
export interface LabelsData {
  /**
   * ISO time the stream the session figures belong to went live (its `stream.online`); null
   * until one was seen, or after the dashboard reset the session.
   * @format date-time
   */
  sessionStartedAt: string | null;
  /**
   * The events published after this id count towards the session (`GET /api/events?after=` lists
   * them); 0 before any session started.
   * @minimum 0
   */
  sessionSinceId: Integer;
  /** The newest follower. */
  latestFollower: LabelViewer | null;
  /** The newest viewer who subscribed (not a gifted sub). */
  latestSub: (LabelViewer & { tier: SubTier }) | null;
  /** The newest gift of subs: who gave how many. */
  latestGift: (LabelViewer & { subs: Integer; tier: SubTier }) | null;
  /** The newest cheer. */
  latestCheer: (LabelViewer & { bits: Integer }) | null;
  /** The newest raid: the raiding channel, and how many viewers came. */
  latestRaid: (LabelViewer & { viewers: Integer }) | null;
  /** Who cheered the most bits this stream (anonymous cheers not counted). */
  topCheerer: (LabelViewer & { bits: Integer }) | null;
  /** Who gifted the most subs this stream (anonymous gifts not counted). */
  topGifter: (LabelViewer & { subs: Integer }) | null;
  /** Counts since the stream went live (or since the session was reset). */
  session: LabelsSession;
}

/** What a stream has brought so far. */
export interface LabelsSession {
  follows: Integer;
  /** Every new sub, gifted ones included. */
  subs: Integer;
  /** Of `subs`, the gifted ones. */
  giftedSubs: Integer;
  bits: Integer;
  raids: Integer;
}

/**
 * `{type:"labels"}`: the latest viewers, the top supporters and the counts of this stream, for
 * the labels widget. State, like stats: a client gets the current one when it connects.
 */
export interface LabelsMessage {
  type: 'labels';
  data: LabelsData;
}

/**
 * How much time each thing adds to the subathon timer, and its limits. Every time is in seconds,
 * at most 31,622,400 (366 days).
 */
export interface SubathonSettings {
  /**
   * Seconds on the clock after a reset.
   * @minimum 0
   * @maximum 31622400
   */
  startSeconds: number;
  /**
   * Seconds a Tier 1 (or Prime) sub adds.
   * @minimum 0
   * @maximum 31622400
   */
  tier1Seconds: number;
  /**
   * Seconds a Tier 2 sub adds.
   * @minimum 0
   * @maximum 31622400
   */
  tier2Seconds: number;
  /**
   * Seconds a Tier 3 sub adds.
   * @minimum 0
   * @maximum 31622400
   */
  tier3Seconds: number;
  /**
   * Seconds each gifted sub adds; null: as much as a sub of its tier.
   * @minimum 0
   * @maximum 31622400
   */
  giftedSubSeconds: number | null;
  /**
   * Seconds 100 bits add (a cheer of 250 bits adds two and a half times this).
   * @minimum 0
   * @maximum 31622400
   */
  per100BitsSeconds: number;
  /**
   * Seconds a follow adds; 0: follows add nothing.
   * @minimum 0
   * @maximum 31622400
   */
  followSeconds: number;
  /**
   * The longest the subathon may last in all (time run plus time left, pauses not counted),
   * in seconds; null: no cap. Time that would go past it is not added.
   * @minimum 1
   * @maximum 31622400
   */
  capSeconds: number | null;
}

/**
 * The timer's state: `idle` after a reset (events add nothing until it starts), `running`,
 * `paused` (events still add time), `ended` (it reached zero; events add nothing).
 */
export type SubathonState = 'idle' | 'running' | 'paused' | 'ended';

/** The last change of the time left: who added or took away how much. */
export interface SubathonChange {
  /** Milliseconds added (negative: taken away). */
  ms: Integer;
  /** `event`: a follow, sub, gift or cheer; `dashboard`: an admin's add or remove. */
  source: 'event' | 'dashboard';
  /** The event that added it, for `source: event`. */
  event?: TwitchEventType;
  /** Milliseconds the cap kept from being added. */
  cappedMs?: Integer;
  /**
   * ISO time of the change (tells one change from the next of the same size).
   * @format date-time
   */
  at: string;
}

/** The subathon timer, held by the service so every copy of the widget shows the same time. */
export interface SubathonData {
  state: SubathonState;
  /**
   * Milliseconds left at `at`. While running, what is left at any moment is `endsAt` minus now.
   * @minimum 0
   */
  remainingMs: Integer;
  /**
   * ISO time the timer reaches zero, while running; null otherwise.
   * @format date-time
   */
  endsAt: string | null;
  /**
   * Milliseconds it has run since the reset, at `at` (pauses not counted).
   * @minimum 0
   */
  elapsedMs: Integer;
  /**
   * ISO time of this reading.
   * @format date-time
   */
  at: string;
  /** True once the cap stops more time being added. */
  capped: boolean;
  /** The last change to the time left, if any since the reset. */
  lastChange?: SubathonChange | null;
  settings: SubathonSettings;
}

/** `{type:"subathon"}`: the subathon timer's state. State, like stats: sent on connect. */
export interface SubathonMessage {
  type: 'subathon';
  data: SubathonData;
}

/** Anything the stream carries in a `data:` line. */
export type StreamMessage =
  StatsMessage | EventMessage | StatusMessage | ControlMessage | LabelsMessage | SubathonMessage;

/*
 * Each message above, narrowed to one event type or one status component: what the JSON Schemas
 * name one by one (`/api/schemas/event.channel.follow.json`, `/api/schemas/status.poll.json`, …).
 */

/** Twitch's user fields as `broadcaster_user_*` (every event is about the broadcaster's channel). */
export interface BroadcasterFields {
  broadcaster_user_id: string;
  broadcaster_user_login: string;
  broadcaster_user_name: string;
}

/** A sub tier as Twitch spells it: `1000` is Tier 1 (and Prime), `2000` Tier 2, `3000` Tier 3. */
export type SubTier = '1000' | '2000' | '3000';

/** The `channel.follow` (v2) event object: a viewer followed the channel. */
export type ChannelFollowEvent = BroadcasterFields & {
  user_id: string;
  user_login: string;
  user_name: string;
  /** @format date-time */
  followed_at: string;
  [field: string]: unknown;
};

/** The `channel.subscribe` event object: a viewer subscribed (also each sub of a gift). */
export type ChannelSubscribeEvent = BroadcasterFields & {
  user_id: string;
  user_login: string;
  user_name: string;
  tier: SubTier;
  /** True when someone gifted this sub. */
  is_gift: boolean;
  [field: string]: unknown;
};

/** The `channel.subscription.gift` event object: a viewer (or someone anonymous) gifted subs. */
export type ChannelSubscriptionGiftEvent = BroadcasterFields & {
  /** null when the gift is anonymous. */
  user_id: string | null;
  user_login: string | null;
  user_name: string | null;
  /**
   * How many subs this gift holds.
   * @minimum 1
   */
  total: Integer;
  tier: SubTier;
  /** Subs this viewer has gifted in the channel; null when anonymous or not shared. */
  cumulative_total: Integer | null;
  is_anonymous: boolean;
  [field: string]: unknown;
};

/** The `channel.cheer` event object: a viewer (or someone anonymous) cheered bits. */
export type ChannelCheerEvent = BroadcasterFields & {
  is_anonymous: boolean;
  /** null when the cheer is anonymous. */
  user_id: string | null;
  user_login: string | null;
  user_name: string | null;
  /** The chat message with the cheer (empty on a recovered cheer: Helix does not keep it). */
  message: string;
  /**
   * @minimum 1
   */
  bits: Integer;
  [field: string]: unknown;
};

/** The `channel.raid` event object, as `to_broadcaster_user_id`: another channel raided this one. */
export type ChannelRaidEvent = {
  from_broadcaster_user_id: string;
  from_broadcaster_user_login: string;
  from_broadcaster_user_name: string;
  to_broadcaster_user_id: string;
  to_broadcaster_user_login: string;
  to_broadcaster_user_name: string;
  /**
   * How many viewers came along.
   * @minimum 0
   */
  viewers: Integer;
  [field: string]: unknown;
};

/** The `stream.online` event object: the channel went live. */
export type StreamOnlineEvent = BroadcasterFields & {
  /** The stream's id. */
  id: string;
  type: 'live' | 'playlist' | 'watch_party' | 'premiere' | 'rerun';
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `stream.offline` event object: the channel went offline. */
export type StreamOfflineEvent = BroadcasterFields & {
  [field: string]: unknown;
};

/** A viewer as Twitch's event objects name them inside lists. */
export interface TwitchUserFields {
  user_id: string;
  user_login: string;
  user_name: string;
}

/** The custom reward a channel points redemption is for. */
export interface ChannelPointsReward {
  id: string;
  title: string;
  /**
   * Its cost in channel points.
   * @minimum 0
   */
  cost: Integer;
  /** The reward's description ("" when it has none). */
  prompt: string;
  [field: string]: unknown;
}

/**
 * The `channel.channel_points_custom_reward_redemption.add` event object: a viewer redeemed a
 * custom channel points reward.
 */
export type ChannelPointsRedemptionAddEvent = BroadcasterFields &
  TwitchUserFields & {
    /** The redemption's id. */
    id: string;
    /** What the viewer typed, when the reward asks for input; "" otherwise. */
    user_input: string;
    status: 'unfulfilled' | 'unknown' | 'fulfilled' | 'canceled';
    reward: ChannelPointsReward;
    /** @format date-time */
    redeemed_at: string;
    [field: string]: unknown;
  };

/** One contributor on a hype train's board: their points of one kind. */
export type HypeTrainContribution = TwitchUserFields & {
  type: 'bits' | 'subscription' | 'other';
  /** @minimum 0 */
  total: Integer;
  [field: string]: unknown;
};

/** A channel taking part in a shared hype train. */
export type HypeTrainParticipant = BroadcasterFields & { [field: string]: unknown };

/** What begin, progress and end (version 2) of a hype train share. */
export type HypeTrainFields = BroadcasterFields & {
  /** The hype train's id: the same in its begin, progress and end. */
  id: string;
  type: 'regular' | 'golden_kappa' | 'treasure';
  /** @minimum 1 */
  level: Integer;
  /**
   * Points contributed in all.
   * @minimum 0
   */
  total: Integer;
  top_contributions: HypeTrainContribution[];
  is_shared_train: boolean;
  /** The channels of a shared hype train; null when it is not shared. */
  shared_train_participants: HypeTrainParticipant[] | null;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.hype_train.begin` (v2) event object: a hype train started. */
export type HypeTrainBeginEvent = HypeTrainFields & {
  /**
   * Points towards the next level.
   * @minimum 0
   */
  progress: Integer;
  /**
   * Points the next level needs.
   * @minimum 0
   */
  goal: Integer;
  /** @minimum 0 */
  all_time_high_level: Integer;
  /** @minimum 0 */
  all_time_high_total: Integer;
  /** @format date-time */
  expires_at: string;
};

/** The `channel.hype_train.progress` (v2) event object: a contribution (perhaps a new level). */
export type HypeTrainProgressEvent = HypeTrainFields & {
  /** @minimum 0 */
  progress: Integer;
  /** @minimum 0 */
  goal: Integer;
  /** @format date-time */
  expires_at: string;
};

/** The `channel.hype_train.end` (v2) event object: the hype train is over. */
export type HypeTrainEndEvent = HypeTrainFields & {
  /** @format date-time */
  ended_at: string;
  /** @format date-time */
  cooldown_ends_at: string;
};

/** The kinds of creator goal. */
export type ChannelGoalType =
  | 'follower'
  | 'subscription'
  | 'subscription_count'
  | 'new_subscription'
  | 'new_subscription_count'
  | 'new_bit'
  | 'new_cheerer';

/** What begin, progress and end of a creator goal share. */
export type ChannelGoalFields = BroadcasterFields & {
  /** The goal's id: the same in its begin, progress and end. */
  id: string;
  type: ChannelGoalType;
  /** The streamer's words for it ("" when none). */
  description: string;
  /** @minimum 0 */
  current_amount: Integer;
  /** @minimum 0 */
  target_amount: Integer;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.goal.begin` event object: the streamer set a creator goal. */
export type ChannelGoalBeginEvent = ChannelGoalFields;

/** The `channel.goal.progress` event object: the goal's amount moved. */
export type ChannelGoalProgressEvent = ChannelGoalFields;

/** The `channel.goal.end` event object: the goal ended (reached or not). */
export type ChannelGoalEndEvent = ChannelGoalFields & {
  is_achieved: boolean;
  /** @format date-time */
  ended_at: string;
};

/** A poll choice as `channel.poll.begin` gives it. */
export interface ChannelPollBeginChoice {
  id: string;
  title: string;
  [field: string]: unknown;
}

/** A poll choice with its votes. */
export type ChannelPollChoice = ChannelPollBeginChoice & {
  /** Always 0: Twitch no longer takes bits in polls. */
  bits_votes: Integer;
  /** @minimum 0 */
  channel_points_votes: Integer;
  /**
   * Every vote, channel points votes included.
   * @minimum 0
   */
  votes: Integer;
};

/** Whether a poll takes votes bought with bits or channel points, and at what price. */
export interface ChannelPollVoting {
  is_enabled: boolean;
  /** @minimum 0 */
  amount_per_vote: Integer;
  [field: string]: unknown;
}

/** What begin, progress and end of a poll share. */
export type ChannelPollFields = BroadcasterFields & {
  /** The poll's id: the same in its begin, progress and end. */
  id: string;
  /** The question. */
  title: string;
  bits_voting: ChannelPollVoting;
  channel_points_voting: ChannelPollVoting;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.poll.begin` event object: a poll started. */
export type ChannelPollBeginEvent = ChannelPollFields & {
  choices: ChannelPollBeginChoice[];
  /** @format date-time */
  ends_at: string;
};

/** The `channel.poll.progress` event object: votes came in. */
export type ChannelPollProgressEvent = ChannelPollFields & {
  choices: ChannelPollChoice[];
  /** @format date-time */
  ends_at: string;
};

/** The `channel.poll.end` event object: the poll ended. */
export type ChannelPollEndEvent = ChannelPollFields & {
  choices: ChannelPollChoice[];
  status: 'completed' | 'archived' | 'terminated';
  /** @format date-time */
  ended_at: string;
};

/** A prediction outcome as `channel.prediction.begin` gives it. */
export interface ChannelPredictionBeginOutcome {
  id: string;
  title: string;
  color: 'blue' | 'pink';
  [field: string]: unknown;
}

/** One of the viewers who put the most channel points on an outcome. */
export type ChannelPredictionPredictor = TwitchUserFields & {
  /** Null until the prediction ends; 0 for a losing outcome or a refund. */
  channel_points_won: Integer | null;
  /** @minimum 0 */
  channel_points_used: Integer;
  [field: string]: unknown;
};

/** A prediction outcome with the channel points on it. */
export type ChannelPredictionOutcome = ChannelPredictionBeginOutcome & {
  /**
   * Viewers who predicted it.
   * @minimum 0
   */
  users: Integer;
  /** @minimum 0 */
  channel_points: Integer;
  /** Up to ten, most points first. */
  top_predictors: ChannelPredictionPredictor[];
};

/** What begin, progress, lock and end of a prediction share. */
export type ChannelPredictionFields = BroadcasterFields & {
  /** The prediction's id: the same in its begin, progress, lock and end. */
  id: string;
  title: string;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.prediction.begin` event object: a prediction started. */
export type ChannelPredictionBeginEvent = ChannelPredictionFields & {
  outcomes: ChannelPredictionBeginOutcome[];
  /** @format date-time */
  locks_at: string;
};

/** The `channel.prediction.progress` event object: viewers predicted. */
export type ChannelPredictionProgressEvent = ChannelPredictionFields & {
  outcomes: ChannelPredictionOutcome[];
  /** @format date-time */
  locks_at: string;
};

/** The `channel.prediction.lock` event object: no more predictions. */
export type ChannelPredictionLockEvent = ChannelPredictionFields & {
  outcomes: ChannelPredictionOutcome[];
  /** @format date-time */
  locked_at: string;
};

/** The `channel.prediction.end` event object: resolved with a winner, or canceled (points refunded). */
export type ChannelPredictionEndEvent = ChannelPredictionFields & {
  /** Null when canceled. */
  winning_outcome_id: string | null;
  outcomes: ChannelPredictionOutcome[];
  status: 'resolved' | 'canceled';
  /** @format date-time */
  ended_at: string;
};

/** The event object of each EventSub type, as Twitch sends it (snake_case; Twitch may add fields). */
export interface TwitchEventDataByType {
  'channel.follow': ChannelFollowEvent;
  'channel.subscribe': ChannelSubscribeEvent;
  'channel.subscription.gift': ChannelSubscriptionGiftEvent;
  'channel.cheer': ChannelCheerEvent;
  'channel.raid': ChannelRaidEvent;
  'stream.online': StreamOnlineEvent;
  'stream.offline': StreamOfflineEvent;
  'channel.channel_points_custom_reward_redemption.add': ChannelPointsRedemptionAddEvent;
  'channel.hype_train.begin': HypeTrainBeginEvent;
  'channel.hype_train.progress': HypeTrainProgressEvent;
  'channel.hype_train.end': HypeTrainEndEvent;
  'channel.goal.begin': ChannelGoalBeginEvent;
  'channel.goal.progress': ChannelGoalProgressEvent;
  'channel.goal.end': ChannelGoalEndEvent;
  'channel.poll.begin': ChannelPollBeginEvent;
  'channel.poll.progress': ChannelPollProgressEvent;
  'channel.poll.end': ChannelPollEndEvent;
  'channel.prediction.begin': ChannelPredictionBeginEvent;
  'channel.prediction.progress': ChannelPredictionProgressEvent;
  'channel.prediction.lock': ChannelPredictionLockEvent;
  'channel.prediction.end': ChannelPredictionEndEvent;
}

/** `{type:"event"}` of one EventSub type, with that type's event object. */
export interface TwitchEventMessage<E extends TwitchEventType> extends EventMessage {
  event: E;
  data: TwitchEventDataByType[E];
}

/** `{type:"event","event":"channel.follow"}` */
export type ChannelFollowMessage = TwitchEventMessage<'channel.follow'>;
/** `{type:"event","event":"channel.subscribe"}` */
export type ChannelSubscribeMessage = TwitchEventMessage<'channel.subscribe'>;
/** `{type:"event","event":"channel.subscription.gift"}` */
export type ChannelSubscriptionGiftMessage = TwitchEventMessage<'channel.subscription.gift'>;
/** `{type:"event","event":"channel.cheer"}` */
export type ChannelCheerMessage = TwitchEventMessage<'channel.cheer'>;
/** `{type:"event","event":"channel.raid"}` */
export type ChannelRaidMessage = TwitchEventMessage<'channel.raid'>;
/** `{type:"event","event":"stream.online"}` */
export type StreamOnlineMessage = TwitchEventMessage<'stream.online'>;
/** `{type:"event","event":"stream.offline"}` */
export type StreamOfflineMessage = TwitchEventMessage<'stream.offline'>;
/** `{type:"event","event":"channel.channel_points_custom_reward_redemption.add"}` */
export type ChannelPointsRedemptionAddMessage =
  TwitchEventMessage<'channel.channel_points_custom_reward_redemption.add'>;
/** `{type:"event","event":"channel.hype_train.begin"}` */
export type HypeTrainBeginMessage = TwitchEventMessage<'channel.hype_train.begin'>;
/** `{type:"event","event":"channel.hype_train.progress"}` */
export type HypeTrainProgressMessage = TwitchEventMessage<'channel.hype_train.progress'>;
/** `{type:"event","event":"channel.hype_train.end"}` */
export type HypeTrainEndMessage = TwitchEventMessage<'channel.hype_train.end'>;
/** `{type:"event","event":"channel.goal.begin"}` */
export type ChannelGoalBeginMessage = TwitchEventMessage<'channel.goal.begin'>;
/** `{type:"event","event":"channel.goal.progress"}` */
export type ChannelGoalProgressMessage = TwitchEventMessage<'channel.goal.progress'>;
/** `{type:"event","event":"channel.goal.end"}` */
export type ChannelGoalEndMessage = TwitchEventMessage<'channel.goal.end'>;
/** `{type:"event","event":"channel.poll.begin"}` */
export type ChannelPollBeginMessage = TwitchEventMessage<'channel.poll.begin'>;
/** `{type:"event","event":"channel.poll.progress"}` */
export type ChannelPollProgressMessage = TwitchEventMessage<'channel.poll.progress'>;
/** `{type:"event","event":"channel.poll.end"}` */
export type ChannelPollEndMessage = TwitchEventMessage<'channel.poll.end'>;
/** `{type:"event","event":"channel.prediction.begin"}` */
export type ChannelPredictionBeginMessage = TwitchEventMessage<'channel.prediction.begin'>;
/** `{type:"event","event":"channel.prediction.progress"}` */
export type ChannelPredictionProgressMessage = TwitchEventMessage<'channel.prediction.progress'>;
/** `{type:"event","event":"channel.prediction.lock"}` */
export type ChannelPredictionLockMessage = TwitchEventMessage<'channel.prediction.lock'>;
/** `{type:"event","event":"channel.prediction.end"}` */
export type ChannelPredictionEndMessage = TwitchEventMessage<'channel.prediction.end'>;

/** Any `{type:"event"}`, with the event object of its type. */
export type AnyTwitchEventMessage =
  | ChannelFollowMessage
  | ChannelSubscribeMessage
  | ChannelSubscriptionGiftMessage
  | ChannelCheerMessage
  | ChannelRaidMessage
  | StreamOnlineMessage
  | StreamOfflineMessage
  | ChannelPointsRedemptionAddMessage
  | HypeTrainBeginMessage
  | HypeTrainProgressMessage
  | HypeTrainEndMessage
  | ChannelGoalBeginMessage
  | ChannelGoalProgressMessage
  | ChannelGoalEndMessage
  | ChannelPollBeginMessage
  | ChannelPollProgressMessage
  | ChannelPollEndMessage
  | ChannelPredictionBeginMessage
  | ChannelPredictionProgressMessage
  | ChannelPredictionLockMessage
  | ChannelPredictionEndMessage;

/** `{type:"status","data":{"eventsub":…}}`: the EventSub connection changed. */
export interface EventSubStatusMessage extends StatusMessage {
  data: { eventsub: EventSubStatus };
}

/** `{type:"status","data":{"poll":…}}`: the Helix stats poll changed. */
export interface PollStatusMessage extends StatusMessage {
  data: { poll: PollStatus };
}

/** `{type:"status","data":{"auth":…}}`: the Twitch sign-in changed. */
export interface AuthStatusMessage extends StatusMessage {
  data: { auth: AuthStatus };
}

/** `{type:"status","data":{"recovery":…}}`: a gap's recovery through Helix, started or finished. */
export interface RecoveryStatusMessage extends StatusMessage {
  data: { recovery: RecoveryReport };
}

/** `{type:"status","data":{"eventLog":…}}`: whether the event log is written to disk. */
export interface EventLogStatusMessage extends StatusMessage {
  data: { eventLog: EventLogStatus };
}

/** `{type:"status","data":{"cluster":…}}`: which instance leads, and Redis outages (REDIS_URL). */
export interface ClusterStatusMessage extends StatusMessage {
  data: { cluster: ClusterStatus };
}

/** `{type:"status","data":{"replay":"incomplete",…}}`: sent to one resuming client only. */
export interface ReplayIncompleteMessage extends StatusMessage {
  data: ReplayIncomplete;
}

/** Any `{type:"status"}`, by component. */
export type AnyStatusMessage =
  | EventSubStatusMessage
  | PollStatusMessage
  | AuthStatusMessage
  | RecoveryStatusMessage
  | EventLogStatusMessage
  | ClusterStatusMessage
  | ReplayIncompleteMessage;

/** Every message the stream carries, one variant per event type and status component. */
export type StreamMessageVariant =
  | StatsMessage
  | AnyTwitchEventMessage
  | AnyStatusMessage
  | ControlMessage
  | LabelsMessage
  | SubathonMessage;

/** The message types a client can ask for with `?types=`. */
export const STREAM_MESSAGE_TYPES = [
  'stats',
  'event',
  'status',
  'control',
  'labels',
  'subathon',
] as const;
export type StreamMessageType = (typeof STREAM_MESSAGE_TYPES)[number];

/** The path of the stream. */
export const STREAM_PATH = '/api/twitch/stream';
