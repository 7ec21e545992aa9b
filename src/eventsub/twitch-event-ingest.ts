import { Injectable, Logger } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import type { EventSubGap } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { EventDeduplicator } from './event-deduplicator.js';
import type { Notification } from './notification.js';

/**
 * Why a notification was not published: Twitch delivered the same `message_id` again (at-least-once
 * delivery), or sent the same event again under a new `message_id` (see `eventIdentity`).
 */
export type DuplicateReason = 'message_id' | 'event_identity' | 'recovered';

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
 */
@Injectable()
export class TwitchEventIngest {
  private readonly logger = new Logger('EventSub');
  private readonly deduplicator = new EventDeduplicator();
  private readonly duplicates = new Subject<DroppedDuplicate>();
  private readonly received = new Subject<ReceivedTwitchEvent>();

  /** Every event received from Twitch (each once), after it was published to clients. */
  readonly events$: Observable<ReceivedTwitchEvent> = this.received.asObservable();

  /** Every notification dropped as a repeat. */
  readonly duplicates$: Observable<DroppedDuplicate> = this.duplicates.asObservable();

  constructor(private readonly bus: EventBus) {}

  /**
   * Publishes a notification's event object as `{type:"event", event, data}`, once: a redelivered
   * `message_id` (which Twurple drops) and an event already published under another one (see
   * `eventIdentity`), or already recovered through Helix, are only counted and logged.
   */
  receive(notification: Notification): void {
    const { type, data, messageId } = notification;
    if (notification.redelivered) {
      this.dropped({ type, reason: 'message_id', messageId, firstMessageId: messageId });
      return;
    }
    const earlier = this.deduplicator.repeatOf(type, data, messageId);
    if (earlier) {
      this.dropped({
        type,
        reason: 'event_identity',
        messageId,
        firstMessageId: earlier.messageId,
      });
      return;
    }
    if (this.deduplicator.repeatsRecovered(type, data)) {
      // EventSub delivered, late, what was already recovered through Helix after the gap.
      this.dropped({ type, reason: 'recovered', messageId, firstMessageId: undefined });
      return;
    }
    // `sentAt` is when it arrived here: Twurple does not pass on Twitch's message_timestamp.
    const published = this.bus.publishEvent(
      { type: 'event', event: type, data, sentAt: new Date().toISOString() },
      notification.receivedAt,
    );
    this.received.next({ type, data, publishedId: published.id });
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

  private dropped(duplicate: DroppedDuplicate): void {
    this.logger.debug(
      `Dropped a repeated ${duplicate.type} notification (${duplicate.reason}): message_id ${duplicate.messageId ?? 'unknown'}, first published as ${duplicate.firstMessageId ?? 'unknown'}.`,
    );
    this.duplicates.next(duplicate);
  }
}
