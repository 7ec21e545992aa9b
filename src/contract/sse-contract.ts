/**
 * The SSE contract: what `GET /api/twitch/stream` sends. The server and the widget code are both
 * checked against this file; fields may be added, never renamed or removed. The JSON Schemas at
 * `/api/schemas/` are generated from it (`npm run docs:schemas`; the `@format` and `@minimum` tags
 * are for them), and every message the end-to-end tests receive is checked against those.
 */
import type { TwitchEventType } from './twitch-events.js';

export { TWITCH_EVENT_TYPES, isTwitchEventType, type TwitchEventType } from './twitch-events.js';

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
}

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

/** The event object of each EventSub type, as Twitch sends it (snake_case; Twitch may add fields). */
export interface TwitchEventDataByType {
  'channel.follow': ChannelFollowEvent;
  'channel.subscribe': ChannelSubscribeEvent;
  'channel.subscription.gift': ChannelSubscriptionGiftEvent;
  'channel.cheer': ChannelCheerEvent;
  'channel.raid': ChannelRaidEvent;
  'stream.online': StreamOnlineEvent;
  'stream.offline': StreamOfflineEvent;
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

/** Any `{type:"event"}`, with the event object of its type. */
export type AnyTwitchEventMessage =
  | ChannelFollowMessage
  | ChannelSubscribeMessage
  | ChannelSubscriptionGiftMessage
  | ChannelCheerMessage
  | ChannelRaidMessage
  | StreamOnlineMessage
  | StreamOfflineMessage;

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
