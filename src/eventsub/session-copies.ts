import { copyIdentity, type CopyIdentity } from './event-identity.js';
import { JoiningSessions, type HeldCopy } from './joining-sessions.js';
import { KeptNotifications } from './kept-notifications.js';
import type { Notification } from './notification.js';
import { SessionCopyDeduplicator } from './session-copy-deduplicator.js';

/** Where the copies that `SessionCopies` lets through, or drops, go. */
export interface CopyOutlet {
  /** Publishes a notification the log lacks; answers its id in the log. */
  publish(notification: Notification): number;
  /** Twitch sent this `message_id` again. */
  resent(notification: Notification): void;
  /** Another session's copy of this event was published already. */
  copyDropped(copy: HeldCopy): void;
}

/**
 * The copies of each notification that the leader's and the standby's EventSub sessions deliver:
 * what the leader publishes of them (`admit`), and what the standby keeps for when it takes the
 * lead (`keep`, `takeOver`). The counting is `SessionCopyDeduplicator`'s, the order of a session
 * that just joined `JoiningSessions`'s, the standby's last minute `KeptNotifications`'.
 */
export class SessionCopies {
  private copies = new SessionCopyDeduplicator();
  private readonly kept = new KeptNotifications();
  /** On the leader: the copies of a session that just joined, until it is aligned. */
  private readonly joining = new JoiningSessions((held) => held.forEach((c) => this.decide(c)));
  /** On the leader: whether a standby delivers beside it (it said its session joined). */
  private standbyDelivers = false;
  private leaderLoggedOwnEvent = false;

  constructor(
    /** This instance's session (its instance id). */
    private readonly self: string,
    private readonly outlet: CopyOutlet,
  ) {}

  // --- on the leader

  /** The leader takes one copy, from its own session or the standby's (`session`). */
  admit(notification: Notification, session: string): void {
    const { type, data, messageId } = notification;
    const identity = copyIdentity(type, data);
    const place = this.copies.place({ session, identity, messageId });
    if (place === 'resent') return this.outlet.resent(notification);
    const copy = { notification, session, identity, place };
    if (!this.joining.waiting(session)) {
      this.decide(copy);
    } else if (this.copies.isLogged(identity, place)) {
      // The other session delivered this one first: from here on the two are aligned.
      this.outlet.copyDropped(copy);
      this.joining.aligned(session).forEach((held) => this.decide(held));
    } else {
      this.joining.hold(copy);
    }
  }

  /** The standby's session joined, having read the log up to `upToLogId`. */
  standbyJoined(session: string, upToLogId: number): void {
    this.copies.joined(session, upToLogId);
    this.standbyDelivers = true;
    this.joining.joined(session, true);
  }

  // --- on the leader and the standby

  /** This instance's session joined (before its subscriptions exist). */
  ownSessionJoined(leading: boolean): void {
    this.copies.joined(this.self);
    this.leaderLoggedOwnEvent = false;
    if (leading) this.joining.joined(this.self, this.standbyDelivers);
  }

  // --- on the standby (and every instance that does not lead)

  /** Counts and keeps a notification of this (standby) instance's session; false: a re-send. */
  keep(notification: Notification): boolean {
    const { type, data, messageId } = notification;
    const identity = copyIdentity(type, data);
    const place = this.copies.place({ session: this.self, identity, messageId });
    if (place === 'resent') return false;
    this.kept.keep(notification, identity, place);
    return true;
  }

  /** The leader logged an event with `identity` as `logId`. */
  noteLogged(identity: CopyIdentity, logId: number): void {
    this.copies.noteLogged(identity, logId);
    if (this.copies.deliveredNewestLogged(identity, this.self)) this.leaderLoggedOwnEvent = true;
  }

  /**
   * Whether, since this instance's session last joined, the leader logged an event this session
   * delivered too: then the leader was still receiving after it joined.
   */
  get leaderReceivedSinceJoin(): boolean {
    return this.leaderLoggedOwnEvent;
  }

  /** This instance leads now: publishes, in order, what it kept that the log lacks; how many. */
  takeOver(): number {
    let published = 0;
    for (const { notification, identity, place } of this.kept.takeAll()) {
      if (this.copies.isLogged(identity, place)) continue;
      published++;
      this.copies.noteLogged(identity, this.outlet.publish(notification));
    }
    return published;
  }

  /**
   * This instance no longer leads: it counts again from `recent` (the log's live events, oldest
   * first): what it appended and had not read back yet is read back as anyone's.
   */
  stopLeading(recent: Iterable<readonly [CopyIdentity, number]>): void {
    this.joining.clear();
    this.standbyDelivers = false;
    this.copies = new SessionCopyDeduplicator();
    for (const [identity, logId] of recent) this.copies.noteLogged(identity, logId);
  }

  /** This instance no longer stands by: what it kept is of no use. */
  stopKeeping(): void {
    this.kept.clear();
  }

  /** Publishes a copy the log lacks; drops one it holds (the other session's came first). */
  private decide(copy: HeldCopy): void {
    if (this.copies.isLogged(copy.identity, copy.place)) {
      this.outlet.copyDropped(copy);
      return;
    }
    this.copies.noteLogged(copy.identity, this.outlet.publish(copy.notification));
    // A joining session that delivered this one too is aligned now: its held copies go on.
    for (const [session, held] of [...this.joining.waitingCopies()]) {
      if (session === copy.session) continue;
      if (held.some((h) => this.copies.isLogged(h.identity, h.place)))
        this.joining.aligned(session).forEach((h) => this.decide(h));
    }
  }
}
