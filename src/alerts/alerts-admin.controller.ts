import {
  applyDecorators,
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Param,
  Post,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../admin/admin-only.decorator.js';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import { AlertBoxRemote } from './alert-box-remote.js';
import type {
  AlertControlAction,
  AlertControlResponse,
  EventReplayResponse,
  TestEventResponse,
} from './alerts-api.js';
import { EventReplayer } from './event-replayer.js';
import { TestAlertSender } from './test-alert-sender.js';
import { parseTestEventRequest } from './test-event-request.js';
import { TestEventSamples } from './test-event-samples.js';

/** The dashboard's actions on alerts: test alerts, pause/resume/skip, replay. Admin only. */
@Controller('api/admin')
@AdminOnly()
@ApiTags('admin: alerts')
export class AlertsAdminController {
  constructor(
    private readonly samples: TestEventSamples,
    private readonly sender: TestAlertSender,
    private readonly remote: AlertBoxRemote,
    private readonly replayer: EventReplayer,
  ) {}

  /** Sends a test alert: a Twitch-shaped sample of `event`, with `data` over its fields. */
  @Post('test-events')
  @ApiOperation({
    summary: 'Send a test alert',
    description:
      'Publishes a sample event object of `event`, shaped as Twitch sends it, with the fields of `data` over it and `"test": true`, to every client. In demo mode it goes through the simulator and EventSub, as a real event would. The body is validated against the schema shown here; a bad one answers 400 naming the field.',
  })
  @ApiBody({ schema: schemaRef('TestEventRequest') })
  @ApiResponse({
    status: 201,
    description: 'The event as clients got it, and the id it went out under.',
    content: { 'application/json': { schema: schemaRef('TestEventResponse') } },
  })
  @ApiResponse(errorResponse(400, 'The body is not a test event: the message names the field.'))
  async sendTestEvent(@Body() body: unknown): Promise<TestEventResponse> {
    const request = parseTestEventRequest(body);
    const sample = this.samples.create(request.event, request.data);
    const { id, data } = await this.sender.send(request.event, sample);
    return { id, event: request.event, data };
  }

  /** Holds new alerts in every alert box until resumed. */
  @Post('alerts/pause')
  @HttpCode(200)
  @ControlDocs('pause')
  async pause(): Promise<AlertControlResponse> {
    return { id: await this.remote.send('pause'), action: 'pause' };
  }

  /** Plays the held alerts and the ones after them. */
  @Post('alerts/resume')
  @HttpCode(200)
  @ControlDocs('resume')
  async resume(): Promise<AlertControlResponse> {
    return { id: await this.remote.send('resume'), action: 'resume' };
  }

  /** Ends the alert on screen in every alert box. */
  @Post('alerts/skip')
  @HttpCode(200)
  @ControlDocs('skip')
  async skip(): Promise<AlertControlResponse> {
    return { id: await this.remote.send('skip'), action: 'skip' };
  }

  /** Sends the buffered event `id` again, marked `replayOf`. */
  @Post('events/:id/replay')
  @ApiOperation({
    summary: 'Replay an event',
    description:
      'Sends the kept event `id` again to every client, marked `"replayOf": <id>` (a replay of a replay names the first id).',
  })
  @ApiParam({
    name: 'id',
    description: 'The id (`id:` line) the event went out under.',
    schema: { type: 'string', pattern: '^\\d{1,16}$' },
  })
  @ApiResponse({
    status: 201,
    description: 'The id of the new message and the id it replays.',
    content: { 'application/json': { schema: schemaRef('EventReplayResponse') } },
  })
  @ApiResponse(errorResponse(400, 'The id is not a number.'))
  @ApiResponse(errorResponse(404, 'The event is no longer kept, so it cannot be replayed.'))
  replay(@Param('id') id: string): Promise<EventReplayResponse> {
    if (!/^\d{1,16}$/.test(id)) {
      throw new BadRequestException(`"${id}" is not an event id: use the id: line of the event.`);
    }
    return this.replayer.replay(Number(id));
  }
}

/** The OpenAPI description of `pause`, `resume` and `skip`. */
function ControlDocs(action: AlertControlAction): MethodDecorator {
  const summary = { pause: 'Pause', resume: 'Resume', skip: 'Skip' }[action];
  const what = {
    pause: 'holds new alerts in every alert box (also in ones that open later) until `resume`',
    resume: 'plays the held alerts and the ones after them',
    skip: 'ends the alert on screen in every alert box; not replayed to clients that connect later',
  }[action];
  return applyDecorators(
    ApiOperation({
      summary: `${summary} the alert boxes`,
      description: `Sends \`{"type":"control","data":{"action":"${action}"}}\` on the stream: ${what}.`,
    }),
    ApiResponse({
      status: 200,
      description: 'The id of the control message sent.',
      content: { 'application/json': { schema: schemaRef('AlertControlResponse') } },
    }),
  );
}
