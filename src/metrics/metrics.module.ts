import { Module } from '@nestjs/common';
import { StreamModule } from '../stream/stream.module.js';
import { MetricsController } from './metrics.controller.js';
import { ServiceMetrics } from './service-metrics.js';

/** `GET /metrics`: Prometheus metrics of the stream, the bus, EventSub and the Helix poll. */
@Module({
  imports: [StreamModule],
  controllers: [MetricsController],
  providers: [ServiceMetrics],
})
export class MetricsModule {}
