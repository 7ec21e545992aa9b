import type { TwitchEventType } from '../twitch-events.js';
import type { EventSubGap } from './event-message.js';
import type { Integer } from './integer.js';

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
 * Several instances on Redis (REDIS_URL): which one holds the Twitch connection, which one stands
 * by with an EventSub session of its own, and the last time Redis was away. Sent by the leader
 * when it takes the lead, when the standby changes, and when Redis is back after an outage
 * (nothing reaches clients while Redis is away: a message goes out once Redis has it).
 */
export interface ClusterStatus {
  /** The instance holding the Twitch connection (its INSTANCE_ID). */
  leader: string;
  /**
   * Since when it leads.
   * @format date-time
   */
  leaderSince: string;
  /**
   * The hot standby (its INSTANCE_ID): it holds its own EventSub session with the same
   * subscriptions and takes over when the leader dies, losing nothing. Null: none (one instance,
   * or STANDBY=false). Absent from a leader that predates the standby.
   */
  standby?: string | null;
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
