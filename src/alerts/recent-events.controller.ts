import { BadRequestException, Controller, Get, Header, Query } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { EventMessage } from '../contract/sse-contract.js';
import type { RecentEventsResponse } from './alerts-api.js';

/** How many events `GET /api/events/recent` returns without `?limit=`. */
const DEFAULT_LIMIT = 50;

/** `GET /api/events/recent`: the replay buffer's newest events, for the dashboard's feed. Public. */
@Controller('api/events')
export class RecentEventsController {
  constructor(private readonly bus: EventBus) {}

  /** The newest `limit` buffered events (at most the buffer size), oldest first. */
  @Get('recent')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'no-store')
  recent(@Query('limit') limit: unknown): RecentEventsResponse {
    const { capacity } = this.bus.replayWindow;
    const count = parseLimit(limit, capacity);
    return {
      events: this.bus.recentEvents(count).map((published) => ({
        id: published.id,
        message: published.message as EventMessage,
      })),
      lastId: this.bus.lastId,
      capacity,
    };
  }
}

function parseLimit(raw: unknown, capacity: number): number {
  if (raw === undefined || raw === '') return Math.min(DEFAULT_LIMIT, capacity);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new BadRequestException(`limit must be a whole number from 1 to ${capacity}.`);
  }
  return Math.min(Number(raw), capacity);
}
