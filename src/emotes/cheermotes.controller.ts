import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { schemaRef } from '../api-docs/schema-ref.js';
import { CheermoteCatalog } from './cheermote-catalog.js';
import type { CheermotesResponse } from './cheermotes-api.js';

/** Where the widgets load emote images (`AppConfig.emoteBaseUrl`). */
export const EMOTE_BASE_URL = Symbol('EmoteBaseUrl');

/** What the widgets draw viewers' emotes and cheermotes with. Public, like the stream. */
@Controller('api/twitch')
@ApiTags('dashboard and widgets')
export class CheermotesController {
  constructor(
    private readonly catalog: CheermoteCatalog,
    @Inject(EMOTE_BASE_URL) private readonly emoteBaseUrl: string,
  ) {}

  /** The channel's cheermotes and the emote CDN's base URL. */
  @Get('cheermotes')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: "The channel's cheermotes and the emote image base",
    description:
      "What the alert box and the event list draw viewers' messages with: the channel's cheermotes (Helix Get Cheermotes, read when the Twitch session starts and every few hours; the last good read is kept when one fails; empty before the first) with each tier's colour and images, and `emoteBaseUrl` (`EMOTE_CDN_URL`; in demo mode, unless it is set, the simulator's), where Twitch emote images are loaded from.",
  })
  @ApiResponse({
    status: 200,
    description: 'The cheermotes (possibly none yet) and the emote base URL.',
    content: { 'application/json': { schema: schemaRef('CheermotesResponse') } },
  })
  cheermotes(): CheermotesResponse {
    const { items, updatedAt } = this.catalog.current;
    return {
      emoteBaseUrl: this.emoteBaseUrl,
      cheermotes: [...items],
      updatedAt: updatedAt?.toISOString() ?? null,
    };
  }
}
