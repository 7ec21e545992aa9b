import type { CopyIdentity } from './event-identity.js';
import type { Notification } from './notification.js';

/**
 * How long the standby keeps its own notifications. The leader logs each within moments (its own
 * copy or the standby's), so what the log still lacks when the standby takes over is from the
 * last seconds: the lease's 5 s to live and the wait before taking it, or a Redis outage.
 */
export const KEEP_MS = 60_000;

/** A notification the standby received, with its place among the events alike (see `place`). */
export interface KeptNotification {
  readonly notification: Notification;
  readonly identity: CopyIdentity;
  /** Its place among the events with its identity, as `SessionCopyDeduplicator.place` gave it. */
  readonly place: number;
  readonly keptAt: number;
}

/**
 * The standby's own notifications of the last `KEEP_MS`, in the order received. When it takes the
 * lead, those the shared log lacks go out live: what the old leader received but never wrote, or
 * never received, before it died.
 */
export class KeptNotifications {
  private kept: KeptNotification[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keepMs = KEEP_MS,
  ) {}

  /** Keeps a notification; forgets those older than `keepMs`. */
  keep(notification: Notification, identity: CopyIdentity, place: number): void {
    const now = this.now();
    this.kept.push({ notification, identity, place, keptAt: now });
    const first = this.kept.findIndex((entry) => now - entry.keptAt < this.keepMs);
    if (first > 0) this.kept.splice(0, first);
  }

  /** Hands over (and forgets) every notification kept, oldest first. */
  takeAll(): KeptNotification[] {
    const all = this.kept;
    this.kept = [];
    return all;
  }

  /** Forgets everything kept (this instance no longer stands by). */
  clear(): void {
    this.kept = [];
  }

  /** How many are kept. */
  get size(): number {
    return this.kept.length;
  }
}
