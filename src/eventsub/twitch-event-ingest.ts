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

  constructor(private readonly bus: EventBus) {}

  /** How many repeated deliveries were dropped. */
  get duplicatesDropped(): number {
    return this.duplicates;
  }

  /** Publishes Twitch's event object as `{type:"event", event, data}` unless it was already published. */
  receive(type: TwitchEventType, data: Record<string, unknown>): void {
    if (!this.deduplicator.firstSighting(type, data)) {
      this.duplicates++;
      this.logger.debug(`Dropped a repeated ${type} notification.`);
      return;
    }
    // Twurple does not pass on the notification's timestamp; arrival time is within a second of it.
    this.bus.publish({ type: 'event', event: type, data, sentAt: new Date().toISOString() });
  }
}
