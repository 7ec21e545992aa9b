import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { ServiceMetrics } from './service-metrics.js';

/** `GET /metrics`: the Prometheus text format, for a Prometheus scrape (no auth, like health). */
@Controller('metrics')
@ApiTags('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'SSE clients, delivery lag, EventSub and Helix counters, and Node\'s process metrics, in Prometheus\' text format (README, "Metrics for Prometheus"). Absent with `METRICS_ENABLED=false`.',
  })
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiResponse({
    status: 200,
    description: "Prometheus' text exposition format.",
    content: { [Registry.PROMETHEUS_CONTENT_TYPE]: { schema: { type: 'string' } } },
  })
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
