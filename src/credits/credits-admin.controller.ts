import { applyDecorators, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../admin/admin-only.decorator.js';
import { schemaRef } from '../api-docs/schema-ref.js';
import type { CreditsAction } from '../contract/sse-contract.js';
import type { CreditsActionResponse } from './credits-api.js';
import { CreditsRemote } from './credits-remote.js';

/** The dashboard's buttons for the credits widgets: roll and stop. Admin only. */
@Controller('api/admin/credits')
@AdminOnly()
@ApiTags('admin: credits')
export class CreditsAdminController {
  constructor(private readonly remote: CreditsRemote) {}

  /** Starts the roll in every credits widget. */
  @Post('roll')
  @HttpCode(200)
  @CreditsActionDocs('roll')
  async roll(): Promise<CreditsActionResponse> {
    return { id: await this.remote.send('roll'), action: 'roll' };
  }

  /** Takes the roll off every credits widget. */
  @Post('stop')
  @HttpCode(200)
  @CreditsActionDocs('stop')
  async stop(): Promise<CreditsActionResponse> {
    return { id: await this.remote.send('stop'), action: 'stop' };
  }
}

/** The OpenAPI description of `roll` and `stop`. */
function CreditsActionDocs(action: CreditsAction): MethodDecorator {
  const { summary, what } = {
    roll: {
      summary: 'Roll the credits',
      what: 'every open credits widget rolls this stream’s names from the top (again, if one is rolling)',
    },
    stop: {
      summary: 'Stop the credits',
      what: 'every open credits widget takes its roll off the screen',
    },
  }[action];
  return applyDecorators(
    ApiOperation({
      summary,
      description: `Sends \`{"type":"credits","data":{"action":"${action}"}}\` on the stream: ${what}. Not kept: a widget opened later waits for the next roll.`,
    }),
    ApiResponse({
      status: 200,
      description: 'The id of the credits message sent.',
      content: { 'application/json': { schema: schemaRef('CreditsActionResponse') } },
    }),
  );
}
