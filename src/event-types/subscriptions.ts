import type { EventTypeDescriptor } from './event-type-descriptor.js';

const SCOPE = 'channel:read:subscriptions';

/** A new sub, and each gifted sub once more (`is_gift`): no resubs (Twitch sends those apart). */
export const SUBSCRIBE: EventTypeDescriptor = {
  type: 'channel.subscribe',
  version: '1',
  scope: SCOPE,
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onChannelSubscription(id, handler),
  sample: ({ user, broadcaster }) => ({ ...user, ...broadcaster, tier: '1000', is_gift: false }),
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
};
