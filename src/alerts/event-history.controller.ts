import { BadRequestException, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import type { EventsPageQuery } from '../bus/event-log.js';
import { EventBus } from '../bus/event-bus.js';
import {
  TWITCH_EVENT_TYPES,
  type EventLogStatus,
  type TwitchEventType,
} from '../contract/sse-contract.js';
import { NON_CHAT_TYPES } from '../event-types/chat-history.js';
import type { EventHistoryResponse, RecentEventsResponse } from './alerts-api.js';
import {
  EventHistoryQueryError,
  HISTORY_DEFAULT_LIMIT,
  HISTORY_MAX_LIMIT,
  parseEventHistoryQuery,
  type EventHistoryParams,
} from './event-history-query.js';
import { writeEventList } from './event-list-writer.js';

/** What the history holds unless `?events=` says otherwise: every type but chat. */
const NOT_CHAT: ReadonlySet<TwitchEventType> = new Set(NON_CHAT_TYPES);

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
 * log keeps (the dashboard's feed, curl); `GET /api/events/recent` is the older short form. Both
 * answer at most `HISTORY_MAX_LIMIT` events, written a slice at a time (`writeEventList`): a public
 * route must not let anyone make the service build megabytes in one go while alerts wait.
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
  @ApiOperation({
    summary: 'The event history, a page at a time',
    description:
      'Everything the event log keeps, newest first (chat only when `events` names it). Page back with `before` (the `nextCursor` of the page before, or GET its `next`), catch up from an id with `after`. Public, like the stream.',
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
  async history(@Query() params: EventHistoryParams, @Res() response: Response): Promise<void> {
    const query = readQuery(params);
    // Chat only when asked for by name: a busy chat would bury the alerts of the default view.
    const types = query.types ?? NOT_CHAT;
    // One more than asked for says whether there is a next page.
    const read = this.bus.eventsPage({ ...query, types, limit: query.limit + 1 });
    const forward = query.after !== undefined;
    const more = read.length > query.limit;
    // Newest first either way: the extra one is the newest going forward, the oldest going back.
    const page = more ? (forward ? read.slice(1) : read.slice(0, -1)) : read;
    const cursor = more ? (forward ? page[0]?.id : page.at(-1)?.id) : undefined;
    const fields: Omit<EventHistoryResponse, 'events'> = {
      nextCursor: cursor ?? null,
      next: cursor === undefined ? null : nextPath(query, cursor),
      lastId: this.bus.lastId,
      oldestId: this.bus.replayWindow.oldestId,
      ...incompleteness(this.bus.logStatus),
    };
    await writeEventList(response, page, fields);
  }

  /** The newest `limit` kept events but chat (at most the log's capacity), oldest first. */
  @Get('recent')
  @ApiOperation({
    summary: 'The newest kept events',
    description:
      'The newest `limit` kept events but chat, oldest first (the older form of `GET /api/events`).',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `How many (at most ${HISTORY_MAX_LIMIT}, as \`GET /api/events\`; at most what the log keeps).`,
    schema: {
      type: 'integer',
      minimum: 1,
      maximum: HISTORY_MAX_LIMIT,
      default: RECENT_DEFAULT_LIMIT,
    },
  })
  @ApiResponse({
    status: 200,
    description: 'The events, oldest first.',
    content: { 'application/json': { schema: schemaRef('RecentEventsResponse') } },
  })
  @ApiResponse(
    errorResponse(400, `\`limit\` is not a whole number from 1 to ${HISTORY_MAX_LIMIT}.`),
  )
  async recent(@Query('limit') limit: unknown, @Res() response: Response): Promise<void> {
    const { capacity } = this.bus.replayWindow;
    const count = parseRecentLimit(limit, capacity);
    const fields: Omit<RecentEventsResponse, 'events'> = { lastId: this.bus.lastId, capacity };
    await writeEventList(response, this.bus.recentEvents(count), fields);
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

/**
 * `?limit=` of `GET /api/events/recent`: 1 to `HISTORY_MAX_LIMIT`, refused above it as
 * `GET /api/events` refuses it (a client asking for more would otherwise not know it got less);
 * a limit above what the log keeps gets what it keeps, as before.
 */
function parseRecentLimit(raw: unknown, capacity: number): number {
  if (raw === undefined || raw === '') return Math.min(RECENT_DEFAULT_LIMIT, capacity);
  const limit = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= HISTORY_MAX_LIMIT)) {
    throw new BadRequestException(
      `limit must be a whole number from 1 to ${HISTORY_MAX_LIMIT} (default ${RECENT_DEFAULT_LIMIT}); for older events page back with GET /api/events?before=<id>.`,
    );
  }
  return Math.min(limit, capacity);
}
