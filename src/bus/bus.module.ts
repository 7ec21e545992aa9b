import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { EVENT_LOG, EventBus } from './event-bus.js';
import { MemoryEventLog } from './memory-event-log.js';

/**
 * The outbound bus and the event log under it, shared by the producers (EventSub, stats, status,
 * the dashboard's commands) and the consumers (SSE, health, metrics).
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_LOG,
      useFactory: (config: AppConfig) => new MemoryEventLog(config.values.replayBufferSize),
      inject: [AppConfig],
    },
    EventBus,
  ],
  exports: [EventBus],
})
export class BusModule {}
