import type { Integer } from '../integer.js';
import type { BroadcasterFields } from './common.js';

/** The `channel.ad_break.begin` event object: ads started on the channel. */
export type ChannelAdBreakBeginEvent = BroadcasterFields & {
  /**
   * How long the break lasts, in seconds.
   * @minimum 0
   */
  duration_seconds: Integer;
  /** @format date-time */
  started_at: string;
  /** True when Twitch's ad schedule started it, not someone on the channel. */
  is_automatic: boolean;
  requester_user_id: string;
  requester_user_login: string;
  requester_user_name: string;
  [field: string]: unknown;
};

/** The `channel.shoutout.create` event object: this channel shouted out another one. */
export type ChannelShoutoutCreateEvent = BroadcasterFields & {
  to_broadcaster_user_id: string;
  to_broadcaster_user_login: string;
  to_broadcaster_user_name: string;
  moderator_user_id: string;
  moderator_user_login: string;
  moderator_user_name: string;
  /**
   * This channel's viewers when the shoutout was given.
   * @minimum 0
   */
  viewer_count: Integer;
  /** @format date-time */
  started_at: string;
  /** @format date-time */
  cooldown_ends_at: string;
  /** @format date-time */
  target_cooldown_ends_at: string;
  [field: string]: unknown;
};

/** The `channel.shoutout.receive` event object: another channel shouted this one out. */
export type ChannelShoutoutReceiveEvent = BroadcasterFields & {
  from_broadcaster_user_id: string;
  from_broadcaster_user_login: string;
  from_broadcaster_user_name: string;
  /**
   * The other channel's viewers when it gave the shoutout.
   * @minimum 0
   */
  viewer_count: Integer;
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};
