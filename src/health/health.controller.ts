import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { schemaRef } from '../api-docs/schema-ref.js';
import { HealthReporter, type HealthReport } from './health-reporter.js';

/** `GET /api/health`: is the service up, and how are its parts. */
@Controller('api/health')
@ApiTags('health')
export class HealthController {
  constructor(private readonly reporter: HealthReporter) {}

  @Get()
  @ApiOperation({
    summary: 'Is the service up, and how are its parts',
    description:
      'Uptime, SSE clients, the bus (last id, replay window), the Twitch sign-in, EventSub and the stats poll. No authentication.',
  })
  @ApiResponse({
    status: 200,
    description: 'The health report.',
    content: { 'application/json': { schema: schemaRef('HealthReport') } },
  })
  health(): HealthReport {
    return this.reporter.report();
  }
}
