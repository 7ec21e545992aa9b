import type { WantedEvents } from '../bus/event-log.js';
import {
  STREAM_MESSAGE_TYPES,
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

/**
 * Reads `?types=stats,event` and `?events=channel.follow,channel.raid`. Unknown names are ignored
 * rather than refused, so a widget built for a newer event type still gets the rest; a list that
 * names nothing known lets nothing of that kind through.
 */
export function parseStreamFilter(types?: unknown, events?: unknown): StreamFilter {
  return {
    types: parseList(types, (name): name is StreamMessageType =>
      (STREAM_MESSAGE_TYPES as readonly string[]).includes(name),
    ),
    events: parseList(events, isTwitchEventType),
  };
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
  raw: unknown,
  known: (name: string) => name is T,
): Set<T> | null {
  // Express gives an array for a repeated parameter (?types=a&types=b); accept both forms.
  const values = Array.isArray(raw) ? raw : [raw];
  const text = values.filter((value): value is string => typeof value === 'string').join(',');
  if (text.trim() === '') return null;
  const names = text.split(',').map((name) => name.trim());
  return new Set(names.filter(known));
}
