import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { EventDeduplicator } from './event-deduplicator.js';

/** Where EventSub notifications enter the bus: once each, in the contract's shape. */
@Injectable()
export class TwitchEventIngest {
  private readonly logger = new Logger('EventSub');
  private readonly deduplicator = new EventDeduplicator();
  private duplicates = 0;
  private frameReceivedAt: number | undefined;

  constructor(private readonly bus: EventBus) {}

  /** How many repeated deliveries were dropped. */
  get duplicatesDropped(): number {
    return this.duplicates;
  }

  /**
   * Notes that a frame from Twitch arrived now (`performance.now()`). Twurple hands the events of a
   * frame to their handlers while it processes that frame, so `receive` publishes them with this
   * time: ingest latency (frame → first SSE write) is measured from it.
   */
  frameArrived(at = performance.now()): void {
    this.frameReceivedAt = at;
  }

  /** Publishes Twitch's event object as `{type:"event", event, data}` unless it was already published. */
  receive(type: TwitchEventType, data: Record<string, unknown>): void {
    if (!this.deduplicator.firstSighting(type, data)) {
      this.duplicates++;
      this.logger.debug(`Dropped a repeated ${type} notification.`);
      return;
    }
    // Twurple does not pass on the notification's timestamp; arrival time is within a second of it.
    this.bus.publish(
      { type: 'event', event: type, data, sentAt: new Date().toISOString() },
      this.frameReceivedAt,
    );
  }
}
