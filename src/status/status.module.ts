import { Module } from '@nestjs/common';
import { EventSubModule } from '../eventsub/eventsub.module.js';
import { RecoveryModule } from '../recovery/recovery.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { ComponentStatusPublisher } from './component-status-publisher.js';

/** The parts' status (sign-in, EventSub, the poll, gap recovery) → `{"type":"status"}` states for SSE clients. */
@Module({
  imports: [TwitchModule, EventSubModule, StatsModule, RecoveryModule],
  providers: [ComponentStatusPublisher],
})
export class StatusModule {}
