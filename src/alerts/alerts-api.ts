/**
 * The JSON of the alert routes, shared by the server and the dashboard (which is checked against
 * these types). Types only: the dashboard imports nothing at run time from here.
 */
import type { EventMessage, SubTier, TwitchEventType } from '../contract/sse-contract.js';

// A whole number: `number` to TypeScript, "integer" in the schemas (scripts/json-schemas.mjs).
/** @asType integer */
type Integer = number;

/** An event object as Twitch sends it: snake_case fields. */
export type TwitchEventData = Record<string, unknown>;

/**
 * `POST /api/admin/test-events` body: which event, and fields to put over the sample's. Its JSON
 * Schema (generated from this type) both documents the route and validates the body.
 * @example {"event": "channel.cheer", "data": {"bits": 500}}
 */
export interface TestEventRequest {
  event: TwitchEventType;
  /**
   * Event fields to put over the sample's.
   * @example {"bits": 500}
   */
  data?: TestEventOverrides;
}

/**
 * Fields of a test event: Twitch's event objects are flat, so each is a string, a number,
 * true/false or null, never a nested object; amounts are whole numbers within Twitch's bounds.
 */
export interface TestEventOverrides {
  /** @minimum 1 */
  bits?: Integer;
  /** @minimum 1 */
  total?: Integer;
  /** @minimum 1 */
  cumulative_total?: Integer | null;
  /** @minimum 0 */
  viewers?: Integer;
  is_anonymous?: boolean;
  is_gift?: boolean;
  tier?: SubTier;
  [field: string]: string | number | boolean | null | undefined;
}

/** `POST /api/admin/test-events` answer. */
export interface TestEventResponse {
  /** The id it went out under, or null when it takes another path (the simulator) first. */
  id: number | null;
  event: TwitchEventType;
  data: TwitchEventData;
}

/** A command for the alert boxes. */
export type AlertControlAction = 'pause' | 'resume' | 'skip';

/** `POST /api/admin/alerts/:action` answer. */
export interface AlertControlResponse {
  id: number;
  action: AlertControlAction;
}

/** `POST /api/admin/events/:id/replay` answer. */
export interface EventReplayResponse {
  /** The id of the new message. */
  id: Integer;
  /** The id the event was first sent with. */
  replayOf: Integer;
}

/** One event of `GET /api/events` and `GET /api/events/recent`, with the id it went out under. */
export interface RecentEvent {
  id: number;
  message: EventMessage;
}

/** `GET /api/events/recent` answer. */
export interface RecentEventsResponse {
  /** The newest buffered events, oldest first. */
  events: RecentEvent[];
  /** The id of the latest message published (any type). */
  lastId: number;
  /** How many events the replay buffer keeps: older ones can no longer be replayed. */
  capacity: number;
}

/** `GET /api/events` answer: one page of the event log, newest first. */
export interface EventHistoryResponse {
  /** Newest first. */
  events: RecentEvent[];
  /**
   * Where the next page starts: pass it as `before` for older events (as `after` when this page
   * was asked for with `after`). null when the log holds no more.
   */
  nextCursor: number | null;
  /** The next page's path and query, ready to GET; null when the log holds no more. */
  next: string | null;
  /** The id of the latest message published (any type). */
  lastId: number;
  /** The oldest event the log keeps (any type); null when it keeps none. */
  oldestId: number | null; /**
   * true while the event log cannot write to disk (disk full, not writable): events published
   * since `incompleteSince` may be missing from this answer until it can again (the stream still
   * delivers them). false otherwise.
   */
  incomplete: boolean;
  /**
   * When the event log stopped writing, while `incomplete`.
   * @format date-time
   */
  incompleteSince?: string;
}
