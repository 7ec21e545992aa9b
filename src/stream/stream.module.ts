import { Module } from '@nestjs/common';
import { SseClientStreams } from './sse-client-streams.js';
import { StreamController } from './stream.controller.js';

/** The SSE endpoint: turns the bus into one stream per client. */
@Module({
  controllers: [StreamController],
  providers: [SseClientStreams],
  exports: [SseClientStreams],
})
export class StreamModule {}
