/**
 * EventSub event objects in Twitch's documented shape (snake_case, every documented field present,
 * null where Twitch sends null). One function per subscription type.
 */
import type { SubTier } from './sub-tier.js';
import type { SimulatedUser } from './user-directory.js';

/** A value in an EventSub event object (JSON). */
export type EventValue =
  string | number | boolean | null | EventValue[] | { [key: string]: EventValue };

/** An EventSub `event` object. */
export type EventObject = { [field: string]: EventValue };

/** `<prefix>user_id`, `<prefix>user_login`, `<prefix>user_name` for a user, or nulls for nobody. */
export function userFields(prefix: string, user: SimulatedUser | null): EventObject {
  return {
    [`${prefix}user_id`]: user?.id ?? null,
    [`${prefix}user_login`]: user?.login ?? null,
    [`${prefix}user_name`]: user?.displayName ?? null,
  };
}

/** `channel.follow` v2. */
export function followEvent(
  user: SimulatedUser,
  broadcaster: SimulatedUser,
  followedAt: string,
): EventObject {
  return {
    ...userFields('', user),
    ...userFields('broadcaster_', broadcaster),
    followed_at: followedAt,
  };
}

/** `channel.subscribe` v1. */
export function subscribeEvent(
  user: SimulatedUser,
  broadcaster: SimulatedUser,
  tier: SubTier,
  isGift: boolean,
): EventObject {
  return {
    ...userFields('', user),
    ...userFields('broadcaster_', broadcaster),
    tier,
    is_gift: isGift,
  };
}

/** `channel.subscription.gift` v1; `gifter` null for an anonymous gift. */
export function giftEvent(
  gifter: SimulatedUser | null,
  broadcaster: SimulatedUser,
  total: number,
  tier: SubTier,
  cumulativeTotal: number | null,
): EventObject {
  return {
    ...userFields('', gifter),
    ...userFields('broadcaster_', broadcaster),
    total,
    tier,
    cumulative_total: cumulativeTotal,
    is_anonymous: gifter === null,
  };
}

/** `channel.cheer` v1; `user` null for an anonymous cheer. */
export function cheerEvent(
  user: SimulatedUser | null,
  broadcaster: SimulatedUser,
  bits: number,
  message: string,
): EventObject {
  return {
    is_anonymous: user === null,
    ...userFields('', user),
    ...userFields('broadcaster_', broadcaster),
    message,
    bits,
  };
}

/** `channel.raid` v1. */
export function raidEvent(from: SimulatedUser, to: SimulatedUser, viewers: number): EventObject {
  return {
    ...userFields('from_broadcaster_', from),
    ...userFields('to_broadcaster_', to),
    viewers,
  };
}

/** `stream.online` v1. */
export function streamOnlineEvent(
  broadcaster: SimulatedUser,
  streamId: string,
  startedAt: string,
): EventObject {
  return {
    id: streamId,
    ...userFields('broadcaster_', broadcaster),
    type: 'live',
    started_at: startedAt,
  };
}

/** `stream.offline` v1. */
export function streamOfflineEvent(broadcaster: SimulatedUser): EventObject {
  return userFields('broadcaster_', broadcaster);
}

/** A custom channel-points reward as the redemption event describes it. */
export interface RewardFacts {
  readonly id: string;
  readonly title: string;
  readonly cost: number;
  readonly prompt: string;
}

/** `channel.channel_points_custom_reward_redemption.add` v1. */
export function redemptionAddEvent(
  redemptionId: string,
  user: SimulatedUser,
  broadcaster: SimulatedUser,
  reward: RewardFacts,
  userInput: string,
  redeemedAt: string,
): EventObject {
  return {
    id: redemptionId,
    ...userFields('broadcaster_', broadcaster),
    ...userFields('', user),
    user_input: userInput,
    status: 'unfulfilled',
    reward: { id: reward.id, title: reward.title, cost: reward.cost, prompt: reward.prompt },
    redeemed_at: redeemedAt,
  };
}
