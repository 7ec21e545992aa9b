import type { Integer } from '../integer.js';
import type { BroadcasterFields, TwitchUserFields } from './common.js';

/** One contributor on a hype train's board: their points of one kind. */
export type HypeTrainContribution = TwitchUserFields & {
  type: 'bits' | 'subscription' | 'other';
  /** @minimum 0 */
  total: Integer;
  [field: string]: unknown;
};

/** A channel taking part in a shared hype train. */
export type HypeTrainParticipant = BroadcasterFields & { [field: string]: unknown };

/** What begin, progress and end (version 2) of a hype train share. */
export type HypeTrainFields = BroadcasterFields & {
  /** The hype train's id: the same in its begin, progress and end. */
  id: string;
  type: 'regular' | 'golden_kappa' | 'treasure';
  /** @minimum 1 */
  level: Integer;
  /**
   * Points contributed in all.
   * @minimum 0
   */
  total: Integer;
  top_contributions: HypeTrainContribution[];
  is_shared_train: boolean;
  /** The channels of a shared hype train; null when it is not shared. */
  shared_train_participants: HypeTrainParticipant[] | null;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.hype_train.begin` (v2) event object: a hype train started. */
export type HypeTrainBeginEvent = HypeTrainFields & {
  /**
   * Points towards the next level.
   * @minimum 0
   */
  progress: Integer;
  /**
   * Points the next level needs.
   * @minimum 0
   */
  goal: Integer;
  /** @minimum 0 */
  all_time_high_level: Integer;
  /** @minimum 0 */
  all_time_high_total: Integer;
  /** @format date-time */
  expires_at: string;
};

/** The `channel.hype_train.progress` (v2) event object: a contribution (perhaps a new level). */
export type HypeTrainProgressEvent = HypeTrainFields & {
  /** @minimum 0 */
  progress: Integer;
  /** @minimum 0 */
  goal: Integer;
  /** @format date-time */
  expires_at: string;
};

/** The `channel.hype_train.end` (v2) event object: the hype train is over. */
export type HypeTrainEndEvent = HypeTrainFields & {
  /** @format date-time */
  ended_at: string;
  /** @format date-time */
  cooldown_ends_at: string;
};
