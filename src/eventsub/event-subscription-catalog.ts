import type { EventSubSubscription } from '@twurple/eventsub-base';
import type { EventSubWsListener } from '@twurple/eventsub-ws';
import { getRawData, type DataObject } from '@twurple/common';
import type { TwitchEventType } from '../contract/twitch-events.js';

/** Called with the event object exactly as Twitch sent it (snake_case). */
export type RawEventHandler = (type: TwitchEventType, data: Record<string, unknown>) => void;

type Subscriber = (
  listener: EventSubWsListener,
  broadcasterId: string,
  handler: (event: DataObject<unknown>) => void,
) => EventSubSubscription;

/**
 * How to subscribe to each type with Twurple, for the broadcaster's own channel. Follow v2 needs a
 * moderator: the broadcaster is one of their own channel. Raids are the incoming ones
 * (`to_broadcaster_user_id`). Hype trains are version 2, the one Twitch documents (version 1 was
 * retired in January 2026).
 */
const SUBSCRIBERS: Readonly<Record<TwitchEventType, Subscriber>> = {
  'channel.follow': (listener, id, handler) => listener.onChannelFollow(id, id, handler),
  'channel.subscribe': (listener, id, handler) => listener.onChannelSubscription(id, handler),
  'channel.subscription.gift': (listener, id, handler) =>
    listener.onChannelSubscriptionGift(id, handler),
  'channel.cheer': (listener, id, handler) => listener.onChannelCheer(id, handler),
  'channel.raid': (listener, id, handler) => listener.onChannelRaidTo(id, handler),
  'stream.online': (listener, id, handler) => listener.onStreamOnline(id, handler),
  'stream.offline': (listener, id, handler) => listener.onStreamOffline(id, handler),
  'channel.channel_points_custom_reward_redemption.add': (listener, id, handler) =>
    listener.onChannelRedemptionAdd(id, handler),
  'channel.hype_train.begin': (listener, id, handler) =>
    listener.onChannelHypeTrainBeginV2(id, handler),
  'channel.hype_train.progress': (listener, id, handler) =>
    listener.onChannelHypeTrainProgressV2(id, handler),
  'channel.hype_train.end': (listener, id, handler) =>
    listener.onChannelHypeTrainEndV2(id, handler),
  'channel.goal.begin': (listener, id, handler) => listener.onChannelGoalBegin(id, handler),
  'channel.goal.progress': (listener, id, handler) => listener.onChannelGoalProgress(id, handler),
  'channel.goal.end': (listener, id, handler) => listener.onChannelGoalEnd(id, handler),
  'channel.poll.begin': (listener, id, handler) => listener.onChannelPollBegin(id, handler),
  'channel.poll.progress': (listener, id, handler) => listener.onChannelPollProgress(id, handler),
  'channel.poll.end': (listener, id, handler) => listener.onChannelPollEnd(id, handler),
  'channel.prediction.begin': (listener, id, handler) =>
    listener.onChannelPredictionBegin(id, handler),
  'channel.prediction.progress': (listener, id, handler) =>
    listener.onChannelPredictionProgress(id, handler),
  'channel.prediction.lock': (listener, id, handler) =>
    listener.onChannelPredictionLock(id, handler),
  'channel.prediction.end': (listener, id, handler) => listener.onChannelPredictionEnd(id, handler),
};

/** Subscribes `listener` to `type` for the broadcaster; `onEvent` gets Twitch's raw event object. */
export function subscribeToEvent(
  listener: EventSubWsListener,
  type: TwitchEventType,
  broadcasterId: string,
  onEvent: RawEventHandler,
): EventSubSubscription {
  // Twurple wraps the payload in a class; the contract wants Twitch's own object, which it keeps.
  return SUBSCRIBERS[type](listener, broadcasterId, (event) =>
    onEvent(type, getRawData(event) as Record<string, unknown>),
  );
}
