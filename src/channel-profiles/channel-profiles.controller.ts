import {
  BadRequestException,
  Controller,
  Get,
  Logger,
  NotFoundException,
  Param,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import type { ChannelProfile } from './channel-profile.js';
import { ChannelProfileCache } from './channel-profile-cache.js';
import { NoTwitchSessionError } from './channel-profile-source.js';
import { ShoutoutChannels } from './shoutout-channels.js';

/** A Twitch user id: digits only (so it can never be anything but an id in a Helix query). */
const USER_ID = /^\d{1,20}$/;

/**
 * `GET /api/twitch/channels/{id}`: the name, avatar and last game of a shoutout's other channel,
 * for the alert box's shoutout card. Public like the stream, so it answers only for channels of
 * shoutouts the log keeps, and reads Helix through the cache (one read per id at a time, kept).
 */
@Controller('api/twitch/channels')
@ApiTags('twitch')
export class ChannelProfilesController {
  private readonly logger = new Logger('ChannelProfiles');

  constructor(
    private readonly profiles: ChannelProfileCache,
    private readonly shoutouts: ShoutoutChannels,
  ) {}

  /** The profile of the other channel of a kept shoutout. */
  @Get(':id')
  @ApiOperation({
    summary: 'A shoutout’s other channel: name, avatar, last game',
    description:
      'The display name, profile image and last game (Helix Get Users and Get Channel Information, cached) of a channel named by a `channel.shoutout.create` or `channel.shoutout.receive` the event log keeps. Other ids are 404: this public route never makes the service ask Twitch about just anyone.',
  })
  @ApiParam({
    name: 'id',
    description: 'The channel’s user id, as the shoutout event gives it.',
    schema: { type: 'string', pattern: USER_ID.source },
  })
  @ApiResponse({
    status: 200,
    description: 'The channel.',
    content: { 'application/json': { schema: schemaRef('ChannelProfile') } },
  })
  @ApiResponse(errorResponse(400, '`id` is not a Twitch user id (digits only).'))
  @ApiResponse(errorResponse(404, 'No kept shoutout names this channel.'))
  @ApiResponse({
    status: 204,
    description:
      'Nothing to show for this channel now: Twitch knows no such user, or the service cannot ask Twitch (no Twitch session, a cluster follower, Twitch did not answer; the log says which). The card shows the name the event gives.',
  })
  async channel(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ChannelProfile | undefined> {
    if (!USER_ID.test(id)) throw new BadRequestException('id must be a Twitch user id (digits).');
    if (!this.shoutouts.has(id)) {
      throw new NotFoundException(`No shoutout the service keeps names channel ${id}.`);
    }
    // What Twitch cannot tell is an answer the card expects, not an error: a 204 keeps an alert
    // box's console free of failed requests for a test alert or a follower instance.
    let profile: ChannelProfile | null = null;
    try {
      profile = await this.profiles.get(id);
    } catch (error) {
      if (!(error instanceof NoTwitchSessionError)) {
        this.logger.warn(
          `Could not read channel ${id} from Helix (${describeTwitchError(error)}).`,
        );
      }
    }
    if (!profile) {
      response.status(204);
      return undefined;
    }
    // Only an answer is cached by browsers: a 204 may turn into one when Twitch answers again.
    response.setHeader('Cache-Control', 'public, max-age=300');
    return profile;
  }
}
