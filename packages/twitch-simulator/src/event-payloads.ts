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

/**
 * `channel.subscription.message` v1: a resub the viewer shared in chat. `message` is
 * `{ text, emotes }` (see `resubMessage`); `streakMonths` is null when they keep their streak to
 * themselves.
 */
export function resubMessageEvent(
  user: SimulatedUser,
  broadcaster: SimulatedUser,
  tier: SubTier,
  message: EventObject,
  cumulativeMonths: number,
  streakMonths: number | null,
  durationMonths: number,
): EventObject {
  return {
    ...userFields('', user),
    ...userFields('broadcaster_', broadcaster),
    tier,
    message,
    cumulative_months: cumulativeMonths,
    streak_months: streakMonths,
    duration_months: durationMonths,
  };
}

/** A Power-up as `channel.bits.use` names it. */
export interface PowerUpFacts {
  readonly type: 'message_effect' | 'celebration' | 'gigantify_an_emote';
  /** The emote of a gigantified emote or a celebration; null for a message effect. */
  readonly emote: { readonly id: string; readonly name: string } | null;
  /** The effect of a message effect; null for the others. */
  readonly messageEffectId: string | null;
}

/**
 * `channel.bits.use` v1: Bits spent on a cheer, a Power-up or a Combo. `message` is
 * `{ text, fragments }` (see `bitsMessage`), or null when the viewer sent none (celebrations and
 * Combos); `powerUp` is null unless `type` is `power_up`.
 */
export function bitsUseEvent(
  user: SimulatedUser,
  broadcaster: SimulatedUser,
  bits: number,
  type: 'cheer' | 'power_up' | 'combo',
  powerUp: PowerUpFacts | null,
  message: EventObject | null,
): EventObject {
  return {
    ...userFields('', user),
    ...userFields('broadcaster_', broadcaster),
    bits,
    type,
    power_up: powerUp && {
      type: powerUp.type,
      emote: powerUp.emote && { id: powerUp.emote.id, name: powerUp.emote.name },
      message_effect_id: powerUp.messageEffectId,
    },
    message,
  };
}

/** `channel.ad_break.begin` v1; for an automatic break the requester is the broadcaster. */
export function adBreakBeginEvent(
  broadcaster: SimulatedUser,
  requester: SimulatedUser,
  durationSeconds: number,
  startedAt: string,
  isAutomatic: boolean,
): EventObject {
  return {
    duration_seconds: durationSeconds,
    started_at: startedAt,
    is_automatic: isAutomatic,
    ...userFields('broadcaster_', broadcaster),
    ...userFields('requester_', requester),
  };
}

/** `channel.shoutout.create` v1: `broadcaster` (by `moderator`) shouts out `to`. */
export function shoutoutCreateEvent(
  broadcaster: SimulatedUser,
  to: SimulatedUser,
  moderator: SimulatedUser,
  viewerCount: number,
  startedAt: string,
  cooldownEndsAt: string,
  targetCooldownEndsAt: string,
): EventObject {
  return {
    ...userFields('broadcaster_', broadcaster),
    ...userFields('to_broadcaster_', to),
    ...userFields('moderator_', moderator),
    viewer_count: viewerCount,
    started_at: startedAt,
    cooldown_ends_at: cooldownEndsAt,
    target_cooldown_ends_at: targetCooldownEndsAt,
  };
}

/** `channel.shoutout.receive` v1: `broadcaster` is shouted out by `from`, in front of `viewerCount`. */
export function shoutoutReceiveEvent(
  broadcaster: SimulatedUser,
  from: SimulatedUser,
  viewerCount: number,
  startedAt: string,
): EventObject {
  return {
    ...userFields('broadcaster_', broadcaster),
    ...userFields('from_broadcaster_', from),
    viewer_count: viewerCount,
    started_at: startedAt,
  };
}
