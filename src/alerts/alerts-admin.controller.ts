import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { AdminGuard } from '../admin/admin.guard.js';
import { AlertBoxRemote } from './alert-box-remote.js';
import type { AlertControlResponse, EventReplayResponse, TestEventResponse } from './alerts-api.js';
import { EventReplayer } from './event-replayer.js';
import { TestAlertSender } from './test-alert-sender.js';
import { parseTestEventRequest } from './test-event-request.js';
import { TestEventSamples } from './test-event-samples.js';

/** The dashboard's actions on alerts: test alerts, pause/resume/skip, replay. Admin only. */
@Controller('api/admin')
@UseGuards(AdminGuard)
export class AlertsAdminController {
  constructor(
    private readonly samples: TestEventSamples,
    private readonly sender: TestAlertSender,
    private readonly remote: AlertBoxRemote,
    private readonly replayer: EventReplayer,
  ) {}

  /** Sends a test alert: a Twitch-shaped sample of `event`, with `data` over its fields. */
  @Post('test-events')
  async sendTestEvent(@Body() body: unknown): Promise<TestEventResponse> {
    const request = parseTestEventRequest(body);
    const sample = this.samples.create(request.event, request.data);
    const { id, data } = await this.sender.send(request.event, sample);
    return { id, event: request.event, data };
  }

  /** Holds new alerts in every alert box until resumed. */
  @Post('alerts/pause')
  @HttpCode(200)
  pause(): AlertControlResponse {
    return { id: this.remote.send('pause'), action: 'pause' };
  }

  /** Plays the held alerts and the ones after them. */
  @Post('alerts/resume')
  @HttpCode(200)
  resume(): AlertControlResponse {
    return { id: this.remote.send('resume'), action: 'resume' };
  }

  /** Ends the alert on screen in every alert box. */
  @Post('alerts/skip')
  @HttpCode(200)
  skip(): AlertControlResponse {
    return { id: this.remote.send('skip'), action: 'skip' };
  }

  /** Sends the buffered event `id` again, marked `replayOf`. */
  @Post('events/:id/replay')
  replay(@Param('id') id: string): EventReplayResponse {
    if (!/^\d{1,16}$/.test(id)) {
      throw new BadRequestException(`"${id}" is not an event id: use the id: line of the event.`);
    }
    return this.replayer.replay(Number(id));
  }
}
