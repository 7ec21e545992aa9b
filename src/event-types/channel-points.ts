import type { EventTypeDescriptor } from './event-type-descriptor.js';
import { SAMPLE_IDS } from './sample-context.js';
import { loginField, textField } from './sample-fields.js';

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
  simulatorTrigger: (data) => {
    const reward = (data.reward ?? {}) as Record<string, unknown>;
    return {
      user: loginField(data),
      reward: typeof reward.title === 'string' ? reward.title : undefined,
      cost: typeof reward.cost === 'number' ? reward.cost : undefined,
      input: textField(data, 'user_input'),
    };
  },
};
