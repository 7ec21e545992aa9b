import { Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { TwitchEventType } from '../contract/twitch-events.js';

const SHOUTOUT_TYPES: ReadonlySet<TwitchEventType> = new Set([
  'channel.shoutout.create',
  'channel.shoutout.receive',
]);
/** The newest shoutouts looked through: far more than an alert box ever has waiting. */
const LOOKED_THROUGH = 200;

/**
 * The channels the channel-profile route may look up: the other channel of a shoutout the event log
 * keeps. The route is public; without this, anyone could make the service ask Helix about any user.
 * The set is read again only when the log has moved on, so a flood of requests reads it once.
 */
@Injectable()
export class ShoutoutChannels {
  private readAt: number | null = null;
  private ids = new Set<string>();

  constructor(private readonly bus: EventBus) {}

  /** Whether `id` is the other channel of a kept shoutout. */
  has(id: string): boolean {
    const lastId = this.bus.lastId;
    if (this.readAt !== lastId) {
      this.ids = this.read();
      this.readAt = lastId;
    }
    return this.ids.has(id);
  }

  private read(): Set<string> {
    const ids = new Set<string>();
    for (const { message } of this.bus.eventsPage({
      types: SHOUTOUT_TYPES,
      limit: LOOKED_THROUGH,
    })) {
      if (message.type !== 'event') continue;
      const other =
        message.event === 'channel.shoutout.create'
          ? message.data.to_broadcaster_user_id
          : message.data.from_broadcaster_user_id;
      if (typeof other === 'string') ids.add(other);
    }
    return ids;
  }
}
