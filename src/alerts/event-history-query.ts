import type { EventsPageQuery, WantedEvents } from '../bus/event-log.js';
import { TWITCH_EVENT_TYPES } from '../contract/sse-contract.js';
import {
  parseStreamFilter,
  refuseBracketLists,
  StreamFilterError,
} from '../stream/stream-filter.js';

/** How many events a page of `GET /api/events` holds without `?limit=`, and at most. */
export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 500;

/** The query of `GET /api/events`, as Express hands it over. */
export interface EventHistoryParams {
  readonly before?: unknown;
  readonly after?: unknown;
  readonly events?: unknown;
  readonly limit?: unknown;
}

/** A query parameter of `GET /api/events` that cannot be read: which one, and what to send. */
export class EventHistoryQueryError extends Error {}

/**
 * Reads `?before=<id>&after=<id>&events=<types>&limit=<n>`. `events` is read like the stream's
 * (comma-separated EventSub types): an unknown name, a list naming no type at all, or a list
 * spelled `events[]=` is refused, as a typo rather than a wish for every type or none.
 */
export function parseEventHistoryQuery(params: EventHistoryParams): EventsPageQuery {
  const before = parseId('before', params.before);
  const after = parseId('after', params.after);
  const types = parseEvents(params);
  return {
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    ...(types ? { types } : {}),
    limit: parseLimit(params.limit),
  };
}

function parseEvents(params: EventHistoryParams): WantedEvents {
  let types: WantedEvents;
  try {
    refuseBracketLists(Object.keys(params), ['before', 'after', 'events', 'limit']);
    types = parseStreamFilter(undefined, params.events).events;
  } catch (error) {
    if (error instanceof StreamFilterError) throw new EventHistoryQueryError(error.message);
    throw error;
  }
  if (types?.size === 0) {
    throw new EventHistoryQueryError(
      `events names no event type (got "${shown(params.events)}"). Send a comma-separated list of: ${TWITCH_EVENT_TYPES.join(', ')}.`,
    );
  }
  return types;
}

function parseId(name: 'before' | 'after', raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw === 'string' && /^\d{1,16}$/.test(raw) && Number.isSafeInteger(Number(raw))) {
    return Number(raw);
  }
  throw new EventHistoryQueryError(
    `${name} must be one event id (a whole number), such as the nextCursor of the page before; got "${shown(raw)}".`,
  );
}

function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return HISTORY_DEFAULT_LIMIT;
  const limit = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (limit >= 1 && limit <= HISTORY_MAX_LIMIT) return limit;
  throw new EventHistoryQueryError(
    `limit must be a whole number from 1 to ${HISTORY_MAX_LIMIT} (default ${HISTORY_DEFAULT_LIMIT}); got "${shown(raw)}".`,
  );
}

/** A parameter's value for an error message: repeated ones joined, long ones cut. */
function shown(raw: unknown): string {
  const text = Array.isArray(raw) ? raw.map(String).join('&') : String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
