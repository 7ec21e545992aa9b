import { Module } from '@nestjs/common';
import { TwitchModule } from '../twitch/twitch.module.js';
import { EventSubConnection } from './eventsub-connection.js';
import { EventSubStatusModel } from './eventsub-status.js';
import { ReconnectSupervisor } from './reconnect-supervisor.js';
import { StaleSubscriptionCleanup } from './stale-subscription-cleanup.js';
import { TwitchEventIngest } from './twitch-event-ingest.js';

/** EventSub WebSocket → the bus: follows, subs, gifts, cheers, raids, online/offline. */
@Module({
  imports: [TwitchModule],
  providers: [
    EventSubConnection,
    TwitchEventIngest,
    // Plain classes with the real clock and the timings in service (their defaults).
    { provide: EventSubStatusModel, useFactory: () => new EventSubStatusModel() },
    {
      provide: ReconnectSupervisor,
      useFactory: (status: EventSubStatusModel) => new ReconnectSupervisor(status),
      inject: [EventSubStatusModel],
    },
    { provide: StaleSubscriptionCleanup, useFactory: () => new StaleSubscriptionCleanup() },
  ],
  exports: [EventSubConnection, TwitchEventIngest],
})
export class EventSubModule {}
