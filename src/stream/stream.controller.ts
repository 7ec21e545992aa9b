import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StreamRouteDocs } from '../api-docs/stream-route-docs.js';
import { SseClientStreams } from './sse-client-streams.js';

/**
 * `GET /api/twitch/stream`: the public SSE stream (no auth, any origin).
 *
 * This is a plain `@Get` that hands the response to `SseClientStreams`, not Nest's `@Sse`. `@Sse`
 * runs every message through an Observable pipeline, a Promise and a Transform stream and formats
 * and encodes it anew for each client: at 10,000 clients that cost five times the CPU of writing
 * one pre-built frame to every socket, more than a core at four events a second (`npm run bench`,
 * bench/README.md). The wire format, headers and behaviour are `@Sse`'s.
 *
 * The path as clients write it is served ahead of Express (`serveStreamAheadOfExpress`), so that
 * a connection holds no more than Node's own request and response; this route documents the
 * stream and serves the path's other spellings (a trailing slash, capitals), the same way.
 */
@Controller('api/twitch')
export class StreamController {
  constructor(private readonly streams: SseClientStreams) {}

  /** Current state, or what the client missed since `Last-Event-ID`/`?lastEventId=`, then live messages. */
  @Get('stream')
  @StreamRouteDocs()
  stream(@Req() request: Request, @Res() response: Response): void {
    this.streams.serve(request, response);
  }
}
