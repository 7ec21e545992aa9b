import type { IncomingMessage } from 'node:http';
import { parseLastEventId } from './last-event-id.js';
import { parseStreamFilter, refuseBracketLists, type StreamFilter } from './stream-filter.js';

/** What a request for the stream asks for: where to resume, and which messages. */
export interface StreamRequest {
  /** The id to resume after (`Last-Event-ID`, else `?lastEventId=`), or null to start from now. */
  readonly lastId: number | null;
  /** `?types=` and `?events=`. */
  readonly filter: StreamFilter;
  /**
   * `?catchUp=1`: only the opening (what was missed, or the state), closed by an id-only frame at
   * the server's position, then the response ends. Pages that share one live stream per browser
   * catch up this way on their own filter without holding a second connection open.
   */
  readonly catchUp: boolean;
}

/**
 * Reads a stream request from the raw request: its `Last-Event-ID` header and its query string
 * (repeated parameters are read as lists, as Express reads them). Throws `StreamFilterError` for
 * a filter naming an unknown type, or a list spelled `events[]=`.
 */
export function readStreamRequest(request: IncomingMessage): StreamRequest {
  const url = request.url ?? '';
  const start = url.indexOf('?');
  const query = new URLSearchParams(start === -1 ? '' : url.slice(start + 1));
  refuseBracketLists(query.keys(), ['types', 'events', 'lastEventId', 'catchUp']);
  return {
    lastId: parseLastEventId(request.headers['last-event-id'], query.getAll('lastEventId')),
    filter: parseStreamFilter(query.getAll('types'), query.getAll('events')),
    catchUp: ['1', 'true'].includes(query.get('catchUp') ?? ''),
  };
}
