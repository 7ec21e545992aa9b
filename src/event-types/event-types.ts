import { TWITCH_EVENT_TYPES, type TwitchEventType } from '../contract/twitch-events.js';
import { AD_BREAK_BEGIN } from './ad-break.js';
import { BITS_USE } from './bits-use.js';
import { chatIdentity } from './chat-history.js';
import { CHARITY_DONATE, CHARITY_PROGRESS, CHARITY_START, CHARITY_STOP } from './charity.js';
import { CHEER } from './cheer.js';
import { REDEMPTION_ADD } from './channel-points.js';
import {
  CHAT_CLEAR,
  CHAT_CLEAR_USER_MESSAGES,
  CHAT_MESSAGE,
  CHAT_MESSAGE_DELETE,
  CHAT_NOTIFICATION,
} from './chat.js';
import type { EventTypeDescriptor, TwitchEventData } from './event-type-descriptor.js';
import { FOLLOW } from './follow.js';
import { GOAL_BEGIN, GOAL_END, GOAL_PROGRESS } from './goals.js';
import { HYPE_TRAIN_BEGIN, HYPE_TRAIN_END, HYPE_TRAIN_PROGRESS } from './hype-train.js';
import { POLL_BEGIN, POLL_END, POLL_PROGRESS } from './polls.js';
import {
  PREDICTION_BEGIN,
  PREDICTION_END,
  PREDICTION_LOCK,
  PREDICTION_PROGRESS,
} from './predictions.js';
import { RAID } from './raid.js';
import { STREAM_OFFLINE, STREAM_ONLINE } from './stream-state.js';
import { SHOUTOUT_CREATE, SHOUTOUT_RECEIVE } from './shoutouts.js';
import { SUBSCRIBE, SUBSCRIPTION_GIFT, SUBSCRIPTION_MESSAGE } from './subscriptions.js';

/**
 * One descriptor per EventSub type the service can listen to. A type of the contract without one
 * here does not compile: adding a type is its descriptor, plus the projections and widgets that
 * give it a meaning.
 */
const DESCRIPTORS = {
  'channel.follow': FOLLOW,
  'channel.subscribe': SUBSCRIBE,
  'channel.subscription.message': SUBSCRIPTION_MESSAGE,
  'channel.subscription.gift': SUBSCRIPTION_GIFT,
  'channel.cheer': CHEER,
  'channel.bits.use': BITS_USE,
  'channel.raid': RAID,
  'stream.online': STREAM_ONLINE,
  'stream.offline': STREAM_OFFLINE,
  'channel.channel_points_custom_reward_redemption.add': REDEMPTION_ADD,
  'channel.hype_train.begin': HYPE_TRAIN_BEGIN,
  'channel.hype_train.progress': HYPE_TRAIN_PROGRESS,
  'channel.hype_train.end': HYPE_TRAIN_END,
  'channel.goal.begin': GOAL_BEGIN,
  'channel.goal.progress': GOAL_PROGRESS,
  'channel.goal.end': GOAL_END,
  'channel.poll.begin': POLL_BEGIN,
  'channel.poll.progress': POLL_PROGRESS,
  'channel.poll.end': POLL_END,
  'channel.prediction.begin': PREDICTION_BEGIN,
  'channel.prediction.progress': PREDICTION_PROGRESS,
  'channel.prediction.lock': PREDICTION_LOCK,
  'channel.prediction.end': PREDICTION_END,
  'channel.ad_break.begin': AD_BREAK_BEGIN,
  'channel.shoutout.create': SHOUTOUT_CREATE,
  'channel.shoutout.receive': SHOUTOUT_RECEIVE,
  'channel.charity_campaign.donate': CHARITY_DONATE,
  'channel.charity_campaign.start': CHARITY_START,
  'channel.charity_campaign.progress': CHARITY_PROGRESS,
  'channel.charity_campaign.stop': CHARITY_STOP,
  'channel.chat.message': CHAT_MESSAGE,
  'channel.chat.message_delete': CHAT_MESSAGE_DELETE,
  'channel.chat.clear_user_messages': CHAT_CLEAR_USER_MESSAGES,
  'channel.chat.clear': CHAT_CLEAR,
  'channel.chat.notification': CHAT_NOTIFICATION,
} as const satisfies Record<TwitchEventType, EventTypeDescriptor>;

/** The descriptor of `type`. */
export function describeType(type: TwitchEventType): EventTypeDescriptor {
  return DESCRIPTORS[type];
}

/**
 * The types listened to unless `EVENTSUB_EVENTS` says otherwise: the others are opt-in, so an
 * existing setup asks Twitch for no new scopes.
 */
export const DEFAULT_EVENT_TYPES: readonly TwitchEventType[] = TWITCH_EVENT_TYPES.filter(
  (type) => DESCRIPTORS[type].byDefault,
);

/** The OAuth scope `type` needs from the broadcaster's token (null: none). */
export function scopeOf(type: TwitchEventType): string | null {
  return DESCRIPTORS[type].scope;
}

/**
 * What makes two notifications the same happening when Twitch sends it again under a new
 * `message_id` (see `EventTypeDescriptor.identity`), or undefined: no identity, never merged.
 * A missing field means no identity either.
 */
export function eventIdentity(type: TwitchEventType, data: TwitchEventData): string | undefined {
  // Chat's identity is its own message id, the same rule for every chat type (`chatIdentity`).
  const fields = DESCRIPTORS[type].identity?.(data) ?? chatIdentity(type, data);
  if (!fields) return undefined;
  const parts: string[] = [];
  for (const field of fields) {
    if ((typeof field !== 'string' && typeof field !== 'number') || field === '') return undefined;
    parts.push(String(field));
  }
  return [type, ...parts].join('|');
}
