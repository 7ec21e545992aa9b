import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus.js';

/** The event bus, shared by the producers (EventSub, stats) and the consumers (SSE, health). */
@Global()
@Module({
  providers: [EventBus],
  exports: [EventBus],
})
export class BusModule {}
