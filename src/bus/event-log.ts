import type { Observable } from 'rxjs';
import type { EventLogStatus, StreamMessage, TwitchEventType } from '../contract/sse-contract.js';
import type { PublishedMessage } from './published-message.js';

/**
 * How the log keeps a message: an event is history (replayed to clients that missed it); a chat
 * event (`isChatHistory`) is history too, kept apart under chat's own, shorter retention
 * (`ChatRetention`), so that a busy chat never pushes another event out; a state message (stats,
 * a component's status, pause) is kept only as the latest under its key; a one-shot command
 * (skip) gets an id and is not kept at all.
 */
export type Retention =
  | { readonly kind: 'history' }
  | { readonly kind: 'chat' }
  | { readonly kind: 'state'; readonly key: StateKey }
  | { readonly kind: 'transient' };

/**
 * How much chat a log keeps: at most `maxMessages` chat events, none older than `maxAgeMs`
 * (EVENT_LOG_CHAT_MAX_MESSAGES, EVENT_LOG_CHAT_MAX_AGE_HOURS). Chat has a history of its own:
 * other events are kept as their own limits say, however much chat there is.
 */
export interface ChatRetention {
  readonly maxMessages: number;
  readonly maxAgeMs: number;
}

/** Chat's retention where none is given: EVENT_LOG_CHAT_MAX_MESSAGES' and _AGE_HOURS' defaults. */
export const DEFAULT_CHAT_RETENTION: ChatRetention = {
  maxMessages: 5_000,
  maxAgeMs: 24 * 3_600_000,
};

/**
 * Where a state message is kept: `stats`, `status:<component>`, `control:pause`, or what the
 * service computes for widgets (`labels`, `subathon`).
 */
export type StateKey = 'stats' | `status:${string}` | 'control:pause' | 'labels' | 'subathon';

/**
 * The event types a reader wants: a set (possibly empty) or null for every type. A reader that
 * asked only for raids has missed nothing when the events that are gone were all follows.
 */
export type WantedEvents = ReadonlySet<TwitchEventType> | null;

/** What a client that saw everything up to an id has missed. */
export interface LogReadAfter {
  /**
   * false when events after the id that the reader wants are no longer kept (or the id is not
   * from this log).
   */
  readonly complete: boolean;
  /** Kept events after the id, oldest first (empty when incomplete). */
  readonly events: PublishedMessage[];
}

/** Which events `EventLog.eventsPage` reads: a window of ids, some event types, at most `limit`. */
export interface EventsPageQuery {
  /** Only events with a lower id (paging back in time). */
  readonly before?: number;
  /**
   * Only events with a higher id. With it, the page holds the events right after this id (paging
   * forward); without it, the newest ones below `before`.
   */
  readonly after?: number;
  /** Only these event types (null or absent: every type). */
  readonly types?: WantedEvents;
  /** At most this many events. */
  readonly limit: number;
}

/**
 * The storage under the bus: gives every message its global id and keeps what clients may ask for
 * again (history for replay, the latest state per key). The SSE code reads it through the bus and
 * never knows which implementation runs: in memory, on disk (SQLite), or shared by several
 * instances in Redis (a `SharedEventLog`, which has a few members more). Calls are synchronous —
 * an implementation over a remote store keeps a local copy.
 */
export interface EventLog {
  /** Gives `message` the next id, keeps it as `retention` says, and returns it serialised once. */
  append(message: StreamMessage, retention: Retention, receivedAt?: number): PublishedMessage;
  /** The id of the newest message (the log's first id minus one before any). */
  readonly lastId: number;
  /** The oldest event kept, or null when none is (chat aside: see `chatEventCount`). */
  readonly oldestEventId: number | null;
  /** How many events are kept, and at most (chat aside: it has its own retention). */
  readonly eventCount: number;
  readonly eventCapacity: number;
  /** How many chat events are kept, and at most (`ChatRetention`). */
  readonly chatEventCount: number;
  readonly chatEventCapacity: number;
  /**
   * The kept events after `id`, if none of the `wanted` ones (default: all) after it is gone;
   * with `limit`, only the oldest `limit` of them (a deep replay is read a page at a time). The
   * events are those of the histories the wanted types are kept in — chat, the others, or both —
   * so a reader that wants no chat never pages through it (the caller filters by type).
   */
  eventsAfter(id: number, wanted?: WantedEvents, limit?: number): LogReadAfter;
  /** A kept event by id. */
  event(id: number): PublishedMessage | undefined;
  /**
   * The newest `limit` events of the histories the `wanted` types are kept in (default: both,
   * chat included), oldest first.
   */
  latestEvents(limit: number, wanted?: WantedEvents): PublishedMessage[];
  /** One page of the kept events (see `EventsPageQuery`), newest first. */
  eventsPage(query: EventsPageQuery): PublishedMessage[];
  /** The latest state message per key, oldest first. */
  states(): PublishedMessage[];
  /** The latest state message under `key`. */
  state(key: StateKey): PublishedMessage | undefined;
  /** Lets go of what the log holds open (a file); nothing is appended after. */
  close(): void;
  /** Whether messages reach durable storage, for a log that has any (absent: memory only by design). */
  readonly status$?: Observable<EventLogStatus>;
  /** How `status$` stands now (absent where it is absent). */
  readonly status?: EventLogStatus;
}
