import type { TwitchEventType } from '../contract/twitch-events.js';
import { IDENTITY_WINDOW_MS, eventIdentity } from './event-identity.js';

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
    this.seen.set(key, { until: now + IDENTITY_WINDOW_MS, messageId });
    return undefined;
  }

  /** How many identities are remembered. */
  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(now: number): void {
    // A sweep visits every identity, so it runs at most once a second, not once per event.
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, { until }] of this.seen) {
      if (until <= now) this.seen.delete(key);
    }
  }
}
