import { Module } from '@nestjs/common';
import { EventSubModule } from '../eventsub/eventsub.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { StreamModule } from '../stream/stream.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { MetricsController } from './metrics.controller.js';
import { ServiceMetrics } from './service-metrics.js';

/** `GET /metrics`: Prometheus metrics of the stream, the bus, EventSub and the Helix poll. */
@Module({
  imports: [StreamModule, TwitchModule, EventSubModule, StatsModule],
  controllers: [MetricsController],
  providers: [ServiceMetrics],
})
export class MetricsModule {}
