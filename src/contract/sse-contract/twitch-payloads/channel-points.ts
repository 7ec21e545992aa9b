import type { Integer } from '../integer.js';
import type { BroadcasterFields, TwitchUserFields } from './common.js';

/** The custom reward a channel points redemption is for. */
export interface ChannelPointsReward {
  id: string;
  title: string;
  /**
   * Its cost in channel points.
   * @minimum 0
   */
  cost: Integer;
  /** The reward's description ("" when it has none). */
  prompt: string;
  [field: string]: unknown;
}

/**
 * The `channel.channel_points_custom_reward_redemption.add` event object: a viewer redeemed a
 * custom channel points reward.
 */
export type ChannelPointsRedemptionAddEvent = BroadcasterFields &
  TwitchUserFields & {
    /** The redemption's id. */
    id: string;
    /** What the viewer typed, when the reward asks for input; "" otherwise. */
    user_input: string;
    status: 'unfulfilled' | 'unknown' | 'fulfilled' | 'canceled';
    reward: ChannelPointsReward;
    /** @format date-time */
    redeemed_at: string;
    [field: string]: unknown;
  };
