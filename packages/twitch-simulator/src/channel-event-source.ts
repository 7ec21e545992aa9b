import type { ChannelState } from './channel-state.js';
import {
  cheerEvent,
  followEvent,
  giftEvent,
  raidEvent,
  streamOfflineEvent,
  streamOnlineEvent,
  subscribeEvent,
} from './event-payloads.js';
import { EngagementEventSource } from './engagement-event-source.js';
import type { SimulatedEventType } from './event-types.js';
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';
import { subTier, wholeNumber } from './trigger-values.js';
import { eventSubTime } from './twitch-time.js';
import type { SimulatedUser, UserDirectory } from './user-directory.js';

/**
 * Makes things happen on the simulated Twitch: updates the channel's state the way Twitch would
 * (a follow adds a follower, a gift of N adds N subs) and returns the EventSub events that
 * announce it, in the order Twitch sends them.
 */
export class ChannelEventSource {
  private readonly engagement: EngagementEventSource;

  constructor(
    private readonly users: UserDirectory,
    private readonly channelOf: (broadcaster: SimulatedUser) => ChannelState,
    private readonly defaultBroadcaster: SimulatedUser,
    /** The channel clock: when things happen (milliseconds since the epoch). */
    private readonly now: () => number = Date.now,
  ) {
    this.engagement = new EngagementEventSource(users);
  }

  /**
   * Applies one happening of `type` and returns its events, followed by what they set off on
   * Twitch (a running creator goal moves, a running hype train climbs).
   */
  produce(type: SimulatedEventType, options: TriggerOptions = {}): ProducedEvent[] {
    const broadcaster =
      options.broadcaster === undefined
        ? this.defaultBroadcaster
        : this.users.resolve(options.broadcaster);
    const channel = this.channelOf(broadcaster);
    const now = new Date(this.now());
    const happened = this.happen(type, channel, options, now);
    return [...happened, ...this.engagement.followUps(channel, happened, now)];
  }

  private happen(
    type: SimulatedEventType,
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent[] {
    const broadcaster = channel.broadcaster;
    switch (type) {
      case 'channel.follow': {
        const user = this.users.resolve(options.user);
        channel.follow(user, now);
        return [{ type, event: followEvent(user, broadcaster, eventSubTime(now)) }];
      }
      case 'channel.subscribe': {
        const user = this.users.resolve(options.user);
        const tier = subTier(options.tier);
        const isGift = options.gift === true;
        channel.subscribe({ user, tier, gifter: null, isGift, anonymousGift: false });
        return [{ type, event: subscribeEvent(user, broadcaster, tier, isGift) }];
      }
      case 'channel.subscription.gift':
        return this.giftBomb(channel, options);
      case 'channel.cheer': {
        const user = options.anonymous ? null : this.users.resolve(options.user);
        const bits = wholeNumber('bits', options.bits, 100, 1, 1_000_000);
        const message = options.message ?? `Cheer${bits} Keep it up!`;
        channel.cheer(user, bits, now);
        return [{ type, event: cheerEvent(user, broadcaster, bits, message) }];
      }
      case 'channel.raid': {
        const from = this.users.resolve(options.user);
        const viewers = wholeNumber('viewers', options.viewers, 10, 0, 10_000_000);
        if (channel.stream) channel.viewerCount += viewers;
        return [{ type, event: raidEvent(from, broadcaster, viewers) }];
      }
      case 'stream.online': {
        if (options.title !== undefined) channel.title = options.title;
        if (options.game !== undefined) channel.gameName = options.game;
        if (options.viewers !== undefined) {
          channel.viewerCount = wholeNumber('viewers', options.viewers, 0, 0, 10_000_000);
        }
        const stream = channel.goLive(now);
        return [
          {
            type,
            event: streamOnlineEvent(broadcaster, stream.id, eventSubTime(stream.startedAt)),
          },
        ];
      }
      case 'stream.offline':
        channel.goOffline();
        return [{ type, event: streamOfflineEvent(broadcaster) }];
      default:
        return this.engagement.produce(type, channel, options, now);
    }
  }

  /** A gift of N subs: the gift event, then (as Twitch does) one `channel.subscribe` per recipient. */
  private giftBomb(channel: ChannelState, options: TriggerOptions): ProducedEvent[] {
    const broadcaster = channel.broadcaster;
    const gifter = options.anonymous ? null : this.users.resolve(options.user);
    const total = wholeNumber('total', options.total, 5, 1, 100);
    const tier = subTier(options.tier);
    const cumulative = gifter ? channel.recordGifts(gifter, total) : null;
    const events: ProducedEvent[] = [
      {
        type: 'channel.subscription.gift',
        event: giftEvent(gifter, broadcaster, total, tier, cumulative),
      },
    ];
    for (let i = 0; i < total; i++) {
      const recipient = this.users.resolve();
      channel.subscribe({
        user: recipient,
        tier,
        gifter,
        isGift: true,
        anonymousGift: gifter === null,
      });
      events.push({
        type: 'channel.subscribe',
        event: subscribeEvent(recipient, broadcaster, tier, true),
      });
    }
    return events;
  }
}
