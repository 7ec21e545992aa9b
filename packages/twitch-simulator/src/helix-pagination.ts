import { TwitchHttpError } from './http-exchange.js';

/** A page of a Helix list and the cursor of the next one (`{}` on the last page, as Helix writes it). */
export interface Page<T> {
  items: T[];
  pagination: { cursor?: string };
}

/** Something with a place in the order things happened: later is greater. */
export interface Sequenced {
  readonly sequence: number;
}

/** `first`: 1–100, 20 when absent (Helix's rule for every list endpoint the simulator serves). */
function pageSize(query: URLSearchParams): number {
  const raw = query.get('first');
  const first = raw === null ? 20 : Number(raw);
  if (raw === '' || !Number.isInteger(first) || first < 1 || first > 100) {
    throw new TwitchHttpError(400, 'The parameter "first" must be a whole number from 1 to 100');
  }
  return first;
}

function encodeCursor(value: Record<string, number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The number under `key` in an `after` cursor this simulator made, or 400 as Helix answers a bad cursor. */
function decodeCursor(cursor: string, key: string): number {
  let value: unknown;
  try {
    value = (
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>
    )[key];
  } catch {
    value = undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TwitchHttpError(400, 'The parameter "after" is not a valid cursor');
  }
  return value;
}

/**
 * `first` and `after` over a list kept newest first. The cursor names the last item given, not a
 * position, so follows or subs that arrive while a client pages shift nothing: every page carries on
 * where the last one ended, with no item given twice or left out (Helix's cursors behave so).
 */
export function paginateNewestFirst<T extends Sequenced>(
  newestFirst: readonly T[],
  query: URLSearchParams,
): Page<T> {
  const first = pageSize(query);
  const after = query.get('after');
  const before = after === null || after === '' ? Infinity : decodeCursor(after, 's');
  const older = newestFirst.filter((item) => item.sequence < before);
  const items = older.slice(0, first);
  const last = items.at(-1);
  return {
    items,
    pagination:
      last !== undefined && older.length > first
        ? { cursor: encodeCursor({ s: last.sequence }) }
        : {},
  };
}

/** `first` and `after` by position, for lists that have no lasting order (live streams by viewers). */
export function paginateByPosition<T>(items: readonly T[], query: URLSearchParams): Page<T> {
  const first = pageSize(query);
  const after = query.get('after');
  const offset = after === null || after === '' ? 0 : decodeCursor(after, 'o');
  const end = offset + first;
  return {
    items: items.slice(offset, end),
    pagination: end < items.length ? { cursor: encodeCursor({ o: end }) } : {},
  };
}
