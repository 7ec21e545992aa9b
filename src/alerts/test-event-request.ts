import { BadRequestException } from '@nestjs/common';
import { TWITCH_EVENT_TYPES, isTwitchEventType } from '../contract/sse-contract.js';
import type { TestEventRequest } from './alerts-api.js';

/** Reads the body of `POST /api/admin/test-events`; a bad one is a 400 that says what to send. */
export function parseTestEventRequest(body: unknown): TestEventRequest {
  const example =
    'for example {"event":"channel.follow"} or {"event":"channel.cheer","data":{"bits":500}}';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException(`Send a JSON object, ${example}.`);
  }
  const { event, data } = body as Record<string, unknown>;
  if (typeof event !== 'string' || !isTwitchEventType(event)) {
    throw new BadRequestException(
      `"event" must be one of ${TWITCH_EVENT_TYPES.join(', ')}; got ${JSON.stringify(event) ?? 'nothing'}.`,
    );
  }
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    throw new BadRequestException(
      `"data", when given, must be an object of event fields to override, ${example}.`,
    );
  }
  return data === undefined ? { event } : { event, data: data as Record<string, unknown> };
}
