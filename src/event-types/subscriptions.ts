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
