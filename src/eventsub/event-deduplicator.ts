import type { TwitchEventType } from '../contract/twitch-events.js';
import { eventIdentity } from '../event-types/event-types.js';
import { IDENTITY_WINDOW_MS } from './event-identity.js';

/** What ties a recovered sub to a live one: the type and the user (subs only). */
function userIdentity(
  kind: 'recovered' | 'published',
  type: TwitchEventType,
  data: Record<string, unknown>,
): string | undefined {
  if (type !== 'channel.subscribe' || typeof data.user_id !== 'string' || !data.user_id)
    return undefined;
  return `${kind}|${type}|${data.user_id}`;
}

/** A notification already seen under its identity: the `message_id` it first came with. */
export interface EarlierSighting {
  readonly messageId: string | undefined;
}

/**
 * Remembers the identities of recent events (see `eventIdentity`) so an event Twitch sends again
 * under a new `message_id` is published once. Events without an identity always pass. Memory is
 * bounded by time: identities are forgotten after `IDENTITY_WINDOW_MS`.
 */
export class EventDeduplicator {
  private readonly seen = new Map<string, { until: number; messageId: string | undefined }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Undefined the first time an event is seen within the window (it is remembered with
   * `messageId`); the earlier sighting when this is the same event again.
   */
  repeatOf(
    type: TwitchEventType,
    data: Record<string, unknown>,
    messageId: string | undefined,
  ): EarlierSighting | undefined {
    const key = eventIdentity(type, data);
    if (key === undefined) return undefined;
    const now = this.now();
    this.forgetExpired(now);
    const earlier = this.seen.get(key);
    if (earlier !== undefined && earlier.until > now) return { messageId: earlier.messageId };
    this.keep(key, { until: now + IDENTITY_WINDOW_MS, messageId });
    return undefined;
  }

  /**
   * For an event recovered through Helix after a gap: undefined when it is new (it is then
   * remembered, so EventSub delivering it late is dropped); the earlier sighting when it was
   * published already. Events without an identity of their own are matched on type and user (subs
   * only): a recovered sub and a late live notification of that user's sub are the same sub.
   */
  recoveredRepeatOf(
    type: TwitchEventType,
    data: Record<string, unknown>,
  ): EarlierSighting | undefined {
    const now = this.now();
    this.forgetExpired(now);
    const own = eventIdentity(type, data);
    for (const key of [own, userIdentity('published', type, data)]) {
      const earlier = key === undefined ? undefined : this.seen.get(key);
      if (earlier !== undefined && earlier.until > now) return { messageId: earlier.messageId };
    }
    const until = now + IDENTITY_WINDOW_MS;
    for (const key of [own, userIdentity('recovered', type, data)]) {
      if (key !== undefined) this.keep(key, { until, messageId: undefined });
    }
    return undefined;
  }

  /** Whether a live event repeats one recovered within the window (see `recoveredRepeatOf`). */
  repeatsRecovered(type: TwitchEventType, data: Record<string, unknown>): boolean {
    const key = userIdentity('recovered', type, data);
    if (key === undefined) return false;
    const until = this.seen.get(key)?.until;
    if (until === undefined || until <= this.now()) return false;
    this.seen.delete(key); // one late delivery is the recovered one; a second would be new
    return true;
  }

  /** Notes an event published earlier (e.g. before a restart), so recovering it is a repeat. */
  remember(type: TwitchEventType, data: Record<string, unknown>): void {
    const until = this.now() + IDENTITY_WINDOW_MS;
    for (const key of [eventIdentity(type, data), userIdentity('published', type, data)]) {
      if (key !== undefined && !this.seen.has(key))
        this.seen.set(key, { until, messageId: undefined });
    }
  }

  /** How many identities are remembered. */
  get size(): number {
    return this.seen.size;
  }

  /**
   * Remembers `key` as the newest identity. Every identity is kept for the same window, so the map's
   * order (insertion) is the order they expire in, provided a key seen again goes to the end.
   */
  private keep(key: string, sighting: { until: number; messageId: string | undefined }): void {
    this.seen.delete(key);
    this.seen.set(key, sighting);
  }

  private forgetExpired(now: number): void {
    // At most once a second, and only as far as the first identity still in its window: a busy
    // chat keeps a hundred thousand identities, and a sweep must not visit them all each time.
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, { until }] of this.seen) {
      if (until > now) break;
      this.seen.delete(key);
    }
  }
}
