import type { Integer } from '../integer.js';
import type { MessageFragment } from './bits-use.js';
import type { BroadcasterFields, SubTier } from './common.js';

/** A chat badge as a message carries it: the set (`subscriber`) and the version in it (`12`). */
export interface ChatBadge {
  set_id: string;
  id: string;
  /** Extra detail: the months of a subscriber badge, or empty. */
  info: string;
}

/** A chat message's text and its pieces. */
export interface ChatMessageBody {
  text: string;
  fragments: MessageFragment[];
}

/** The message a chat message answers, and the first message of its thread. */
export interface ChatReply {
  parent_message_id: string;
  parent_message_body: string;
  parent_user_id: string;
  parent_user_login: string;
  parent_user_name: string;
  thread_message_id: string;
  thread_user_id: string;
  thread_user_login: string;
  thread_user_name: string;
}

/** Where a message came from under shared chat: another channel's fields, or null for this one. */
export interface SharedChatSource {
  source_broadcaster_user_id: string | null;
  source_broadcaster_user_login: string | null;
  source_broadcaster_user_name: string | null;
  source_message_id: string | null;
  source_badges: ChatBadge[] | null;
}

/** Who wrote a chat message or caused a notice. */
export interface ChatterFields {
  chatter_user_id: string;
  chatter_user_login: string;
  chatter_user_name: string;
}

/**
 * The `channel.chat.message` event object: one message in the channel's chat, with its fragments,
 * badges and colour (`#rrggbb`, or empty when the viewer never chose one).
 */
export type ChannelChatMessageEvent = BroadcasterFields &
  ChatterFields &
  SharedChatSource & {
    message_id: string;
    message: ChatMessageBody;
    /** `text`, `channel_points_highlighted`, `channel_points_sub_only`, `user_intro`, … */
    message_type: string;
    badges: ChatBadge[];
    /** The Bits cheered in the message; null when none. */
    cheer: { bits: Integer } | null;
    color: string;
    reply: ChatReply | null;
    channel_points_custom_reward_id: string | null;
    [field: string]: unknown;
  };

/** A viewer a moderation event is about. */
export interface ChatTargetFields {
  target_user_id: string;
  target_user_login: string;
  target_user_name: string;
}

/** The `channel.chat.message_delete` event object: a moderator deleted one message. */
export type ChannelChatMessageDeleteEvent = BroadcasterFields &
  ChatTargetFields & {
    message_id: string;
    [field: string]: unknown;
  };

/** The `channel.chat.clear_user_messages` event object: a viewer was timed out or banned. */
export type ChannelChatClearUserMessagesEvent = BroadcasterFields &
  ChatTargetFields & {
    [field: string]: unknown;
  };

/** The `channel.chat.clear` event object: a moderator cleared the whole chat. */
export type ChannelChatClearEvent = BroadcasterFields & {
  [field: string]: unknown;
};

/** A sub as a chat notice tells it. */
export interface ChatNoticeSub {
  sub_tier: SubTier;
  is_prime: boolean;
  /** @minimum 1 */
  duration_months: Integer;
}

/** A resub as a chat notice tells it: `is_prime` is what `channel.subscription.message` lacks. */
export interface ChatNoticeResub {
  sub_tier: SubTier;
  is_prime: boolean;
  /** @minimum 1 */
  cumulative_months: Integer;
  /** @minimum 1 */
  duration_months: Integer;
  streak_months: Integer | null;
  is_gift: boolean;
  gifter_is_anonymous: boolean | null;
  gifter_user_id: string | null;
  gifter_user_login: string | null;
  gifter_user_name: string | null;
}

/** One gifted sub as a chat notice tells it. */
export interface ChatNoticeSubGift {
  /** @minimum 1 */
  duration_months: Integer;
  cumulative_total: Integer | null;
  recipient_user_id: string;
  recipient_user_login: string;
  recipient_user_name: string;
  sub_tier: SubTier;
  community_gift_id: string | null;
}

/** A gift bomb as a chat notice tells it. */
export interface ChatNoticeCommunitySubGift {
  id: string;
  /** @minimum 1 */
  total: Integer;
  sub_tier: SubTier;
  cumulative_total: Integer | null;
}

/** A raid as a chat notice tells it. */
export interface ChatNoticeRaid {
  user_id: string;
  user_login: string;
  user_name: string;
  /** @minimum 0 */
  viewer_count: Integer;
  profile_image_url: string;
}

/** An announcement's colour: `blue`, `green`, `orange`, `purple` or `primary`. */
export interface ChatNoticeAnnouncement {
  color: string;
}

/** A watch streak shared in chat. */
export interface ChatNoticeWatchStreak {
  /** @minimum 1 */
  streak_count: Integer;
  /** @minimum 0 */
  channel_points_awarded: Integer;
}

/**
 * The `channel.chat.notification` event object: a notice Twitch shows in chat (a sub, resub,
 * gift, raid, announcement, watch streak, …). `notice_type` names the one field that carries its
 * detail; the others are null. Under shared chat, `shared_chat_*` notices are another channel's.
 */
export type ChannelChatNotificationEvent = BroadcasterFields &
  ChatterFields &
  SharedChatSource & {
    chatter_is_anonymous: boolean;
    color: string;
    badges: ChatBadge[];
    system_message: string;
    message_id: string;
    message: ChatMessageBody;
    /** `sub`, `resub`, `sub_gift`, `community_sub_gift`, `raid`, `announcement`, `watch_streak`, `shared_chat_sub`, … (Twitch may add kinds). */
    notice_type: string;
    sub?: ChatNoticeSub | null;
    resub?: ChatNoticeResub | null;
    sub_gift?: ChatNoticeSubGift | null;
    community_sub_gift?: ChatNoticeCommunitySubGift | null;
    raid?: ChatNoticeRaid | null;
    announcement?: ChatNoticeAnnouncement | null;
    watch_streak?: ChatNoticeWatchStreak | null;
    shared_chat_sub?: ChatNoticeSub | null;
    shared_chat_resub?: ChatNoticeResub | null;
    shared_chat_sub_gift?: ChatNoticeSubGift | null;
    shared_chat_community_sub_gift?: ChatNoticeCommunitySubGift | null;
    shared_chat_raid?: ChatNoticeRaid | null;
    shared_chat_announcement?: ChatNoticeAnnouncement | null;
    [field: string]: unknown;
  };
