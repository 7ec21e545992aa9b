import type { TwitchEventType } from '../contract/twitch-events.js';
import { eventIdentity } from './event-identity.js';

/**
 * Remembers the identity of recent events so each is published once, however often Twitch
 * delivers it. Memory is bounded by time: identities are forgotten after their window.
 */
export class EventDeduplicator {
  private readonly seenUntil = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time an event is seen within its window; false for a repeat. */
  firstSighting(type: TwitchEventType, data: Record<string, unknown>): boolean {
    const now = this.now();
    this.forgetExpired(now);
    const { key, windowMs } = eventIdentity(type, data);
    const until = this.seenUntil.get(key);
    if (until !== undefined && until > now) return false;
    this.seenUntil.set(key, now + windowMs);
    return true;
  }

  /** How many identities are remembered. */
  get size(): number {
    return this.seenUntil.size;
  }

  private forgetExpired(now: number): void {
    // A sweep visits every identity, so it runs at most once a second, not once per event.
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, until] of this.seenUntil) {
      if (until <= now) this.seenUntil.delete(key);
    }
  }
}
