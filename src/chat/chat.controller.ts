import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { schemaRef } from '../api-docs/schema-ref.js';
import type { ChatBadgesResponse, ChatEmotesResponse } from './chat-api.js';
import { ChatBadgeCatalog } from './chat-badge-catalog.js';

/** Where the chat box asks for third-party emotes (`AppConfig`'s emote service URLs). */
export const EMOTE_SERVICES = Symbol('EmoteServices');

/** What the chat box draws badges and third-party emotes with. Public, like the stream. */
@Controller('api/twitch')
@ApiTags('dashboard and widgets')
export class ChatController {
  constructor(
    private readonly badges: ChatBadgeCatalog,
    @Inject(EMOTE_SERVICES) private readonly services: ChatEmotesResponse['services'],
  ) {}

  /** Twitch's chat badges and the channel's. */
  @Get('chat-badges')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: "Twitch's chat badges and the channel's",
    description:
      "What the chat box draws the badges of chat messages with: Helix Get Global Chat Badges and Get Channel Chat Badges (read when the Twitch session starts and every hour; the last good read is kept when one fails; empty before the first), one entry per set and version, the channel's own replacing Twitch's, with a title for a text fallback and image URLs at 1x, 2x and 4x. Answered from the cache: no request here calls Helix.",
  })
  @ApiResponse({
    status: 200,
    description: 'The badges (possibly none yet).',
    content: { 'application/json': { schema: schemaRef('ChatBadgesResponse') } },
  })
  chatBadges(): ChatBadgesResponse {
    const { items, updatedAt } = this.badges.current;
    return { badges: [...items], updatedAt: updatedAt?.toISOString() ?? null };
  }

  /** Where the chat box loads the channel's 7TV, BetterTTV and FrankerFaceZ emotes. */
  @Get('chat-emotes')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: 'Where the chat box loads third-party emotes',
    description:
      "The broadcaster's Twitch user id and each third-party emote service's API and image CDN (`SEVENTV_API_URL`, `SEVENTV_CDN_URL`, `BTTV_API_URL`, `BTTV_CDN_URL`, `FFZ_API_URL`, `FFZ_CDN_URL`). The chat box asks these services itself, from the browser, and only when its `thirdPartyEmotes` option names them.",
  })
  @ApiResponse({
    status: 200,
    description: 'The channel id (null while signed out) and the services.',
    content: { 'application/json': { schema: schemaRef('ChatEmotesResponse') } },
  })
  chatEmotes(): ChatEmotesResponse {
    return { channelId: this.badges.channelId, services: this.services };
  }
}
