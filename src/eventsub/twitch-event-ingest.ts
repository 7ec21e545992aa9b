import {
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import type { EventSubGap } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { Leadership, type InstanceRole } from '../leadership/leadership.js';
import { EventDeduplicator } from './event-deduplicator.js';
import { IDENTITY_WINDOW_MS, liveEventIdentity, type CopyIdentity } from './event-identity.js';
import type { HeldCopy } from './joining-sessions.js';
import type { Notification } from './notification.js';
import { SessionCopies } from './session-copies.js';
import { StandbyRelay, type StandbyItem } from './standby-relay.js';

/** How many of the log's newest events are counted again when this instance stops leading. */
const RECOUNTED_EVENTS = 5_000;

/**
 * Why a notification was not published: Twitch delivered the same `message_id` again (at-least-once
 * delivery), sent the same event again under a new `message_id` (see `eventIdentity`), it was
 * already recovered through Helix, or it is the other EventSub session's copy of an event already
 * published (the leader's and the standby's, see `SessionCopyDeduplicator`).
 */
export type DuplicateReason = 'message_id' | 'event_identity' | 'recovered' | 'other_session';

/** A notification dropped as a repeat, with the message ids that make a wrong drop traceable. */
export interface DroppedDuplicate {
  readonly type: TwitchEventType;
  readonly reason: DuplicateReason;
  readonly messageId: string | undefined;
  /** The `message_id` the event was first published with. */
  readonly firstMessageId: string | undefined;
}

/** An EventSub event as it was received and published: Twitch's own event object. */
export interface ReceivedTwitchEvent {
  readonly type: TwitchEventType;
  readonly data: Record<string, unknown>;
  /** The id it went out to clients with. */
  readonly publishedId: number;
  /** Recovered through Helix after a gap, not delivered live (the stats' poll counted it already). */
  readonly recovered?: boolean;
}

/**
 * Where EventSub notifications enter the service: once each, published to SSE clients in the
 * contract's shape, then announced on `events$` for the parts that react to them (the stats).
 *
 * Among several instances, the leader publishes, and the standby listens beside it with an
 * EventSub session of its own: it hands each notification to the leader (`StandbyRelay`) and
 * keeps the last minute of them. The leader takes its own and the standby's copies through one
 * count-based de-duplication (`SessionCopyDeduplicator`): whichever copy comes first is published.
 * Meanwhile every instance that does not lead counts what the leader logs, so that the standby
 * knows, when it takes the lead, which of its notifications the log lacks: those go out then,
 * live, in the order received.
 */
@Injectable()
export class TwitchEventIngest implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventSub');
  private readonly deduplicator = new EventDeduplicator();
  private readonly copies: SessionCopies;
  private readonly duplicates = new Subject<DroppedDuplicate>();
  private readonly received = new Subject<ReceivedTwitchEvent>();
  private readonly subscriptions: Subscription[] = [];
  private role: InstanceRole;
  /** On the leader: when the standby's session last joined, and last delivered a copy. */
  private standbyJoinedAt: number | null = null;
  private standbyCopyAt: number | null = null;

  /** Every event received from Twitch (each once), after it was published to clients. */
  readonly events$: Observable<ReceivedTwitchEvent> = this.received.asObservable();

  /** Every notification dropped as a repeat. */
  readonly duplicates$: Observable<DroppedDuplicate> = this.duplicates.asObservable();

  constructor(
    private readonly bus: EventBus,
    private readonly leadership: Leadership,
    @Optional() private readonly relay?: StandbyRelay,
  ) {
    this.role = leadership.role;
    this.copies = new SessionCopies(leadership.instanceId, {
      publish: (notification) => this.publish(notification),
      resent: ({ type, messageId }) =>
        this.dropped({ type, reason: 'message_id', messageId, firstMessageId: messageId }),
      copyDropped: (copy) => this.dropCopy(copy),
    });
    this.subscriptions.push(bus.messages$.subscribe((published) => this.logged(published)));
    if (relay)
      this.subscriptions.push(relay.forwarded$.subscribe((item) => this.fromStandby(item)));
  }

  onApplicationBootstrap(): void {
    // Subscribed after the ProjectionRunner (it subscribes in onModuleInit, which Nest runs first),
    // so on taking the lead the projections restore from the log before the kept notifications
    // reach them.
    this.subscriptions.push(this.leadership.role$.subscribe((role) => this.roleChanged(role)));
  }

  onApplicationShutdown(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  /**
   * A notification from this instance's EventSub session. The leader publishes it once (see
   * `admit`); the standby keeps it and hands it to the leader.
   */
  receive(notification: Notification): void {
    if (this.role === 'leader') this.admit(notification, this.leadership.instanceId);
    else this.standBy(notification);
  }

  /**
   * Whether, since this instance's EventSub session (standing by) last joined, the leader logged
   * an event this session delivered too: then the leader was still receiving after it joined, and
   * a takeover has no gap to recover.
   */
  get leaderReceivedSinceJoin(): boolean {
    return this.copies.leaderReceivedSinceJoin;
  }

  /**
   * On the leader: whether the standby's session, joined before `since` (ms) and not since, has
   * delivered copies after it — it received while this instance's own session did not.
   */
  standbyReceivedSince(since: number): boolean {
    const { standbyJoinedAt, standbyCopyAt } = this;
    return (
      standbyJoinedAt !== null &&
      standbyJoinedAt < since &&
      standbyCopyAt !== null &&
      standbyCopyAt >= since
    );
  }

  /**
   * This instance's EventSub session is a new one (its first, or after a drop lost the
   * subscriptions), about to subscribe: the events logged so far are ones it will never deliver.
   */
  sessionJoined(): void {
    const leading = this.role === 'leader';
    this.copies.ownSessionJoined(leading);
    if (!leading) {
      const session = this.leadership.instanceId;
      this.relay?.forward({ kind: 'joined', session, upToLogId: this.bus.lastId });
    }
  }

  /**
   * Publishes an event recovered through Helix after `gap`, marked `recovered`, unless it was
   * already published (EventSub delivered it before the gap or late). Returns whether it was.
   */
  receiveRecovered(
    type: TwitchEventType,
    data: Record<string, unknown>,
    gap: EventSubGap,
  ): boolean {
    if (this.deduplicator.recoveredRepeatOf(type, data)) {
      this.dropped({ type, reason: 'recovered', messageId: undefined, firstMessageId: undefined });
      return false;
    }
    const published = this.bus.publishEvent({
      type: 'event',
      event: type,
      data,
      sentAt: new Date().toISOString(),
      recovered: true,
      gap,
    });
    this.received.next({ type, data, publishedId: published.id, recovered: true });
    return true;
  }

  /** Notes an event published earlier (before a restart), so it is never recovered again. */
  rememberPublished(type: TwitchEventType, data: Record<string, unknown>): void {
    this.deduplicator.remember(type, data);
  }

  /**
   * The leader takes one copy of a notification, from its own session or the standby's: a
   * redelivered `message_id` (which Twurple drops), the other session's copy of an event
   * published already, the same event under a new `message_id` (see `eventIdentity`) and one
   * recovered through Helix already are only counted and logged.
   */
  private admit(notification: Notification, session: string): void {
    const { type, messageId } = notification;
    if (notification.redelivered) {
      this.dropped({ type, reason: 'message_id', messageId, firstMessageId: messageId });
      return;
    }
    this.copies.admit(notification, session);
  }

  /** Counts and logs the other session's copy of an event already published. */
  private dropCopy({ notification, identity }: HeldCopy): void {
    const { type, data, messageId } = notification;
    // A follow or stream.online is one happening, whoever delivered it again; anything else is
    // the other session's copy (two alike cheers are two cheers: counted, not merged).
    const firstMessageId = identity.unique
      ? this.deduplicator.repeatOf(type, data, messageId)?.messageId
      : undefined;
    const reason = identity.unique ? 'event_identity' : 'other_session';
    this.dropped({ type, reason, messageId, firstMessageId });
  }

  /** Publishes a notification admitted as new; answers its id (or the log's newest, if dropped). */
  private publish(notification: Notification): number {
    const { type, data, messageId } = notification;
    const earlier = this.deduplicator.repeatOf(type, data, messageId);
    if (earlier) {
      this.dropped({
        type,
        reason: 'event_identity',
        messageId,
        firstMessageId: earlier.messageId,
      });
      return this.bus.lastId;
    }
    if (this.deduplicator.repeatsRecovered(type, data)) {
      // EventSub delivered, late, what was already recovered through Helix after the gap.
      this.dropped({ type, reason: 'recovered', messageId, firstMessageId: undefined });
      return this.bus.lastId;
    }
    // `sentAt` is when it arrived here: Twurple does not pass on Twitch's message_timestamp.
    const published = this.bus.publishEvent(
      { type: 'event', event: type, data, sentAt: new Date().toISOString() },
      notification.receivedAt,
    );
    this.received.next({ type, data, publishedId: published.id });
    return published.id;
  }

  /** The standby keeps a notification of its own session and hands it to the leader. */
  private standBy(notification: Notification): void {
    const { type, data, messageId } = notification;
    if (notification.redelivered || !this.copies.keep(notification)) return;
    const session = this.leadership.instanceId;
    this.relay?.forward({ kind: 'copy', session, type, data, messageId });
  }

  /** On the leader: what the standby handed over, in the order it happened. */
  private fromStandby(item: StandbyItem): void {
    if (this.role !== 'leader') return;
    if (item.kind === 'joined') {
      this.standbyJoinedAt = Date.now();
      this.copies.standbyJoined(item.session, item.upToLogId);
    } else {
      this.standbyCopyAt = Date.now();
      this.admit({ type: item.type, data: item.data, messageId: item.messageId }, item.session);
    }
  }

  /** While another instance leads: each live event it logged, counted (see `takeOver`). */
  private logged(published: PublishedMessage): void {
    if (this.role === 'leader') return; // (the leader counts what it logs as it logs it)
    const identity = liveEventIdentity(published);
    if (identity) this.copies.noteLogged(identity, published.id);
  }

  private roleChanged(role: InstanceRole): void {
    const was = this.role;
    this.role = role;
    if (role === 'leader' && was !== 'leader') this.takeOver();
    if (was === 'leader' && role !== 'leader') {
      this.copies.stopLeading(this.recentLiveEvents());
      this.standbyJoinedAt = this.standbyCopyAt = null;
    }
    if (role !== 'standby') this.copies.stopKeeping();
  }

  /**
   * This instance leads now, its EventSub session going on: what it received while the old
   * leader was dying, and the log lacks, goes out now, live, in the order received.
   */
  private takeOver(): void {
    const published = this.copies.takeOver();
    if (published > 0)
      this.logger.log(
        `Took the lead with the EventSub session this instance held as the standby: published the ${published} notification(s) it received that the old leader had not logged.`,
      );
  }

  /** The log's live events of the identity window, oldest first, with their ids. */
  private *recentLiveEvents(): Generator<readonly [CopyIdentity, number]> {
    const since = Date.now() - IDENTITY_WINDOW_MS;
    for (const published of this.bus.recentEvents(RECOUNTED_EVENTS)) {
      const identity = liveEventIdentity(published, since);
      if (identity) yield [identity, published.id];
    }
  }

  private dropped(duplicate: DroppedDuplicate): void {
    this.logger.debug(
      `Dropped a repeated ${duplicate.type} notification (${duplicate.reason}): message_id ${duplicate.messageId ?? 'unknown'}, first published as ${duplicate.firstMessageId ?? 'unknown'}.`,
    );
    this.duplicates.next(duplicate);
  }
}
