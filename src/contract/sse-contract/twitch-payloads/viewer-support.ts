import type { Integer } from '../integer.js';
import type { BroadcasterFields, SubTier } from './common.js';

/** The `channel.follow` (v2) event object: a viewer followed the channel. */
export type ChannelFollowEvent = BroadcasterFields & {
  user_id: string;
  user_login: string;
  user_name: string;
  /** @format date-time */
  followed_at: string;
  [field: string]: unknown;
};

/** The `channel.subscribe` event object: a viewer subscribed (also each sub of a gift). */
export type ChannelSubscribeEvent = BroadcasterFields & {
  user_id: string;
  user_login: string;
  user_name: string;
  tier: SubTier;
  /** True when someone gifted this sub. */
  is_gift: boolean;
  [field: string]: unknown;
};

/** The `channel.subscription.gift` event object: a viewer (or someone anonymous) gifted subs. */
export type ChannelSubscriptionGiftEvent = BroadcasterFields & {
  /** null when the gift is anonymous. */
  user_id: string | null;
  user_login: string | null;
  user_name: string | null;
  /**
   * How many subs this gift holds.
   * @minimum 1
   */
  total: Integer;
  tier: SubTier;
  /** Subs this viewer has gifted in the channel; null when anonymous or not shared. */
  cumulative_total: Integer | null;
  is_anonymous: boolean;
  [field: string]: unknown;
};

/** The `channel.cheer` event object: a viewer (or someone anonymous) cheered bits. */
export type ChannelCheerEvent = BroadcasterFields & {
  is_anonymous: boolean;
  /** null when the cheer is anonymous. */
  user_id: string | null;
  user_login: string | null;
  user_name: string | null;
  /** The chat message with the cheer (empty on a recovered cheer: Helix does not keep it). */
  message: string;
  /**
   * @minimum 1
   */
  bits: Integer;
  [field: string]: unknown;
};

/** The `channel.raid` event object, as `to_broadcaster_user_id`: another channel raided this one. */
export type ChannelRaidEvent = {
  from_broadcaster_user_id: string;
  from_broadcaster_user_login: string;
  from_broadcaster_user_name: string;
  to_broadcaster_user_id: string;
  to_broadcaster_user_login: string;
  to_broadcaster_user_name: string;
  /**
   * How many viewers came along.
   * @minimum 0
   */
  viewers: Integer;
  [field: string]: unknown;
};

/** An emote in a resub's message: its place in `text` (0-based, `end` inclusive) and its id. */
export interface ResubEmote {
  /** @minimum 0 */
  begin: Integer;
  /** @minimum 0 */
  end: Integer;
  id: string;
}

/**
 * The `channel.subscription.message` event object: a viewer shared their resub in chat (the
 * months, the streak, their message). Twitch sends no `channel.subscribe` for a resub.
 */
export type ChannelSubscriptionMessageEvent = BroadcasterFields & {
  user_id: string;
  user_login: string;
  user_name: string;
  tier: SubTier;
  message: {
    text: string;
    /** Where the emotes are in `text`; null or empty when there are none. */
    emotes: ResubEmote[] | null;
  };
  /**
   * Months subscribed in all.
   * @minimum 1
   */
  cumulative_months: Integer;
  /**
   * Months in a row; null when the viewer keeps their streak to themselves.
   * @minimum 0
   */
  streak_months: Integer | null;
  /**
   * Months this renewal bought (1, 3, 6 or 12 on Twitch).
   * @minimum 1
   */
  duration_months: Integer;
  [field: string]: unknown;
};
