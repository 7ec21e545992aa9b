import type { EventTypeDescriptor } from './event-type-descriptor.js';
import { SAMPLE_IDS } from './sample-context.js';

/** A channel points reward redeemed; each redemption has its own `id`. */
export const REDEMPTION_ADD: EventTypeDescriptor = {
  type: 'channel.channel_points_custom_reward_redemption.add',
  version: '1',
  scope: 'channel:read:redemptions',
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelRedemptionAdd(id, handler),
  identity: (data) => [data.id],
  sample: ({ user, broadcaster, now }) => ({
    id: `test-redemption-${Date.now()}`,
    ...broadcaster,
    ...user,
    user_input: 'Play the boss theme, please!',
    status: 'unfulfilled',
    reward: { id: SAMPLE_IDS.reward, title: 'Pick the next song', cost: 500, prompt: '' },
    redeemed_at: now,
  }),
};
