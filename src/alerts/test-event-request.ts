import { BadRequestException } from '@nestjs/common';
import { TWITCH_EVENT_TYPES, isTwitchEventType } from '../contract/sse-contract.js';
import type { TestEventRequest } from './alerts-api.js';

const EXAMPLE =
  'for example {"event":"channel.follow"} or {"event":"channel.cheer","data":{"bits":500}}';

/** A field of a test event that must be a number, and what it may be. */
interface NumberRule {
  readonly least: number;
  readonly nullable?: boolean;
}

/** Amounts a test alert may carry: whole numbers, at least this much (Twitch's own bounds). */
const NUMBER_FIELDS: Readonly<Record<string, NumberRule>> = {
  bits: { least: 1 },
  total: { least: 1 },
  cumulative_total: { least: 1, nullable: true },
  viewers: { least: 0 },
};

/** Fields Twitch sends as booleans. */
const BOOLEAN_FIELDS = new Set(['is_anonymous', 'is_gift']);

/** Sub tiers, as Twitch spells them. */
const TIERS = ['1000', '2000', '3000'];

/**
 * Reads the body of `POST /api/admin/test-events`; a bad one is a 400 that names the field and
 * says what to send. Twitch's event objects for these types are flat, so `data` may only hold
 * strings, numbers, booleans and null — a nested object is refused rather than walked.
 */
export function parseTestEventRequest(body: unknown): TestEventRequest {
  if (!isPlainObject(body)) throw new BadRequestException(`Send a JSON object, ${EXAMPLE}.`);
  const { event, data } = body;
  if (typeof event !== 'string' || !isTwitchEventType(event)) {
    throw new BadRequestException(
      `"event" must be one of ${TWITCH_EVENT_TYPES.join(', ')}; got ${describe(event)}.`,
    );
  }
  if (data === undefined) return { event };
  if (!isPlainObject(data)) {
    throw new BadRequestException(
      `"data", when given, must be an object of event fields to override, ${EXAMPLE}.`,
    );
  }
  for (const [field, value] of Object.entries(data)) checkField(field, value);
  return { event, data };
}

function checkField(field: string, value: unknown): void {
  const name = `"data.${field}"`;
  const rule = NUMBER_FIELDS[field];
  if (rule) {
    if (value === null && rule.nullable) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.least) {
      throw new BadRequestException(
        `${name} must be a whole number of at least ${rule.least}${rule.nullable ? ' (or null)' : ''}; got ${describe(value)}.`,
      );
    }
    return;
  }
  if (BOOLEAN_FIELDS.has(field)) {
    if (typeof value !== 'boolean')
      throw new BadRequestException(`${name} must be true or false; got ${describe(value)}.`);
    return;
  }
  if (field === 'tier') {
    if (typeof value !== 'string' || !TIERS.includes(value))
      throw new BadRequestException(
        `${name} must be one of ${TIERS.map((tier) => `"${tier}"`).join(', ')}; got ${describe(value)}.`,
      );
    return;
  }
  const scalar =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value));
  if (!scalar)
    throw new BadRequestException(
      `${name} must be a string, a number, true/false or null (Twitch's event fields are flat); got ${describe(value)}.`,
    );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of what was sent, never the whole of a large value. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
