import { Controller, Header, Headers, Query, Sse, type MessageEvent } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { parseLastEventId } from './last-event-id.js';
import { SseClientStreams } from './sse-client-streams.js';
import { parseStreamFilter } from './stream-filter.js';

/** `GET /api/twitch/stream`: the public SSE stream (no auth, any origin). */
@Controller('api/twitch')
export class StreamController {
  constructor(private readonly streams: SseClientStreams) {}

  /** Current state, or what the client missed since `Last-Event-ID`/`?lastEventId=`, then live messages. */
  @Sse('stream')
  @Header('Access-Control-Allow-Origin', '*')
  stream(
    @Headers('last-event-id') lastEventIdHeader: unknown,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Query('types') types: unknown,
    @Query('events') events: unknown,
  ): Observable<MessageEvent> {
    return this.streams.open(
      parseLastEventId(lastEventIdHeader, lastEventIdQuery),
      parseStreamFilter(types, events),
    );
  }
}
