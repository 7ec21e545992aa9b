import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../admin/admin-only.decorator.js';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import type { SubathonData } from '../contract/sse-contract.js';
import type { SubathonActionResponse } from './subathon-api.js';
import { SubathonCommands } from './subathon-commands.js';
import { SubathonCountdown } from './subathon-countdown.js';

const ACTION_RESPONSE = {
  status: 200,
  description: 'The timer after the action (also sent on the stream as `{"type":"subathon"}`).',
  content: { 'application/json': { schema: schemaRef('SubathonActionResponse') } },
} as const;

/** Several instances on Redis: the leader runs the timer, and there is none for a moment. */
const NO_LEADER_RESPONSE = errorResponse(
  503,
  'Several instances (REDIS_URL): no instance leads right now (a new leader is being chosen), or it did not answer in time.',
);

/** The dashboard's subathon controls: start/pause, add/remove time, reset, settings. Admin only. */
@Controller('api/admin/subathon')
@AdminOnly()
@ApiTags('admin: subathon')
export class SubathonAdminController {
  constructor(private readonly subathon: SubathonCommands) {}

  /** Starts the countdown (after a reset) or resumes it. */
  @Post('resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start or resume the subathon timer',
    description:
      'Running already is fine. A timer at zero answers 409: add time or reset it first.',
  })
  @ApiResponse(ACTION_RESPONSE)
  @ApiResponse(NO_LEADER_RESPONSE)
  @ApiResponse(errorResponse(409, 'The timer is at zero.'))
  resumeSubathon(): Promise<SubathonActionResponse> {
    return this.subathon.resume();
  }

  /** Pauses the countdown; events still add time. */
  @Post('pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause the subathon timer',
    description: 'Events still add time while it is paused. Not running already is fine.',
  })
  @ApiResponse(ACTION_RESPONSE)
  @ApiResponse(NO_LEADER_RESPONSE)
  pauseSubathon(): Promise<SubathonActionResponse> {
    return this.subathon.pause();
  }

  /** Back to the start time, not running. */
  @Post('reset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reset the subathon timer',
    description:
      'Sets the clock to the start time (`startSeconds`), not running: events add nothing until it is started. The settings stay.',
  })
  @ApiResponse(ACTION_RESPONSE)
  @ApiResponse(NO_LEADER_RESPONSE)
  resetSubathon(): Promise<SubathonActionResponse> {
    return this.subathon.reset();
  }

  /** Adds time, up to the cap. */
  @Post('add')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add time to the subathon timer',
    description:
      'Adds `seconds`, up to the cap: `change` says what was added and what the cap kept out. A timer that had ended is paused with the time added.',
  })
  @ApiBody({ schema: schemaRef('SubathonTimeRequest') })
  @ApiResponse(ACTION_RESPONSE)
  @ApiResponse(NO_LEADER_RESPONSE)
  @ApiResponse(errorResponse(400, 'The body is not `{"seconds": <1 to 31622400>}`.'))
  addSubathonTime(@Body() body: unknown): Promise<SubathonActionResponse> {
    return this.subathon.add(body);
  }

  /** Takes time away, never below zero. */
  @Post('remove')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take time from the subathon timer',
    description: 'Takes `seconds` away, never below zero; a running timer taken to zero has ended.',
  })
  @ApiBody({ schema: schemaRef('SubathonTimeRequest') })
  @ApiResponse(ACTION_RESPONSE)
  @ApiResponse(NO_LEADER_RESPONSE)
  @ApiResponse(errorResponse(400, 'The body is not `{"seconds": <1 to 31622400>}`.'))
  removeSubathonTime(@Body() body: unknown): Promise<SubathonActionResponse> {
    return this.subathon.remove(body);
  }

  /** Changes some settings. */
  @Post('settings')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change the subathon settings',
    description:
      'What subs (per tier), gifted subs, 100 bits and follows add, the start time and the cap, in seconds. Only the settings sent change. A lower cap takes away the time past it at once.',
  })
  @ApiBody({ schema: schemaRef('SubathonSettingsRequest') })
  @ApiResponse(ACTION_RESPONSE)
  @ApiResponse(NO_LEADER_RESPONSE)
  @ApiResponse(
    errorResponse(400, 'A setting out of bounds, not a number, or not a setting at all.'),
  )
  changeSubathonSettings(@Body() body: unknown): Promise<SubathonActionResponse> {
    return this.subathon.updateSettings(body);
  }
}

/** The timer's state over HTTP, public like the stream. */
@Controller('api/subathon')
@ApiTags('dashboard and widgets')
export class SubathonController {
  constructor(private readonly countdown: SubathonCountdown) {}

  /** The subathon timer now. */
  @Get()
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The subathon timer',
    description:
      'The same as the stream’s `{"type":"subathon"}` state: while running, the time left is `endsAt` minus now.',
  })
  @ApiResponse({
    status: 200,
    description: 'The timer.',
    content: { 'application/json': { schema: schemaRef('SubathonData') } },
  })
  subathon(): SubathonData {
    return this.countdown.data;
  }
}
