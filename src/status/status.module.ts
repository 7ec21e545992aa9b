import { Module } from '@nestjs/common';
import { EventSubModule } from '../eventsub/eventsub.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { ComponentStatusPublisher } from './component-status-publisher.js';

/** The parts' status (sign-in, EventSub, the poll) → `{"type":"status"}` states for SSE clients. */
@Module({
  imports: [TwitchModule, EventSubModule, StatsModule],
  providers: [ComponentStatusPublisher],
})
export class StatusModule {}
