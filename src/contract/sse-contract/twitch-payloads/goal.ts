import type { Integer } from '../integer.js';
import type { BroadcasterFields } from './common.js';

/** The kinds of creator goal. */
export type ChannelGoalType =
  | 'follower'
  | 'subscription'
  | 'subscription_count'
  | 'new_subscription'
  | 'new_subscription_count'
  | 'new_bit'
  | 'new_cheerer';

/** What begin, progress and end of a creator goal share. */
export type ChannelGoalFields = BroadcasterFields & {
  /** The goal's id: the same in its begin, progress and end. */
  id: string;
  type: ChannelGoalType;
  /** The streamer's words for it ("" when none). */
  description: string;
  /** @minimum 0 */
  current_amount: Integer;
  /** @minimum 0 */
  target_amount: Integer;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.goal.begin` event object: the streamer set a creator goal. */
export type ChannelGoalBeginEvent = ChannelGoalFields;

/** The `channel.goal.progress` event object: the goal's amount moved. */
export type ChannelGoalProgressEvent = ChannelGoalFields;

/** The `channel.goal.end` event object: the goal ended (reached or not). */
export type ChannelGoalEndEvent = ChannelGoalFields & {
  is_achieved: boolean;
  /** @format date-time */
  ended_at: string;
};
