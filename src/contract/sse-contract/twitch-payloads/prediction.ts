import type { Integer } from '../integer.js';
import type { BroadcasterFields, TwitchUserFields } from './common.js';

/** A prediction outcome as `channel.prediction.begin` gives it. */
export interface ChannelPredictionBeginOutcome {
  id: string;
  title: string;
  color: 'blue' | 'pink';
  [field: string]: unknown;
}

/** One of the viewers who put the most channel points on an outcome. */
export type ChannelPredictionPredictor = TwitchUserFields & {
  /** Null until the prediction ends; 0 for a losing outcome or a refund. */
  channel_points_won: Integer | null;
  /** @minimum 0 */
  channel_points_used: Integer;
  [field: string]: unknown;
};

/** A prediction outcome with the channel points on it. */
export type ChannelPredictionOutcome = ChannelPredictionBeginOutcome & {
  /**
   * Viewers who predicted it.
   * @minimum 0
   */
  users: Integer;
  /** @minimum 0 */
  channel_points: Integer;
  /** Up to ten, most points first. */
  top_predictors: ChannelPredictionPredictor[];
};

/** What begin, progress, lock and end of a prediction share. */
export type ChannelPredictionFields = BroadcasterFields & {
  /** The prediction's id: the same in its begin, progress, lock and end. */
  id: string;
  title: string;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.prediction.begin` event object: a prediction started. */
export type ChannelPredictionBeginEvent = ChannelPredictionFields & {
  outcomes: ChannelPredictionBeginOutcome[];
  /** @format date-time */
  locks_at: string;
};

/** The `channel.prediction.progress` event object: viewers predicted. */
export type ChannelPredictionProgressEvent = ChannelPredictionFields & {
  outcomes: ChannelPredictionOutcome[];
  /** @format date-time */
  locks_at: string;
};

/** The `channel.prediction.lock` event object: no more predictions. */
export type ChannelPredictionLockEvent = ChannelPredictionFields & {
  outcomes: ChannelPredictionOutcome[];
  /** @format date-time */
  locked_at: string;
};

/** The `channel.prediction.end` event object: resolved with a winner, or canceled (points refunded). */
export type ChannelPredictionEndEvent = ChannelPredictionFields & {
  /** Null when canceled. */
  winning_outcome_id: string | null;
  outcomes: ChannelPredictionOutcome[];
  status: 'resolved' | 'canceled';
  /** @format date-time */
  ended_at: string;
};
