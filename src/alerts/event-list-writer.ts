import type { ServerResponse } from 'node:http';
import type { PublishedMessage } from '../bus/published-message.js';

/**
 * Bytes of JSON gathered before one write. An answer longer than this goes out in pieces, with
 * the event loop free in between (or the client's socket drained first), so a large page never
 * holds up live delivery while it is put together.
 */
const SLICE_BYTES = 64 * 1024;

/** The fields of a list answer after `events`, serialised as JSON (`lastId`, `capacity`, …). */
export type ListFields = Record<string, unknown>;

/**
 * Sends `{"events":[{"id":…,"message":…},…],…fields}` as a JSON answer, built from each event's
 * JSON as the log already holds it (never parsed and serialised again) and written a slice at a
 * time. Resolves when the answer is written, or the client has gone.
 */
export async function writeEventList(
  response: ServerResponse,
  events: readonly PublishedMessage[],
  fields: ListFields,
): Promise<void> {
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'no-store',
  });
  let slice = '{"events":[';
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as PublishedMessage;
    slice += `${index === 0 ? '' : ','}{"id":${event.id},"message":${event.json}}`;
    if (slice.length < SLICE_BYTES) continue;
    if (!(await writeSlice(response, slice))) return;
    slice = '';
  }
  const rest = JSON.stringify(fields).slice(1); // `"lastId":…}` with its closing brace
  response.end(`${slice}]${rest === '}' ? '}' : `,${rest}`}`);
}

/** Writes one slice, then waits for the socket to drain or for the next turn; false once closed. */
async function writeSlice(response: ServerResponse, slice: string): Promise<boolean> {
  if (response.destroyed) return false;
  const flowing = response.write(slice);
  await new Promise<void>((resolve) => {
    if (flowing) setImmediate(resolve);
    else {
      const done = () => {
        response.off('drain', done);
        response.off('close', done);
        resolve();
      };
      response.once('drain', done);
      response.once('close', done);
    }
  });
  return !response.destroyed;
}
