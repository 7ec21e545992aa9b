import type { Integer } from '../integer.js';
import type { ChannelAdBreakBeginEvent } from '../twitch-payloads/channel-moments.js';
import type {
  CharityCampaignProgressEvent,
  CharityCampaignStartEvent,
  CharityCampaignStopEvent,
} from '../twitch-payloads/charity.js';
import type {
  ChannelGoalBeginEvent,
  ChannelGoalEndEvent,
  ChannelGoalProgressEvent,
} from '../twitch-payloads/goal.js';
import type {
  HypeTrainBeginEvent,
  HypeTrainEndEvent,
  HypeTrainProgressEvent,
} from '../twitch-payloads/hype-train.js';
import type {
  ChannelPollBeginEvent,
  ChannelPollEndEvent,
  ChannelPollProgressEvent,
} from '../twitch-payloads/poll.js';
import type {
  ChannelPredictionBeginEvent,
  ChannelPredictionEndEvent,
  ChannelPredictionLockEvent,
  ChannelPredictionProgressEvent,
} from '../twitch-payloads/prediction.js';

/** Channel numbers, polled from Helix and moved at once by events. */
export interface StatsData {
  live: boolean;
  viewers: Integer;
  followers: Integer;
  subs: Integer;
  /** Sub points (Helix `points`), when known. */
  subPoints?: Integer;
  title?: string;
  game?: string;
  /**
   * ISO time the stream went live, when live.
   * @format date-time
   */
  startedAt?: string | null;
  /**
   * ISO time of the last successful poll; null before the first one.
   * @format date-time
   */
  polledAt?: string | null;
  /** True while polls fail and the numbers are the last good ones. */
  stale?: boolean;
  /** Why the numbers are stale. */
  error?: string;
  /**
   * The channel's latest hype train, as its latest event told it (an ended one until the next
   * begins: its `event` says which). Absent until a hype train event arrives.
   */
  hypeTrain?: HypeTrainState;
  /**
   * The channel's creator goals: the latest event of the latest goal of each goal type (an ended
   * one until another of its type begins). Absent until a goal event arrives.
   */
  goals?: GoalState[];
  /** The latest poll, as its latest event told it. Absent until a poll event arrives. */
  poll?: PollState;
  /** The latest prediction, as its latest event told it. Absent until a prediction event arrives. */
  prediction?: PredictionState;
  /**
   * The latest ad break, as its begin event told it (a finished one until the next begins: its
   * `started_at` and `duration_seconds` say whether it still runs). Absent until an ad break
   * event arrives.
   */
  adBreak?: AdBreakState;
  /**
   * The channel's charity campaign: its latest event (a stopped one until the next starts), or the
   * campaign Helix listed at start (as a progress event). Absent until either says there is one.
   */
  charity?: CharityState;
}

/** A hype train's latest event. */
export type HypeTrainState =
  | { event: 'channel.hype_train.begin'; data: HypeTrainBeginEvent }
  | { event: 'channel.hype_train.progress'; data: HypeTrainProgressEvent }
  | { event: 'channel.hype_train.end'; data: HypeTrainEndEvent };

/** A creator goal's latest event. */
export type GoalState =
  | { event: 'channel.goal.begin'; data: ChannelGoalBeginEvent }
  | { event: 'channel.goal.progress'; data: ChannelGoalProgressEvent }
  | { event: 'channel.goal.end'; data: ChannelGoalEndEvent };

/** A poll's latest event. */
export type PollState =
  | { event: 'channel.poll.begin'; data: ChannelPollBeginEvent }
  | { event: 'channel.poll.progress'; data: ChannelPollProgressEvent }
  | { event: 'channel.poll.end'; data: ChannelPollEndEvent };

/** A prediction's latest event. */
export type PredictionState =
  | { event: 'channel.prediction.begin'; data: ChannelPredictionBeginEvent }
  | { event: 'channel.prediction.progress'; data: ChannelPredictionProgressEvent }
  | { event: 'channel.prediction.lock'; data: ChannelPredictionLockEvent }
  | { event: 'channel.prediction.end'; data: ChannelPredictionEndEvent };

/** An ad break's event (Twitch sends none at its end: its length says when it ends). */
export type AdBreakState = { event: 'channel.ad_break.begin'; data: ChannelAdBreakBeginEvent };

/** A charity campaign's latest event. */
export type CharityState =
  | { event: 'channel.charity_campaign.start'; data: CharityCampaignStartEvent }
  | { event: 'channel.charity_campaign.progress'; data: CharityCampaignProgressEvent }
  | { event: 'channel.charity_campaign.stop'; data: CharityCampaignStopEvent };

/** `{type:"stats"}`: the current channel numbers. */
export interface StatsMessage {
  type: 'stats';
  data: StatsData;
}
