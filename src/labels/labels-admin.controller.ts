import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../admin/admin-only.decorator.js';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import type { LabelsData } from '../contract/sse-contract.js';
import { LabelsCommands } from './labels-commands.js';

/** The dashboard's one action on the labels: start the session over. Admin only. */
@Controller('api/admin/labels')
@AdminOnly()
@ApiTags('admin: labels')
export class LabelsAdminController {
  constructor(private readonly labels: LabelsCommands) {}

  /** Starts the session over: counts and top supporters from now on. */
  @Post('reset-session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start the labels’ session over',
    description:
      'The session counts (follows, subs, bits since the stream went live) and the top cheerer and gifter start again from zero, as at a `stream.online`. The latest follower, sub, cheer and raid stay.',
  })
  @ApiResponse({
    status: 200,
    description: 'The labels after the reset (also sent on the stream as `{"type":"labels"}`).',
    content: { 'application/json': { schema: schemaRef('LabelsData') } },
  })
  @ApiResponse(
    errorResponse(
      503,
      'Several instances (REDIS_URL): no instance leads right now (a new leader is being chosen), or it did not answer in time.',
    ),
  )
  resetLabelsSession(): Promise<LabelsData> {
    return this.labels.resetSession();
  }
}
