import { Module } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { openStreamStore } from './open-stream-store.js';
import { StreamEvents } from './stream-events.js';
import { StreamLedger } from './stream-ledger.js';
import { StreamRecapReader } from './stream-recap-reader.js';
import { BusStreamLog, SHARED_STREAM_LOG, STREAM_LOG, type StreamLog } from './stream-log.js';
import { SHARED_STREAM_STORE, STREAM_STORE } from './stream-store.js';
import { StreamsController } from './streams.controller.js';

/**
 * `stream.online`/`stream.offline` + the stats polls → where each stream began and ended, and its
 * viewers (`StreamLedger`, kept beside the event log); the log's events in a stream's span → its
 * recap (`StreamRecapReader`), served by `GET /api/streams…`. With REDIS_URL the store and the log
 * read are the ones the instances share (from `InstanceModule`), so every instance answers alike.
 */
@Module({
  imports: [ProjectionsModule, StatsModule],
  controllers: [StreamsController],
  providers: [
    {
      provide: STREAM_STORE,
      inject: [AppConfig, { token: SHARED_STREAM_STORE, optional: true }],
      useFactory: openStreamStore,
    },
    {
      provide: STREAM_LOG,
      inject: [EventBus, { token: SHARED_STREAM_LOG, optional: true }],
      useFactory: (bus: EventBus, shared?: StreamLog) => shared ?? new BusStreamLog(bus),
    },
    StreamLedger,
    StreamEvents,
    StreamRecapReader,
  ],
  exports: [StreamLedger, StreamRecapReader, STREAM_LOG],
})
export class StreamsModule {}
