import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { STREAM_PATH } from '../contract/sse-contract.js';
import { SseClientStreams } from './sse-client-streams.js';

/**
 * Serves `GET` (and `HEAD`) `/api/twitch/stream` from Node's HTTP server itself, ahead of Express.
 * Every other request goes to Express as before, and so do other spellings of the path (a
 * trailing slash, capitals), which `StreamController` serves the same way.
 *
 * Why: a stream lives for hours, and whatever Express leaves on a request lives as long. Express
 * swaps the prototypes of every request and response (in V8 that gives each its own hidden class,
 * ~2 KB), hangs its router's state off the request, and routes it through every middleware, ~40 KB
 * of short-lived objects per request that a thousand clients connecting at once push into the old
 * generation. At 10,000 clients that made 19.6 KB per client against the raw `node:http`
 * baseline's 11.3 (`npm run bench`); served here, a stream holds what the baseline's holds plus
 * its `SseConnection`.
 */
export function serveStreamAheadOfExpress(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  const streams = app.get(SseClientStreams);
  const logger = new Logger('SseStream');
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!isStreamRequest(request)) {
      for (const listener of others) listener.call(server, request, response);
      return;
    }
    try {
      streams.serve(request, response);
    } catch (error) {
      // What Express would have done with an error in a route: answer 500, keep serving.
      logger.error(`Could not start an SSE stream: ${String(error)}`);
      if (response.headersSent) response.destroy();
      else response.writeHead(500).end();
    }
  });
}

/** `GET|HEAD /api/twitch/stream`, with or without a query string. */
function isStreamRequest(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = request.url ?? '';
  return (
    url.startsWith(STREAM_PATH) &&
    (url.length === STREAM_PATH.length || url.charCodeAt(STREAM_PATH.length) === 0x3f) // '?'
  );
}
