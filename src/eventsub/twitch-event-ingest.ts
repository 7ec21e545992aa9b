import { Injectable, Logger } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import type { EventSubGap } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { EventDeduplicator } from './event-deduplicator.js';

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
  private frameReceivedAt: number | undefined;
  private messageId: string | undefined;

  /** Every event received from Twitch (each once), after it was published to clients. */
  readonly events$: Observable<ReceivedTwitchEvent> = this.received.asObservable();

  /** Every notification dropped as a repeat. */
  readonly duplicates$: Observable<DroppedDuplicate> = this.duplicates.asObservable();

  constructor(private readonly bus: EventBus) {}

  /**
   * Notes that a frame from Twitch arrived now (`performance.now()`). Twurple hands the events of a
   * frame to their handlers while it processes that frame, so `receive` publishes them with this
   * time: ingest latency (frame → first SSE write) is measured from it.
   */
  frameArrived(at = performance.now()): void {
    this.frameReceivedAt = at;
  }

  /**
   * Notes the `message_id` of the notification Twurple is about to hand over. When Twurple has
   * seen that id already (`redelivered`) it drops the notification itself; this only counts it.
   */
  notificationArrived(type: TwitchEventType, messageId: string, redelivered: boolean): void {
    if (redelivered) {
      this.dropped({ type, reason: 'message_id', messageId, firstMessageId: messageId });
      this.messageId = undefined;
      return;
    }
    this.messageId = messageId;
  }

  /** Publishes Twitch's event object as `{type:"event", event, data}` unless it was already published. */
  receive(type: TwitchEventType, data: Record<string, unknown>): void {
    const messageId = this.messageId;
    this.messageId = undefined;
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
    // `sentAt` is when the frame arrived here: Twurple does not pass on Twitch's message_timestamp.
    const published = this.bus.publishEvent(
      { type: 'event', event: type, data, sentAt: new Date().toISOString() },
      this.frameReceivedAt,
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
