import { Controller, Get, Header } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ServiceMetrics } from './service-metrics.js';

/** `GET /metrics`: the Prometheus text format, for a Prometheus scrape (no auth, like health). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
