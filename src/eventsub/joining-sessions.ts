import { systemClock, type CancelTimer, type Clock } from './clock.js';
import type { CopyIdentity } from './event-identity.js';
import type { Notification } from './notification.js';

/**
 * How long the copies of a session that just joined wait for the other session to deliver the
 * same event: longer than the standby's copies take through Redis, even on a busy machine.
 */
export const JOIN_HOLD_MS = 2_000;

/** A copy held back, with what the de-duplication already counted of it. */
export interface HeldCopy {
  readonly notification: Notification;
  readonly session: string;
  readonly identity: CopyIdentity;
  readonly place: number;
}

/**
 * Keeps the order of events when a session (re)joins beside another. Each session delivers in
 * Twitch's order, so publishing whichever copy comes first keeps that order — unless one session
 * skipped events: one that just (re)connected never gets those sent before its subscriptions
 * existed, and its copy of the next event can overtake the other session's copies of the ones it
 * skipped, still on their way (the standby's go through Redis). So a joining session's copies wait
 * until the other session delivers one of the same events (everything before it has then arrived:
 * the two are aligned) or, if it does not, for `holdMs`; then they go on in order.
 */
export class JoiningSessions {
  private readonly held = new Map<string, HeldCopy[]>();
  private readonly timers = new Map<string, CancelTimer>();

  constructor(
    /** Takes a session's held copies, in order, when it is aligned or its wait is over. */
    private readonly release: (copies: HeldCopy[]) => void,
    private readonly clock: Clock = systemClock,
    private readonly holdMs = JOIN_HOLD_MS,
  ) {}

  /** `session` (re)joined; its copies wait for alignment when another session delivers too. */
  joined(session: string, othersDeliver: boolean): void {
    const before = this.aligned(session);
    if (before.length > 0) this.release(before);
    if (othersDeliver) this.held.set(session, []);
  }

  /** Whether `session` still waits for alignment. */
  waiting(session: string): boolean {
    return this.held.has(session);
  }

  /** Holds a copy of a waiting session (see `waiting`). */
  hold(copy: HeldCopy): void {
    const queue = this.held.get(copy.session);
    if (!queue) throw new Error(`${copy.session} is not waiting to be aligned.`);
    queue.push(copy);
    if (!this.timers.has(copy.session)) {
      this.timers.set(
        copy.session,
        this.clock.setTimeout(() => this.release(this.aligned(copy.session)), this.holdMs),
      );
    }
  }

  /** The copies held of each waiting session, to check against what was just logged. */
  waitingCopies(): ReadonlyMap<string, readonly HeldCopy[]> {
    return this.held;
  }

  /** `session` is aligned (or waited long enough): hands back its held copies, in order. */
  aligned(session: string): HeldCopy[] {
    this.timers.get(session)?.();
    this.timers.delete(session);
    const copies = this.held.get(session) ?? [];
    this.held.delete(session);
    return copies;
  }

  /** Forgets every session (this instance no longer leads): nothing is released. */
  clear(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.held.clear();
  }
}
