import type { EventTypeDescriptor } from './event-type-descriptor.js';
import { loginField, numberField, textField } from './sample-fields.js';

const SCOPE = 'channel:read:subscriptions';

/** A new sub, and each gifted sub once more (`is_gift`): no resubs (Twitch sends those apart). */
export const SUBSCRIBE: EventTypeDescriptor = {
  type: 'channel.subscribe',
  version: '1',
  scope: SCOPE,
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onChannelSubscription(id, handler),
  sample: ({ user, broadcaster }) => ({ ...user, ...broadcaster, tier: '1000', is_gift: false }),
  simulatorTrigger: (data) => ({
    user: loginField(data),
    tier: textField(data, 'tier'),
    gift: data.is_gift === true,
  }),
};

/** A gift bomb, announced once with its `total`. */
export const SUBSCRIPTION_GIFT: EventTypeDescriptor = {
  type: 'channel.subscription.gift',
  version: '1',
  scope: SCOPE,
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onChannelSubscriptionGift(id, handler),
  sample: ({ user, broadcaster }) => ({
    ...user,
    ...broadcaster,
    total: 5,
    tier: '1000',
    cumulative_total: 12,
    is_anonymous: false,
  }),
  simulatorTrigger: (data) => {
    const anonymous = data.is_anonymous === true;
    return {
      user: anonymous ? undefined : loginField(data),
      total: numberField(data, 'total'),
      tier: textField(data, 'tier'),
      anonymous,
    };
  },
};

/**
 * A resub, as the viewer shares it in chat: months, streak, message. Twitch's only event for a
 * renewal (`channel.subscribe` has none), with the same scope as subs: on by default.
 */
export const SUBSCRIPTION_MESSAGE: EventTypeDescriptor = {
  type: 'channel.subscription.message',
  version: '1',
  scope: SCOPE,
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onChannelSubscriptionMessage(id, handler),
  sample: ({ user, broadcaster }) => ({
    ...user,
    ...broadcaster,
    tier: '1000',
    message: { text: 'Fourteen months already! Kappa', emotes: [{ begin: 24, end: 28, id: '25' }] },
    cumulative_months: 14,
    streak_months: 6,
    duration_months: 1,
  }),
  simulatorTrigger: (data) => {
    const message = data.message as { text?: unknown } | null | undefined;
    return {
      user: loginField(data),
      tier: textField(data, 'tier'),
      months: numberField(data, 'cumulative_months'),
      streak: numberField(data, 'streak_months'),
      hideStreak: data.streak_months === null,
      duration: numberField(data, 'duration_months'),
      message: typeof message?.text === 'string' ? message.text : undefined,
    };
  },
};
