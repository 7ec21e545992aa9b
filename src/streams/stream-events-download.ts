import type { ServerResponse } from 'node:http';
import { SlicedResponse } from './sliced-response.js';
import { CSV_BYTE_ORDER_MARK, csvHeader, csvRow } from './stream-events-csv.js';
import type { StreamEvents } from './stream-events.js';
import type { StreamSpan } from './stream-span.js';
import type { StreamSummary } from './streams-api.js';

/** The formats a stream's events download in. */
export type StreamEventsFormat = 'csv' | 'json';

const CONTENT_TYPES: Record<StreamEventsFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

/**
 * Sends every event of a stream the log keeps, oldest first, as a file to save: CSV (a row per
 * event, `stream-events-csv.ts`) or JSON (`StreamEventsResponse`, each event's JSON as the log
 * holds it). The log is read a page at a time and the answer written a slice at a time, so a
 * 50,000-event stream is never all in memory. Resolves when written, or when the client has gone.
 */
export async function writeStreamEvents(
  response: ServerResponse,
  format: StreamEventsFormat,
  span: StreamSpan,
  summary: StreamSummary,
  events: StreamEvents,
): Promise<void> {
  const complete = await events.complete(span);
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="stream-${span.id}-events.${format}"`,
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
    // Whether the log still has every event of the stream (the CSV has no other place to say so).
    'X-Stream-Events-Complete': String(complete),
    'Access-Control-Expose-Headers': 'X-Stream-Events-Complete',
  });
  const out = new SlicedResponse(response);
  out.add(
    format === 'csv'
      ? CSV_BYTE_ORDER_MARK + csvHeader()
      : `{"stream":${JSON.stringify(summary)},"complete":${complete},"events":[`,
  );
  let first = true;
  try {
    for await (const page of events.pages(span)) {
      for (const { id, message, json } of page) {
        if (format === 'csv') out.add(csvRow(id, message));
        else out.add(`${first ? '' : ','}{"id":${id},"message":${json}}`);
        first = false;
        if (out.full && !(await out.flush())) return;
      }
    }
  } catch (error) {
    // The status went out with the first slice: cut the connection, so that the client sees a
    // failed download rather than a file that ends early and looks whole.
    response.destroy();
    throw error;
  }
  out.end(format === 'csv' ? '' : ']}');
}
