import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_LOG, EventBus } from './event-bus.js';
import type { EventLog } from './event-log.js';

/**
 * The outbound bus, shared by the producers (EventSub, stats, status, the dashboard's commands) and
 * the consumers (SSE, health, metrics), over the event log the instance was built with
 * (`EVENT_LOG`, provided by `InstanceModule`), which it closes last.
 */
@Global()
@Module({
  providers: [EventBus],
  exports: [EventBus],
})
export class BusModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_LOG) private readonly log: EventLog) {}

  onApplicationShutdown(): void {
    this.log.close();
  }
}
