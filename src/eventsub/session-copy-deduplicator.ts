import { IDENTITY_WINDOW_MS, type CopyIdentity } from './event-identity.js';

/** One copy of a notification, as one EventSub session delivered it. */
export interface EventCopy {
  /** The session that delivered it: the instance's id (an instance holds one session at a time). */
  readonly session: string;
  readonly identity: CopyIdentity;
  /** Twitch's `message_id` (each subscription's notification has its own). */
  readonly messageId?: string;
}

/**
 * What to do with a copy: log it (`new`), drop it as another session's copy of an event already
 * logged (`copy`), or drop it as Twitch's re-send of a `message_id` already seen (`resent`).
 */
export type CopyVerdict = 'new' | 'copy' | 'resent';

/** Per identity: the events with it that were logged, and how many copies each session delivered. */
interface IdentityCounts {
  /** The log ids of the events logged with it, in the order logged. */
  readonly logged: number[];
  readonly copies: Map<string, number>;
  /** When a copy or a logged event last touched it: it is forgotten a window after. */
  lastAt: number;
}

/**
 * De-duplicates the copies of each event that several EventSub sessions deliver (the leader's and
 * the hot standby's, which hold the same subscriptions), by counting.
 *
 * The copies share no `message_id`, only the event (see `copyIdentity`), and two real events can be
 * alike (two anonymous 100-Bit cheers with the same text): "drop what was seen" would drop the
 * second cheer. But each session delivers each real event once, so within a window the number of
 * real events with identity P is the largest count of P any one session delivered. A copy is
 * logged only when its session's count of P goes past the count of P already logged; whichever
 * session's copy arrives first is the one logged. A descriptor identity (`unique`) is never logged
 * twice.
 *
 * A session that connects (again) after events went by never sees those: `joined` puts it even
 * with what was logged, so its next copy counts from there. A session not announced starts at zero,
 * which can only drop its copies while another session delivers them, never log one twice.
 *
 * The standby runs one too, to know which of its own copies the shared log lacks (a takeover
 * publishes those): it counts its copies with `place` and what the leader logged with `noteLogged`,
 * and asks `isLogged`.
 *
 * Memory is bounded by time: an identity untouched for the window is forgotten, with its counts.
 */
export class SessionCopyDeduplicator {
  private readonly identities = new Map<string, IdentityCounts>();
  /** `message_id`s seen, and until when they are remembered. */
  private readonly messageIds = new Map<string, number>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = IDENTITY_WINDOW_MS,
  ) {}

  /**
   * `session` starts receiving (at its first welcome, and again after a drop lost its
   * subscriptions, before its subscriptions exist): the events logged up to `upToLogId` (all, by
   * default) are ones it will never deliver. A session elsewhere names the newest log id it had
   * read: what was logged after that, it may still deliver.
   */
  joined(session: string, upToLogId = Number.POSITIVE_INFINITY): void {
    this.forgetExpired();
    for (const counts of this.identities.values()) {
      const before = counts.logged.filter((id) => id <= upToLogId).length;
      // (Never lower: a standby's copies the log does not hold yet keep their places.)
      const copies = counts.copies.get(session) ?? 0;
      counts.copies.set(session, Math.max(copies, before));
    }
  }

  /**
   * The leader's decision on a copy: `new` (then `log` puts it in the log and answers its id,
   * which is counted) or dropped.
   */
  admit(copy: EventCopy, log: () => number): CopyVerdict {
    const place = this.place(copy);
    if (place === 'resent') return 'resent';
    if (this.isLogged(copy.identity, place)) return 'copy';
    this.noteLogged(copy.identity, log());
    return 'new';
  }

  /**
   * Counts a copy its session delivered, without deciding on it: its place among the events with
   * its identity (the 3rd alike cheer), or `resent` for a `message_id` seen before.
   */
  place(copy: EventCopy): number | 'resent' {
    const now = this.now();
    this.forgetExpired();
    if (copy.messageId !== undefined) {
      if ((this.messageIds.get(copy.messageId) ?? 0) > now) return 'resent';
      this.messageIds.set(copy.messageId, now + this.windowMs);
    }
    const counts = this.countsOf(copy.identity.key, now);
    const place = (counts.copies.get(copy.session) ?? 0) + 1;
    counts.copies.set(copy.session, place);
    return copy.identity.unique ? 1 : place;
  }

  /** An event with `identity` went into the log as `logId`. */
  noteLogged(identity: CopyIdentity, logId: number): void {
    this.countsOf(identity.key, this.now()).logged.push(logId);
  }

  /**
   * Whether the newest event logged with `identity` is one `session` delivered too (it had
   * delivered as many of them, counting from where it joined).
   */
  deliveredNewestLogged(identity: CopyIdentity, session: string): boolean {
    const counts = this.current(identity.key, this.now());
    if (!counts || counts.logged.length === 0) return false;
    const delivered = counts.copies.get(session) ?? 0;
    return identity.unique ? delivered > 0 : delivered >= counts.logged.length;
  }

  /** Whether the log holds the event at `place` among those with `identity` (see `place`). */
  isLogged(identity: CopyIdentity, place: number): boolean {
    const logged = this.current(identity.key, this.now())?.logged.length ?? 0;
    return identity.unique ? logged > 0 : place <= logged;
  }

  /** How many identities and `message_id`s are remembered. */
  get size(): { identities: number; messageIds: number } {
    return { identities: this.identities.size, messageIds: this.messageIds.size };
  }

  /** The counts of `key`, unless they are a window old (the sweep may not have come by yet). */
  private current(key: string, now: number): IdentityCounts | undefined {
    const counts = this.identities.get(key);
    return counts && now - counts.lastAt < this.windowMs ? counts : undefined;
  }

  private countsOf(key: string, now: number): IdentityCounts {
    let counts = this.current(key, now);
    if (!counts) {
      counts = { logged: [], copies: new Map(), lastAt: now };
      this.identities.set(key, counts);
    }
    counts.lastAt = now;
    return counts;
  }

  private forgetExpired(): void {
    const now = this.now();
    // A sweep visits every identity, so it runs at most once a second, not once per copy.
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, counts] of this.identities) {
      if (now - counts.lastAt >= this.windowMs) this.identities.delete(key);
    }
    for (const [id, until] of this.messageIds) if (until <= now) this.messageIds.delete(id);
  }
}
