import { Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { EventMessage, TwitchEventType } from '../contract/sse-contract.js';
import type { TwitchEventData } from './alerts-api.js';

/** What became of a test alert. */
export interface SentTestAlert {
  /** The id it went out under, or null when it takes another path first (the simulator). */
  id: number | null;
  /** The event object clients get. */
  data: TwitchEventData;
}

/**
 * Sends the dashboard's test alerts. The default, `BusTestAlertSender`, publishes a test event
 * straight into the bus; demo mode can bind one that triggers the event in the built-in Twitch
 * simulator instead, so a test button takes the same EventSub path as a real follow.
 */
export abstract class TestAlertSender {
  /** Sends one test `event` whose Twitch-shaped event object is `data`. */
  abstract send(event: TwitchEventType, data: TwitchEventData): Promise<SentTestAlert>;
}

/** Publishes a test alert into the bus, marked `"test": true`. */
@Injectable()
export class BusTestAlertSender extends TestAlertSender {
  constructor(private readonly bus: EventBus) {
    super();
  }

  override async send(event: TwitchEventType, data: TwitchEventData): Promise<SentTestAlert> {
    const message: EventMessage = {
      type: 'event',
      event,
      data,
      test: true,
      sentAt: new Date().toISOString(),
    };
    return { id: (await this.bus.submit(message)).id, data };
  }
}
