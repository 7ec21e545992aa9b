import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import { summaryOf } from './stream-recap.js';
import { StreamLedger } from './stream-ledger.js';
import {
  parseStreamId,
  parseStreamsPage,
  StreamQueryError,
  STREAMS_DEFAULT_LIMIT,
  STREAMS_MAX_LIMIT,
  type StreamsPage,
} from './stream-query.js';
import { StreamRecapReader } from './stream-recap-reader.js';
import type { StreamListResponse, StreamRecap } from './streams-api.js';

/**
 * The streams over HTTP, public like the event history: the list (newest first), one stream's
 * recap, and the recap of the stream live now.
 */
@Controller('api/streams')
@ApiTags('streams')
export class StreamsController {
  constructor(
    private readonly ledger: StreamLedger,
    private readonly recaps: StreamRecapReader,
  ) {}

  /** One page of streams, newest first: `?before=<id>` pages back, `?limit=` 1–100 (20). */
  @Get()
  @ApiOperation({
    summary: 'The streams, a page at a time',
    description:
      'Every stream the service saw, newest first: when it began and ended, what said so, and its viewers. Kept apart from the event log, so retention does not shorten the list. Page back with `before` (the `nextCursor` of the page before, or GET its `next`).',
  })
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'Streams older than this stream id.',
    schema: { type: 'string', pattern: '^[1-9]\\d{0,8}$' },
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'Streams per page.',
    schema: {
      type: 'integer',
      minimum: 1,
      maximum: STREAMS_MAX_LIMIT,
      default: STREAMS_DEFAULT_LIMIT,
    },
  })
  @ApiResponse({
    status: 200,
    description: 'One page, newest first.',
    content: { 'application/json': { schema: schemaRef('StreamListResponse') } },
  })
  @ApiResponse(errorResponse(400, 'A parameter cannot be read: the message names it.'))
  listStreams(@Query() params: { before?: unknown; limit?: unknown }): StreamListResponse {
    const query = read(() => parseStreamsPage(params));
    const withNext = this.ledger.page(query.limit + 1, query.before);
    const page = withNext.slice(0, query.limit);
    const cursor = withNext.length > query.limit ? page.at(-1)?.id : undefined;
    return {
      streams: page.map(summaryOf),
      nextCursor: cursor ?? null,
      next: cursor === undefined ? null : nextPath(query, cursor),
    };
  }

  /** The recap of the stream live now; 404 while none is. */
  @Get('current')
  @ApiOperation({
    summary: 'The recap of the stream live now',
    description: 'The same recap as `GET /api/streams/{id}`, for the stream that is live.',
  })
  @ApiResponse({
    status: 200,
    description: 'The live stream’s recap so far.',
    content: { 'application/json': { schema: schemaRef('StreamRecap') } },
  })
  @ApiResponse(errorResponse(404, 'No stream is live.'))
  currentStreamRecap(): StreamRecap {
    const span = this.ledger.current;
    if (!span) {
      throw new NotFoundException(
        'No stream is live now; GET /api/streams lists the past ones (the newest first).',
      );
    }
    return this.recaps.recap(span);
  }

  /** One stream's recap. */
  @Get(':id')
  @ApiOperation({
    summary: 'One stream’s recap',
    description:
      'Start and end; peak, average and last viewers and each poll’s; new followers; subs (new, resub, gifted, by tier); gift bombs and gifters; Bits (cheers, Power-ups, Combos); raids; channel points redemptions by reward; hype train levels; goals reached; the top cheerer and gifter; what gap recovery added and what may be missing; and which figures retention made incomplete.',
  })
  @ApiParam({
    name: 'id',
    description: 'A stream id from `GET /api/streams`.',
    schema: { type: 'string', pattern: '^[1-9]\\d{0,8}$' },
  })
  @ApiResponse({
    status: 200,
    description: 'The stream’s recap.',
    content: { 'application/json': { schema: schemaRef('StreamRecap') } },
  })
  @ApiResponse(errorResponse(400, 'The id is not a stream id (a whole number from 1).'))
  @ApiResponse(errorResponse(404, 'No stream has this id.'))
  streamRecap(@Param('id') raw: string): StreamRecap {
    const id = read(() => parseStreamId(raw));
    const span = this.ledger.stream(id);
    if (!span) {
      throw new NotFoundException(
        `No stream has id ${id}; GET /api/streams lists the streams kept (the newest first).`,
      );
    }
    return this.recaps.recap(span);
  }
}

function read<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof StreamQueryError) throw new BadRequestException(error.message);
    throw error;
  }
}

/** The path of the page after this one. */
function nextPath(query: StreamsPage, cursor: number): string {
  return `/api/streams?${new URLSearchParams({ before: String(cursor), limit: String(query.limit) })}`;
}
