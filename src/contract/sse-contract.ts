/**
 * The SSE contract: what `GET /api/twitch/stream` sends. The server and the widget code are both
 * checked against this file; fields may be added, never renamed or removed.
 */
import type { TwitchEventType } from './twitch-events.js';

export { TWITCH_EVENT_TYPES, isTwitchEventType, type TwitchEventType } from './twitch-events.js';

/** Channel numbers, polled from Helix and moved at once by events. */
export interface StatsData {
  live: boolean;
  viewers: number;
  followers: number;
  subs: number;
  /** Sub points (Helix `points`), when known. */
  subPoints?: number;
  title?: string;
  game?: string;
  /** ISO time the stream went live, when live. */
  startedAt?: string | null;
  /** ISO time of the last successful poll; null before the first one. */
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
  replayOf?: number;
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
   */
  sentAt?: string;
}

/** A time when EventSub was not receiving (disconnected, or the service down). */
export interface EventSubGap {
  /** ISO time the last session stopped receiving (or the service stopped). */
  start: string;
  /** ISO time receiving resumed. */
  end: string;
}

/** What the service recovered through Helix after a gap, and what it could not. */
export interface RecoveryReport extends EventSubGap {
  state: 'recovering' | 'done' | 'failed';
  /** How many events of each type were recovered and published (marked `recovered`). */
  recovered: Partial<Record<TwitchEventType, number>>;
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
  lastCloseCode?: number | null;
  lastCloseReason?: string | null;
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
  lastPollAt: string | null;
  ok: boolean;
  error?: string;
  nextPollAt?: string | null;
}

/** Told to one client whose `Last-Event-ID` is older than the replay buffer (or from another run). */
export interface ReplayIncomplete {
  replay: 'incomplete';
  /** The id the client asked to resume after. */
  requestedId: number;
  /** The oldest id still buffered, or null when the buffer is empty. */
  oldestBufferedId: number | null;
  /** The latest id published. */
  latestId: number;
}

/** `{type:"status"}`: a change of state of one component (one key in `data`). */
export type StatusData =
  | { eventsub: EventSubStatus }
  | { poll: PollStatus }
  | { auth: { state: 'ok' | 'unauthorized' | 'signed-out'; detail?: string } }
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

/** Anything the stream carries in a `data:` line. */
export type StreamMessage = StatsMessage | EventMessage | StatusMessage | ControlMessage;

/** The message types a client can ask for with `?types=`. */
export const STREAM_MESSAGE_TYPES = ['stats', 'event', 'status', 'control'] as const;
export type StreamMessageType = (typeof STREAM_MESSAGE_TYPES)[number];

/** The path of the stream. */
export const STREAM_PATH = '/api/twitch/stream';
