import { Module } from '@nestjs/common';
import { InstanceRegistry } from '../cluster/instance-registry.js';
import { EventSubModule } from '../eventsub/eventsub.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { StreamModule } from '../stream/stream.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { HealthController } from './health.controller.js';
import { HealthReporter } from './health-reporter.js';

/** `GET /api/health`: each part's own view of itself. */
@Module({
  imports: [StreamModule, TwitchModule, EventSubModule, StatsModule],
  controllers: [HealthController],
  providers: [HealthReporter, InstanceRegistry],
})
export class HealthModule {}
