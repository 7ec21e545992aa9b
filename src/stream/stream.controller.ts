import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StreamRouteDocs } from '../api-docs/stream-route-docs.js';
import { parseLastEventId } from './last-event-id.js';
import { releaseRoutingLeftovers } from './routing-leftovers.js';
import { SseClientStreams } from './sse-client-streams.js';
import { parseStreamFilter } from './stream-filter.js';

/**
 * `GET /api/twitch/stream`: the public SSE stream (no auth, any origin).
 *
 * This is a plain `@Get` that hands the response to `SseClientStreams`, not Nest's `@Sse`. `@Sse`
 * runs every message through an Observable pipeline, a Promise and a Transform stream and formats
 * and encodes it anew for each client: at 10,000 clients that cost five times the CPU of writing
 * one pre-built frame to every socket, more than a core at four events a second (`npm run bench`,
 * bench/README.md). The wire format, headers and behaviour are `@Sse`'s; the headers (CORS among
 * them) go out in one `writeHead` (`SseConnection`).
 */
@Controller('api/twitch')
export class StreamController {
  constructor(private readonly streams: SseClientStreams) {}

  /** Current state, or what the client missed since `Last-Event-ID`/`?lastEventId=`, then live messages. */
  @Get('stream')
  @StreamRouteDocs()
  stream(
    @Req() request: Request,
    @Res() response: Response,
    @Headers('last-event-id') lastEventIdHeader: unknown,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Query('types') types: unknown,
    @Query('events') events: unknown,
  ): void {
    this.streams.open(
      request,
      response,
      parseLastEventId(lastEventIdHeader, lastEventIdQuery),
      parseStreamFilter(types, events),
    );
    releaseRoutingLeftovers(request, response);
  }
}
