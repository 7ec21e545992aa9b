import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { schemaRef } from '../api-docs/schema-ref.js';
import { AppConfig } from '../config/app-config.js';
import { CheermoteCatalog } from './cheermote-catalog.js';
import type { CheermotesResponse } from './cheermotes-api.js';

/** What the widgets draw viewers' emotes and cheermotes with. Public, like the stream. */
@Controller('api/twitch')
@ApiTags('dashboard and widgets')
export class CheermotesController {
  constructor(
    private readonly catalog: CheermoteCatalog,
    private readonly config: AppConfig,
  ) {}

  /** The channel's cheermotes and the emote CDN's base URL. */
  @Get('cheermotes')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: "The channel's cheermotes and the emote image base",
    description:
      "What the alert box and the event list draw viewers' messages with: the channel's cheermotes (Helix Get Cheermotes, read when the Twitch session starts and every few hours; the last good read is kept when one fails; empty before the first) with each tier's colour and images, and `emoteBaseUrl` (`EMOTE_CDN_URL`), where Twitch emote images are loaded from.",
  })
  @ApiResponse({
    status: 200,
    description: 'The cheermotes (possibly none yet) and the emote base URL.',
    content: { 'application/json': { schema: schemaRef('CheermotesResponse') } },
  })
  cheermotes(): CheermotesResponse {
    const { cheermotes, updatedAt } = this.catalog.current;
    return {
      emoteBaseUrl: this.config.values.emoteCdnUrl,
      cheermotes: [...cheermotes],
      updatedAt: updatedAt?.toISOString() ?? null,
    };
  }
}
