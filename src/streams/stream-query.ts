/** How many streams a page of `GET /api/streams` holds without `?limit=`, and at most. */
export const STREAMS_DEFAULT_LIMIT = 20;
export const STREAMS_MAX_LIMIT = 100;

/** A path or query parameter of the streams routes that cannot be read: which, and why. */
export class StreamQueryError extends Error {}

/** The paging of `GET /api/streams`. */
export interface StreamsPage {
  readonly limit: number;
  /** Only streams with a lower id (older). */
  readonly before?: number;
}

/** Reads `?before=<stream id>&limit=<n>`. */
export function parseStreamsPage(params: { before?: unknown; limit?: unknown }): StreamsPage {
  const before =
    params.before === undefined || params.before === ''
      ? undefined
      : parseStreamId(params.before, 'before');
  return { limit: parseLimit(params.limit), ...(before === undefined ? {} : { before }) };
}

/** A stream id: a whole number from 1, of up to 9 digits. */
export function parseStreamId(raw: unknown, name = 'id'): number {
  if (typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw)) return Number(raw);
  throw new StreamQueryError(
    `${name} must be a stream id (a whole number from 1, as GET /api/streams lists them) or "current"; got "${shown(raw)}".`,
  );
}

function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return STREAMS_DEFAULT_LIMIT;
  const limit = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (limit >= 1 && limit <= STREAMS_MAX_LIMIT) return limit;
  throw new StreamQueryError(
    `limit must be a whole number from 1 to ${STREAMS_MAX_LIMIT} (default ${STREAMS_DEFAULT_LIMIT}); got "${shown(raw)}".`,
  );
}

/** A parameter's value for an error message: repeated ones joined, long ones cut. */
function shown(raw: unknown): string {
  const text = Array.isArray(raw) ? raw.map(String).join('&') : String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
