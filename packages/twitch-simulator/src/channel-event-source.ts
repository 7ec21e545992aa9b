import { BitsEventSource, isBitsEventType } from './bits-event-source.js';
import { BroadcastEventSource, isBroadcastEventType } from './broadcast-event-source.js';
import type { ChannelState } from './channel-state.js';
import { ChatEventSource, isChatEventType } from './chat-event-source.js';
import { EngagementEventSource, isEngagementEventType } from './engagement-event-source.js';
import {
  followEvent,
  giftEvent,
  raidEvent,
  resubMessageEvent,
  streamOfflineEvent,
  streamOnlineEvent,
  subscribeEvent,
} from './event-payloads.js';
import type { SimulatedEventType } from './event-types.js';
import { FollowUpEvents } from './follow-up-events.js';
import { resubMessage } from './message-fragments.js';
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';
import { subTier, wholeNumber } from './trigger-values.js';
import { eventSubTime } from './twitch-time.js';
import { SimulatorInputError, type SimulatedUser, type UserDirectory } from './user-directory.js';

/**
 * Makes things happen on the simulated Twitch: updates the channel's state the way Twitch would
 * (a follow adds a follower, a gift of N adds N subs) and returns the EventSub events that
 * announce it, in the order Twitch sends them. Follows, subs, resubs, gifts, raids and going live
 * are here; Bits, engagement (points, hype trains, goals, polls, predictions) and broadcast
 * happenings (ad breaks, shoutouts, charity) and chat have sources of their own.
 */
export class ChannelEventSource {
  private readonly bits: BitsEventSource;
  private readonly engagement: EngagementEventSource;
  private readonly broadcast: BroadcastEventSource;
  private readonly chat: ChatEventSource;
  private readonly followUps: FollowUpEvents;

  constructor(
    private readonly users: UserDirectory,
    private readonly channelOf: (broadcaster: SimulatedUser) => ChannelState,
    private readonly defaultBroadcaster: SimulatedUser,
    /** The channel clock: when things happen (milliseconds since the epoch). */
    private readonly now: () => number = Date.now,
    /** `http://localhost:PORT`, where the simulator serves images events point at. */
    imageBase: () => string = () => 'http://localhost',
  ) {
    this.bits = new BitsEventSource(users);
    this.engagement = new EngagementEventSource(users);
    this.broadcast = new BroadcastEventSource(users, channelOf, imageBase);
    this.chat = new ChatEventSource(users, channelOf, imageBase);
    this.followUps = new FollowUpEvents(users);
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
    return [...happened, ...this.followUps.of(channel, happened, now)];
  }

  private happen(
    type: SimulatedEventType,
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent[] {
    if (isBitsEventType(type)) return this.bits.produce(type, channel, options, now);
    if (isEngagementEventType(type)) return this.engagement.produce(type, channel, options, now);
    if (isBroadcastEventType(type)) return this.broadcast.produce(type, channel, options, now);
    if (isChatEventType(type)) return this.chat.produce(type, channel, options);
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
      case 'channel.subscription.message':
        return [this.resub(channel, options)];
      case 'channel.subscription.gift':
        return this.giftBomb(channel, options);
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
    }
  }

  /**
   * A resub shared in chat (`channel.subscription.message`): the viewer is a subscriber of `tier`
   * (counted as one if the simulator did not know them as one), no `channel.subscribe` is sent.
   */
  private resub(channel: ChannelState, options: TriggerOptions): ProducedEvent {
    const user = this.users.resolve(options.user);
    const tier = subTier(options.tier);
    const months = wholeNumber('months', options.months, 6, 2, 1000);
    if (options.hideStreak && options.streak !== undefined) {
      throw new SimulatorInputError('give streak or hideStreak, not both');
    }
    const streak = options.hideStreak
      ? null
      : wholeNumber('streak', options.streak, months, 1, months);
    const duration = wholeNumber('duration', options.duration, 1, 1, 12);
    const text = options.message ?? 'Still here, still hyped! Kappa';
    channel.subscribe({ user, tier, gifter: null, isGift: false, anonymousGift: false });
    return {
      type: 'channel.subscription.message',
      event: resubMessageEvent(
        user,
        channel.broadcaster,
        tier,
        resubMessage(text),
        months,
        streak,
        duration,
      ),
    };
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
