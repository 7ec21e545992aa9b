// What Twitch's EventSub reference documents for each type the simulator serves, written out from
// the documentation rather than from the simulator's output: its tests check the events it sends
// against this, the service's spec checks its test samples against it, and the chat notice builder
// takes its list of notice objects from here, so a notice Twitch adds is added in one place.
import type { SimulatedEventType } from './event-types.js';

/** A field's JSON type as Twitch's reference gives it; `a|b` where either may come. */
export type DocumentedFieldType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'string|null'
  | 'boolean|null'
  | 'number|null'
  | 'array|null'
  | 'object|null';

const BROADCASTER: Record<string, DocumentedFieldType> = {
  broadcaster_user_id: 'string',
  broadcaster_user_login: 'string',
  broadcaster_user_name: 'string',
};

const USER: Record<string, DocumentedFieldType> = {
  user_id: 'string',
  user_login: 'string',
  user_name: 'string',
};

/** The charity's own fields, in every charity event. */
const CHARITY: Record<string, DocumentedFieldType> = {
  charity_name: 'string',
  charity_description: 'string',
  charity_logo: 'string',
  charity_website: 'string',
};

/**
 * Charity campaign start, progress and stop. Twitch sends `broadcaster_user_*` (its reference
 * said `broadcaster_*` until corrected; the Twitch CLI sends `broadcaster_user_*` too).
 */
const CHARITY_CAMPAIGN: Record<string, DocumentedFieldType> = {
  id: 'string',
  ...BROADCASTER,
  ...CHARITY,
  current_amount: 'object',
  target_amount: 'object',
};

/** Hype train v2: the fields begin, progress and end share. */
const HYPE_TRAIN: Record<string, DocumentedFieldType> = {
  id: 'string',
  ...BROADCASTER,
  type: 'string',
  level: 'number',
  total: 'number',
  top_contributions: 'array',
  is_shared_train: 'boolean',
  shared_train_participants: 'array|null',
  started_at: 'string',
};

const GOAL: Record<string, DocumentedFieldType> = {
  id: 'string',
  ...BROADCASTER,
  type: 'string',
  description: 'string',
  current_amount: 'number',
  target_amount: 'number',
  started_at: 'string',
};

const POLL: Record<string, DocumentedFieldType> = {
  id: 'string',
  ...BROADCASTER,
  title: 'string',
  choices: 'array',
  bits_voting: 'object',
  channel_points_voting: 'object',
  started_at: 'string',
};

const PREDICTION: Record<string, DocumentedFieldType> = {
  id: 'string',
  ...BROADCASTER,
  title: 'string',
  outcomes: 'array',
  started_at: 'string',
};

/** Chat: the fields of a message or notice from another channel under shared chat (null otherwise). */
const SHARED_CHAT_SOURCE: Record<string, DocumentedFieldType> = {
  source_broadcaster_user_id: 'string|null',
  source_broadcaster_user_login: 'string|null',
  source_broadcaster_user_name: 'string|null',
  source_message_id: 'string|null',
  source_badges: 'array|null',
};

const CHATTER: Record<string, DocumentedFieldType> = {
  chatter_user_id: 'string',
  chatter_user_login: 'string',
  chatter_user_name: 'string',
};

const TARGET: Record<string, DocumentedFieldType> = {
  target_user_id: 'string',
  target_user_login: 'string',
  target_user_name: 'string',
};

/**
 * The notice objects of `channel.chat.notification`, each a field of its own: the one `notice_type`
 * names is set, the others are null.
 */
export const CHAT_NOTICE_TYPES = [
  'sub',
  'resub',
  'sub_gift',
  'community_sub_gift',
  'gift_paid_upgrade',
  'prime_paid_upgrade',
  'pay_it_forward',
  'raid',
  'unraid',
  'announcement',
  'bits_badge_tier',
  'charity_donation',
  'watch_streak',
  'shared_chat_sub',
  'shared_chat_resub',
  'shared_chat_sub_gift',
  'shared_chat_community_sub_gift',
  'shared_chat_gift_paid_upgrade',
  'shared_chat_prime_paid_upgrade',
  'shared_chat_pay_it_forward',
  'shared_chat_raid',
  'shared_chat_announcement',
] as const;

/**
 * The fields Twitch documents for each event (dev.twitch.tv/docs/eventsub/eventsub-reference),
 * written out by hand from the documentation, not from the simulator's output: what its tests, and
 * the service's test samples, are checked against.
 */
export const DOCUMENTED_FIELDS: Record<SimulatedEventType, Record<string, DocumentedFieldType>> = {
  'channel.follow': {
    user_id: 'string',
    user_login: 'string',
    user_name: 'string',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    followed_at: 'string',
  },
  'channel.subscribe': {
    user_id: 'string',
    user_login: 'string',
    user_name: 'string',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    tier: 'string',
    is_gift: 'boolean',
  },
  'channel.subscription.gift': {
    user_id: 'string|null',
    user_login: 'string|null',
    user_name: 'string|null',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    total: 'number',
    tier: 'string',
    cumulative_total: 'number|null',
    is_anonymous: 'boolean',
  },
  'channel.cheer': {
    is_anonymous: 'boolean',
    user_id: 'string|null',
    user_login: 'string|null',
    user_name: 'string|null',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    message: 'string',
    bits: 'number',
  },
  'channel.raid': {
    from_broadcaster_user_id: 'string',
    from_broadcaster_user_login: 'string',
    from_broadcaster_user_name: 'string',
    to_broadcaster_user_id: 'string',
    to_broadcaster_user_login: 'string',
    to_broadcaster_user_name: 'string',
    viewers: 'number',
  },
  'stream.online': {
    id: 'string',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    type: 'string',
    started_at: 'string',
  },
  'stream.offline': {
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
  },
  'channel.channel_points_custom_reward_redemption.add': {
    id: 'string',
    ...BROADCASTER,
    user_id: 'string',
    user_login: 'string',
    user_name: 'string',
    user_input: 'string',
    status: 'string',
    reward: 'object',
    redeemed_at: 'string',
  },
  'channel.hype_train.begin': {
    ...HYPE_TRAIN,
    progress: 'number',
    goal: 'number',
    all_time_high_level: 'number',
    all_time_high_total: 'number',
    expires_at: 'string',
  },
  'channel.hype_train.progress': {
    ...HYPE_TRAIN,
    progress: 'number',
    goal: 'number',
    expires_at: 'string',
  },
  'channel.hype_train.end': { ...HYPE_TRAIN, ended_at: 'string', cooldown_ends_at: 'string' },
  'channel.goal.begin': GOAL,
  'channel.goal.progress': GOAL,
  'channel.goal.end': { ...GOAL, is_achieved: 'boolean', ended_at: 'string' },
  'channel.poll.begin': { ...POLL, ends_at: 'string' },
  'channel.poll.progress': { ...POLL, ends_at: 'string' },
  'channel.poll.end': { ...POLL, status: 'string', ended_at: 'string' },
  'channel.prediction.begin': { ...PREDICTION, locks_at: 'string' },
  'channel.prediction.progress': { ...PREDICTION, locks_at: 'string' },
  'channel.prediction.lock': { ...PREDICTION, locked_at: 'string' },
  'channel.prediction.end': {
    ...PREDICTION,
    winning_outcome_id: 'string|null',
    status: 'string',
    ended_at: 'string',
  },
  'channel.subscription.message': {
    ...USER,
    ...BROADCASTER,
    tier: 'string',
    message: 'object',
    cumulative_months: 'number',
    streak_months: 'number|null',
    duration_months: 'number',
  },
  'channel.bits.use': {
    ...USER,
    ...BROADCASTER,
    bits: 'number',
    type: 'string',
    power_up: 'object|null',
    message: 'object|null',
  },
  'channel.ad_break.begin': {
    duration_seconds: 'number',
    started_at: 'string',
    is_automatic: 'boolean',
    ...BROADCASTER,
    requester_user_id: 'string',
    requester_user_login: 'string',
    requester_user_name: 'string',
  },
  'channel.shoutout.create': {
    ...BROADCASTER,
    to_broadcaster_user_id: 'string',
    to_broadcaster_user_login: 'string',
    to_broadcaster_user_name: 'string',
    moderator_user_id: 'string',
    moderator_user_login: 'string',
    moderator_user_name: 'string',
    viewer_count: 'number',
    started_at: 'string',
    cooldown_ends_at: 'string',
    target_cooldown_ends_at: 'string',
  },
  'channel.shoutout.receive': {
    ...BROADCASTER,
    from_broadcaster_user_id: 'string',
    from_broadcaster_user_login: 'string',
    from_broadcaster_user_name: 'string',
    viewer_count: 'number',
    started_at: 'string',
  },
  'channel.charity_campaign.donate': {
    id: 'string',
    campaign_id: 'string',
    ...BROADCASTER,
    ...USER,
    ...CHARITY,
    amount: 'object',
  },
  'channel.charity_campaign.start': { ...CHARITY_CAMPAIGN, started_at: 'string' },
  'channel.charity_campaign.progress': CHARITY_CAMPAIGN,
  'channel.charity_campaign.stop': { ...CHARITY_CAMPAIGN, stopped_at: 'string' },
  'channel.chat.message': {
    ...BROADCASTER,
    ...CHATTER,
    message_id: 'string',
    message: 'object',
    message_type: 'string',
    badges: 'array',
    cheer: 'object|null',
    color: 'string',
    reply: 'object|null',
    channel_points_custom_reward_id: 'string|null',
    ...SHARED_CHAT_SOURCE,
    is_source_only: 'boolean|null',
  },
  'channel.chat.message_delete': { ...BROADCASTER, ...TARGET, message_id: 'string' },
  'channel.chat.clear_user_messages': { ...BROADCASTER, ...TARGET },
  'channel.chat.clear': BROADCASTER,
  'channel.chat.notification': {
    ...BROADCASTER,
    ...CHATTER,
    chatter_is_anonymous: 'boolean',
    color: 'string',
    badges: 'array',
    system_message: 'string',
    message_id: 'string',
    message: 'object',
    notice_type: 'string',
    ...Object.fromEntries(
      CHAT_NOTICE_TYPES.map((notice) => [notice, 'object|null' as DocumentedFieldType]),
    ),
    ...SHARED_CHAT_SOURCE,
  },
};
