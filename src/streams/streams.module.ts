import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { openStreamStore } from './open-stream-store.js';
import { StreamEvents } from './stream-events.js';
import { StreamLedger } from './stream-ledger.js';
import { StreamRecapReader } from './stream-recap-reader.js';
import { STREAM_STORE } from './stream-store.js';
import { StreamsController } from './streams.controller.js';

/**
 * `stream.online`/`stream.offline` + the stats polls → where each stream began and ended, and its
 * viewers (`StreamLedger`, kept beside the event log); the log's events in a stream's span → its
 * recap (`StreamRecapReader`), served by `GET /api/streams…`.
 */
@Module({
  imports: [ProjectionsModule, StatsModule],
  controllers: [StreamsController],
  providers: [
    { provide: STREAM_STORE, inject: [AppConfig], useFactory: openStreamStore },
    StreamLedger,
    StreamEvents,
    StreamRecapReader,
  ],
  exports: [StreamLedger, StreamRecapReader],
})
export class StreamsModule {}
