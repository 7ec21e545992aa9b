import { createHash } from 'node:crypto';
import type { PublishedMessage } from '../bus/published-message.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { eventIdentity } from '../event-types/event-types.js';

/**
 * How long an event's identity is remembered. Twurple ignores notifications stamped more than ten
 * minutes ago, and Twitch's redeliveries come within that.
 */
export const IDENTITY_WINDOW_MS = 10 * 60 * 1000;

/**
 * What the copies of one event, delivered by several EventSub sessions, have in common. Twitch
 * gives each subscription's notification its own `message_id`, so the leader's copy and the
 * standby's copy of one cheer share nothing but the event itself.
 */
export interface CopyIdentity {
  readonly key: string;
  /**
   * The type's descriptor identity (a follow's viewer and `followed_at`): no two real events share
   * it, so one is logged at most. Otherwise the key is the whole payload's, which two real events
   * can share (two anonymous 100-Bit cheers with the same text): those are counted instead.
   */
  readonly unique: boolean;
}

/** The identity of a notification's copies: its descriptor identity, or a hash of the payload. */
export function copyIdentity(type: TwitchEventType, data: Record<string, unknown>): CopyIdentity {
  const own = eventIdentity(type, data);
  if (own !== undefined) return { key: own, unique: true };
  const hash = createHash('sha256').update(type).update('\n').update(canonicalJson(data));
  return { key: `${type}#${hash.digest('base64url')}`, unique: false };
}

/** JSON with every object's keys sorted: the same event gives the same text, whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The copy identity of a live Twitch event in the log (not a test, a replay or a recovered one),
 * published since `since` (ms), if given.
 */
export function liveEventIdentity(
  { message }: PublishedMessage,
  since?: number,
): CopyIdentity | undefined {
  if (message.type !== 'event' || message.test || message.recovered) return undefined;
  if (message.replayOf !== undefined) return undefined;
  if (since !== undefined && !(Date.parse(message.sentAt ?? '') >= since)) return undefined;
  return copyIdentity(message.event, message.data);
}
