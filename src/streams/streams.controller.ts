import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
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
import { StreamEvents } from './stream-events.js';
import { writeStreamEvents, type StreamEventsFormat } from './stream-events-download.js';
import { StreamRecapReader } from './stream-recap-reader.js';
import type { StreamSpan } from './stream-span.js';
import type { StreamListResponse, StreamRecap } from './streams-api.js';

/** The id of a stream's download: a stream id, or `current`. */
const DOWNLOAD_ID_PARAM = {
  name: 'id',
  description: 'A stream id from `GET /api/streams`, or `current` for the stream live now.',
  schema: { type: 'string', pattern: '^([1-9]\\d{0,8}|current)$' },
} as const;

/**
 * The streams over HTTP, public like the event history: the list (newest first), one stream's
 * recap, the recap of the stream live now, and a stream's events to download (CSV, JSON).
 */
@Controller('api/streams')
@ApiTags('streams')
export class StreamsController {
  constructor(
    private readonly ledger: StreamLedger,
    private readonly recaps: StreamRecapReader,
    private readonly events: StreamEvents,
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
  async listStreams(
    @Query() params: { before?: unknown; limit?: unknown },
  ): Promise<StreamListResponse> {
    const query = read(() => parseStreamsPage(params));
    const withNext = await this.ledger.page(query.limit + 1, query.before);
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
  async currentStreamRecap(): Promise<StreamRecap> {
    return this.recaps.recap(await this.currentStream());
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
  async streamRecap(@Param('id') raw: string): Promise<StreamRecap> {
    return this.recaps.recap(await this.streamOf(raw));
  }

  /** A stream's events as CSV, a row each, to open in a spreadsheet. */
  @Get(':id/events.csv')
  @ApiOperation({
    summary: 'A stream’s events as CSV',
    description:
      "Every event of the stream the log keeps, oldest first, one row each (test alerts and replays left out): `id,time,event,what,recovered,user_login,user_name,amount,unit,tier,detail,message,data` (`data`: the event object as JSON). UTF-8 with a byte order mark, CRLF lines, RFC 4180 quoting; text that a spreadsheet would run as a formula (beginning with `=`, `+`, `-`, `@`, a tab or a carriage return) begins with `'`. The header `X-Stream-Events-Complete: false` says retention pruned some of them.",
  })
  @ApiParam(DOWNLOAD_ID_PARAM)
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'The CSV file (`Content-Disposition: attachment`).',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiResponse(
    errorResponse(400, 'The id is not a stream id (a whole number from 1) nor `current`.'),
  )
  @ApiResponse(errorResponse(404, 'No stream has this id, or (for `current`) none is live.'))
  async streamEventsCsv(@Param('id') raw: string, @Res() response: Response): Promise<void> {
    await this.download(raw, 'csv', response);
  }

  /** A stream's events as JSON. */
  @Get(':id/events.json')
  @ApiOperation({
    summary: 'A stream’s events as JSON',
    description:
      'Every event of the stream the log keeps, oldest first, each as the SSE stream sent it (test alerts and replays left out), with the stream and whether the log still has all of its events.',
  })
  @ApiParam(DOWNLOAD_ID_PARAM)
  @ApiResponse({
    status: 200,
    description: 'The stream and its events (`Content-Disposition: attachment`).',
    content: { 'application/json': { schema: schemaRef('StreamEventsResponse') } },
  })
  @ApiResponse(
    errorResponse(400, 'The id is not a stream id (a whole number from 1) nor `current`.'),
  )
  @ApiResponse(errorResponse(404, 'No stream has this id, or (for `current`) none is live.'))
  async streamEventsJson(@Param('id') raw: string, @Res() response: Response): Promise<void> {
    await this.download(raw, 'json', response);
  }

  private async download(raw: string, format: StreamEventsFormat, response: Response) {
    const span = raw === 'current' ? await this.currentStream() : await this.streamOf(raw);
    await writeStreamEvents(response, format, span, summaryOf(span), this.events);
  }

  /** The stream with the id `raw`, or the 400 or 404 that says why there is none. */
  private async streamOf(raw: string): Promise<StreamSpan> {
    const id = read(() => parseStreamId(raw));
    const span = await this.ledger.stream(id);
    if (!span) {
      throw new NotFoundException(
        `No stream has id ${id}; GET /api/streams lists the streams kept (the newest first).`,
      );
    }
    return span;
  }

  /** The stream live now, or the 404 that says none is. */
  private async currentStream(): Promise<StreamSpan> {
    const span = await this.ledger.live();
    if (!span) {
      throw new NotFoundException(
        'No stream is live now; GET /api/streams lists the past ones (the newest first).',
      );
    }
    return span;
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
