import { Controller, Get } from '@nestjs/common';
import { HealthReporter, type HealthReport } from './health-reporter.js';

/** `GET /api/health`: is the service up, and how are its parts. */
@Controller('api/health')
export class HealthController {
  constructor(private readonly reporter: HealthReporter) {}

  @Get()
  health(): HealthReport {
    return this.reporter.report();
  }
}
