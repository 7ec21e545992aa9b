import { BadRequestException, Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import type { EventsPageQuery } from '../bus/event-log.js';
import { EventBus } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import {
  TWITCH_EVENT_TYPES,
  type EventLogStatus,
  type EventMessage,
} from '../contract/sse-contract.js';
import type { EventHistoryResponse, RecentEvent, RecentEventsResponse } from './alerts-api.js';
import {
  EventHistoryQueryError,
  HISTORY_DEFAULT_LIMIT,
  HISTORY_MAX_LIMIT,
  parseEventHistoryQuery,
  type EventHistoryParams,
} from './event-history-query.js';

/** How many events `GET /api/events/recent` returns without `?limit=`. */
const RECENT_DEFAULT_LIMIT = 50;

/** An event id in a query: a whole number of up to 16 digits. */
const ID_SCHEMA = { type: 'string', pattern: '^\\d{1,16}$' } as const;

/** `?events=`: comma-separated EventSub types, as the stream's. */
const EVENTS_QUERY = {
  name: 'events',
  required: false,
  description:
    'Only these event types, comma-separated (`events=a,b`; a name this service does not know, or `events[]=`, is refused with 400).',
  style: 'form',
  explode: false,
  schema: { type: 'array', items: { type: 'string', enum: [...TWITCH_EVENT_TYPES] } },
} as const;

/**
 * The event log over HTTP, public like the stream: `GET /api/events` pages through everything the
 * log keeps (the dashboard's feed, curl); `GET /api/events/recent` is the older short form.
 */
@Controller('api/events')
@ApiTags('events')
export class EventHistoryController {
  constructor(private readonly bus: EventBus) {}

  /**
   * One page, newest first: `?before=<id>` pages back, `?after=<id>` forward from an id,
   * `?events=` keeps some types, `?limit=` 1–500 (50).
   */
  @Get()
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The event history, a page at a time',
    description:
      'Everything the event log keeps, newest first. Page back with `before` (the `nextCursor` of the page before, or GET its `next`), catch up from an id with `after`. Public, like the stream.',
  })
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'Events older than this id.',
    schema: ID_SCHEMA,
  })
  @ApiQuery({
    name: 'after',
    required: false,
    description: 'Events right after this id (still listed newest first).',
    schema: ID_SCHEMA,
  })
  @ApiQuery(EVENTS_QUERY)
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'Events per page.',
    schema: {
      type: 'integer',
      minimum: 1,
      maximum: HISTORY_MAX_LIMIT,
      default: HISTORY_DEFAULT_LIMIT,
    },
  })
  @ApiResponse({
    status: 200,
    description: 'One page, newest first.',
    content: { 'application/json': { schema: schemaRef('EventHistoryResponse') } },
  })
  @ApiResponse(errorResponse(400, 'A parameter cannot be read: the message names it.'))
  history(@Query() params: EventHistoryParams): EventHistoryResponse {
    const query = readQuery(params);
    // One more than asked for says whether there is a next page.
    const read = this.bus.eventsPage({ ...query, limit: query.limit + 1 });
    const forward = query.after !== undefined;
    const more = read.length > query.limit;
    // Newest first either way: the extra one is the newest going forward, the oldest going back.
    const page = more ? (forward ? read.slice(1) : read.slice(0, -1)) : read;
    const cursor = more ? (forward ? page[0]?.id : page.at(-1)?.id) : undefined;
    return {
      events: page.map(toRecentEvent),
      nextCursor: cursor ?? null,
      next: cursor === undefined ? null : nextPath(query, cursor),
      lastId: this.bus.lastId,
      oldestId: this.bus.replayWindow.oldestId,
      ...incompleteness(this.bus.logStatus),
    };
  }

  /** The newest `limit` kept events (at most the log's capacity), oldest first. */
  @Get('recent')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The newest kept events',
    description:
      'The newest `limit` kept events, oldest first (the older form of `GET /api/events`).',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'How many (at most the log keeps).',
    schema: { type: 'integer', minimum: 1, default: RECENT_DEFAULT_LIMIT },
  })
  @ApiResponse({
    status: 200,
    description: 'The events, oldest first.',
    content: { 'application/json': { schema: schemaRef('RecentEventsResponse') } },
  })
  @ApiResponse(errorResponse(400, '`limit` is not a positive whole number.'))
  recent(@Query('limit') limit: unknown): RecentEventsResponse {
    const { capacity } = this.bus.replayWindow;
    const count = parseRecentLimit(limit, capacity);
    return {
      events: this.bus.recentEvents(count).map(toRecentEvent),
      lastId: this.bus.lastId,
      capacity,
    };
  }
}

function readQuery(params: EventHistoryParams): EventsPageQuery {
  try {
    return parseEventHistoryQuery(params);
  } catch (error) {
    if (error instanceof EventHistoryQueryError) throw new BadRequestException(error.message);
    throw error;
  }
}

/** The path of the page after this one: the same query, with its cursor moved on. */
function nextPath(query: EventsPageQuery, cursor: number): string {
  const params = new URLSearchParams();
  if (query.after !== undefined) {
    params.set('after', String(cursor));
    if (query.before !== undefined) params.set('before', String(query.before));
  } else {
    params.set('before', String(cursor));
  }
  if (query.types) params.set('events', [...query.types].join(','));
  params.set('limit', String(query.limit));
  return `/api/events?${params}`;
}

/** Whether a page may lack events: while the log cannot write, new ones are not in it. */
function incompleteness(
  log: EventLogStatus,
): Pick<EventHistoryResponse, 'incomplete' | 'incompleteSince'> {
  if (log.state === 'ok') return { incomplete: false };
  return { incomplete: true, ...(log.since ? { incompleteSince: log.since } : {}) };
}

function toRecentEvent(published: PublishedMessage): RecentEvent {
  return { id: published.id, message: published.message as EventMessage };
}

function parseRecentLimit(raw: unknown, capacity: number): number {
  if (raw === undefined || raw === '') return Math.min(RECENT_DEFAULT_LIMIT, capacity);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new BadRequestException(`limit must be a whole number from 1 to ${capacity}.`);
  }
  return Math.min(Number(raw), capacity);
}
