import type { Observable } from 'rxjs';
import type { EventLogStatus, StreamMessage, TwitchEventType } from '../contract/sse-contract.js';
import type { PublishedMessage } from './published-message.js';

/**
 * How the log keeps a message: an event is history (replayed to clients that missed it); a state
 * message (stats, a component's status, pause) is kept only as the latest under its key; a
 * one-shot command (skip) gets an id and is not kept at all.
 */
export type Retention =
  | { readonly kind: 'history' }
  | { readonly kind: 'state'; readonly key: StateKey }
  | { readonly kind: 'transient' };

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
  /** The oldest event kept, or null when none is. */
  readonly oldestEventId: number | null;
  /** How many events are kept, and at most. */
  readonly eventCount: number;
  readonly eventCapacity: number;
  /**
   * The kept events after `id` (of every type), if none of the `wanted` ones (default: all) after
   * it is gone; with `limit`, only the oldest `limit` of them (a deep replay is read a page at a
   * time).
   */
  eventsAfter(id: number, wanted?: WantedEvents, limit?: number): LogReadAfter;
  /** A kept event by id. */
  event(id: number): PublishedMessage | undefined;
  /** The newest `limit` events, oldest first. */
  latestEvents(limit: number): PublishedMessage[];
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
