import type { Integer } from '../integer.js';
import type { BroadcasterFields } from './common.js';

/** A poll choice as `channel.poll.begin` gives it. */
export interface ChannelPollBeginChoice {
  id: string;
  title: string;
  [field: string]: unknown;
}

/** A poll choice with its votes. */
export type ChannelPollChoice = ChannelPollBeginChoice & {
  /** Always 0: Twitch no longer takes bits in polls. */
  bits_votes: Integer;
  /** @minimum 0 */
  channel_points_votes: Integer;
  /**
   * Every vote, channel points votes included.
   * @minimum 0
   */
  votes: Integer;
};

/** Whether a poll takes votes bought with bits or channel points, and at what price. */
export interface ChannelPollVoting {
  is_enabled: boolean;
  /** @minimum 0 */
  amount_per_vote: Integer;
  [field: string]: unknown;
}

/** What begin, progress and end of a poll share. */
export type ChannelPollFields = BroadcasterFields & {
  /** The poll's id: the same in its begin, progress and end. */
  id: string;
  /** The question. */
  title: string;
  bits_voting: ChannelPollVoting;
  channel_points_voting: ChannelPollVoting;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `channel.poll.begin` event object: a poll started. */
export type ChannelPollBeginEvent = ChannelPollFields & {
  choices: ChannelPollBeginChoice[];
  /** @format date-time */
  ends_at: string;
};

/** The `channel.poll.progress` event object: votes came in. */
export type ChannelPollProgressEvent = ChannelPollFields & {
  choices: ChannelPollChoice[];
  /** @format date-time */
  ends_at: string;
};

/** The `channel.poll.end` event object: the poll ended. */
export type ChannelPollEndEvent = ChannelPollFields & {
  choices: ChannelPollChoice[];
  status: 'completed' | 'archived' | 'terminated';
  /** @format date-time */
  ended_at: string;
};
