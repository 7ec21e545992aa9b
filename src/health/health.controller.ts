import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { isFromThisMachine } from '../admin/client-address.js';
import { schemaRef } from '../api-docs/schema-ref.js';
import { AppConfig } from '../config/app-config.js';
import { HealthReporter, type HealthReport } from './health-reporter.js';

/** `GET /api/health`: is the service up, and how are its parts. */
@Controller('api/health')
@ApiTags('health')
export class HealthController {
  constructor(
    private readonly reporter: HealthReporter,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Is the service up, and how are its parts',
    description:
      'Uptime, SSE clients, the bus (last id, replay window), the event log, the Twitch sign-in, EventSub and the stats poll. No authentication; the EventSub session id is shown only to requests from this machine (as admin routes without ADMIN_TOKEN decide it).',
  })
  @ApiResponse({
    status: 200,
    description: 'The health report.',
    content: { 'application/json': { schema: schemaRef('HealthReport') } },
  })
  health(@Req() request: Request): HealthReport {
    // The EventSub session id is the service's own business, not every LAN device's.
    const fromThisMachine = isFromThisMachine(request, this.config.values.trustProxy);
    return this.reporter.report({ sessionId: fromThisMachine });
  }
}
