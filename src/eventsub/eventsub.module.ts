import { Module } from '@nestjs/common';
import { EventSubConnection } from './eventsub-connection.js';
import { TwitchEventIngest } from './twitch-event-ingest.js';

/** EventSub WebSocket → the bus: follows, subs, gifts, cheers, raids, online/offline. */
@Module({
  providers: [EventSubConnection, TwitchEventIngest],
  exports: [EventSubConnection],
})
export class EventSubModule {}
