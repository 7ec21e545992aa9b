import type { WantedEvents } from '../bus/event-log.js';
import {
  STREAM_MESSAGE_TYPES,
  TWITCH_EVENT_TYPES,
  isTwitchEventType,
  type StreamMessage,
  type StreamMessageType,
  type TwitchEventType,
} from '../contract/sse-contract.js';

/** Which messages one client asked for with `?types=` and `?events=`; null means "all". */
export interface StreamFilter {
  readonly types: ReadonlySet<StreamMessageType> | null;
  readonly events: ReadonlySet<TwitchEventType> | null;
}

/** A filter naming a type this service does not know: which, and the names it does know. */
export class StreamFilterError extends Error {
  override readonly name = 'StreamFilterError';
}

/**
 * Reads `?types=stats,event` and `?events=channel.follow,channel.raid`. A name this service does
 * not know is refused (`StreamFilterError`): a typo would otherwise open a stream that sends only
 * pings, and a widget asking for a type from a newer version is told so rather than sit silent.
 */
export function parseStreamFilter(types?: unknown, events?: unknown): StreamFilter {
  return {
    types: parseList(
      'types',
      'a message type',
      types,
      STREAM_MESSAGE_TYPES,
      (name): name is StreamMessageType =>
        (STREAM_MESSAGE_TYPES as readonly string[]).includes(name),
    ),
    events: parseList('events', 'an event type', events, TWITCH_EVENT_TYPES, isTwitchEventType),
  };
}

/**
 * Refuses `events[]=`, `types[0]=` and the like for the parameters a route reads (PHP and jQuery
 * spell lists so): each would be another parameter, ignored, and the answer would hold every type
 * instead of the ones asked for.
 */
export function refuseBracketLists(given: Iterable<string>, read: readonly string[]): void {
  for (const name of given) {
    const base = name.slice(0, Math.max(0, name.indexOf('[')));
    if (read.includes(base)) {
      throw new StreamFilterError(
        `${shown(name)} is not a parameter this service reads: send ${base} once, as a comma-separated list (${base}=a,b).`,
      );
    }
  }
}

/** Whether a message passes the filter. */
export function matches(filter: StreamFilter, message: StreamMessage): boolean {
  if (filter.types && !filter.types.has(message.type)) return false;
  if (filter.events && message.type === 'event' && !filter.events.has(message.event)) return false;
  return true;
}

/** The event types a filter lets through: null for all of them, an empty set for none. */
export function wantedEvents(filter: StreamFilter): WantedEvents {
  if (filter.types && !filter.types.has('event')) return new Set();
  return filter.events;
}

/** The same text for filters that let the same messages through, so their clients share a match. */
export function filterKey(filter: StreamFilter): string {
  const list = (names: ReadonlySet<string> | null) => (names ? [...names].sort().join(',') : '*');
  return `${list(filter.types)}|${list(filter.events)}`;
}

function parseList<T extends string>(
  parameter: string,
  what: string,
  raw: unknown,
  all: readonly string[],
  known: (name: string) => name is T,
): Set<T> | null {
  // Express gives an array for a repeated parameter (?types=a&types=b); accept both forms.
  const values = Array.isArray(raw) ? raw : [raw];
  const text = values.filter((value): value is string => typeof value === 'string').join(',');
  if (text.trim() === '') return null;
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !known(name));
  if (unknown.length > 0) {
    throw new StreamFilterError(
      `${parameter} names ${unknown.length === 1 ? what : `${what.replace(/^an? /, '')}s`} this service does not know: ${unknown
        .slice(0, 5)
        .map((name) => `"${shown(name)}"`)
        .join(
          ', ',
        )}${unknown.length > 5 ? ', …' : ''}. Send a comma-separated list of: ${all.join(', ')}.`,
    );
  }
  return new Set(names as T[]);
}

/** A name for an error message: a long one cut. */
function shown(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}...` : name;
}
