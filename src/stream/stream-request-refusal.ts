import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORS_HEADERS } from './sse-connection.js';
import { StreamFilterError } from './stream-filter.js';
import { readStreamRequest, type StreamRequest } from './stream-request.js';

/**
 * Reads a stream request, or answers it 400 and returns null when its filter cannot be served (an
 * unknown type, a list spelled `events[]=`): the same answer `GET /api/events` gives, so a typo
 * is told at once rather than left with a stream of pings.
 */
export function readStreamRequestOrRefuse(
  request: IncomingMessage,
  response: ServerResponse,
): StreamRequest | null {
  try {
    return readStreamRequest(request);
  } catch (error) {
    if (!(error instanceof StreamFilterError)) throw error;
    refuseStreamRequest(response, error.message);
    return null;
  }
}

/** A 400 in the shape of the API's other errors, readable from any origin like the stream. */
function refuseStreamRequest(response: ServerResponse, message: string): void {
  const body = JSON.stringify({ message, error: 'Bad Request', statusCode: 400 });
  response
    .writeHead(400, {
      ...CORS_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    })
    .end(body);
}
