import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { schemaRef } from '../api-docs/schema-ref.js';
import type { StreamCredits } from './credits-api.js';
import { CreditsReader } from './credits-reader.js';

/** The credits' names over HTTP, public like the streams: what the credits widget rolls. */
@Controller('api/credits')
@ApiTags('streams')
export class CreditsController {
  constructor(private readonly reader: CreditsReader) {}

  /** The names of the live stream, or of the last one when none is live. */
  @Get()
  @ApiOperation({
    summary: 'The credits of the stream',
    description:
      'The followers, subscribers (new and resubs), gifters, cheerers, raiding channels and channel points redeemers of the stream live now or, when none is, of the last one — each viewer once per section, in the order they first appeared, with how much they did. Read from the event log, so it answers the same after a restart. `lastId` is where the stream’s later events begin on `GET /api/twitch/stream`. Before the first stream: `stream` null and no names.',
  })
  @ApiResponse({
    status: 200,
    description: 'The names, by section.',
    content: { 'application/json': { schema: schemaRef('StreamCredits') } },
  })
  streamCredits(): Promise<StreamCredits> {
    return this.reader.credits();
  }
}
