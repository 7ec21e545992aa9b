/**
 * The chat types' event objects in Twitch's documented shape: `channel.chat.message`, the three
 * moderation types and `channel.chat.notification` (version 1 each).
 */
import { CHAT_NOTICE_TYPES } from './documented-fields.js';
import { userFields, type EventObject } from './event-payloads.js';
import type { SimulatedUser } from './user-directory.js';

/** Where a message or notice came from under shared chat; null for the channel's own chat. */
export interface SharedChatOrigin {
  readonly channel: SimulatedUser;
  readonly messageId: string;
  readonly badges: EventObject[];
}

/** The `source_*` fields: another channel's under shared chat, else every one null. */
function sourceFields(origin: SharedChatOrigin | null): EventObject {
  return {
    ...userFields('source_broadcaster_', origin?.channel ?? null),
    source_message_id: origin?.messageId ?? null,
    source_badges: origin?.badges ?? null,
  };
}

/** What a chat message is besides its text. */
export interface ChatMessageFacts {
  readonly messageId: string;
  readonly body: EventObject;
  readonly color: string;
  readonly badges: EventObject[];
  /** Bits cheered in the message (its cheermotes), 0 for none. */
  readonly bits: number;
  /** The message answered and its thread, or null. */
  readonly reply: {
    readonly parent: { id: string; text: string; chatter: SimulatedUser };
    readonly thread: { id: string; chatter: SimulatedUser };
  } | null;
  readonly origin: SharedChatOrigin | null;
}

/** `channel.chat.message` v1. */
export function chatMessageEvent(
  broadcaster: SimulatedUser,
  chatter: SimulatedUser,
  facts: ChatMessageFacts,
): EventObject {
  const reply = facts.reply;
  return {
    ...userFields('broadcaster_', broadcaster),
    ...userFields('chatter_', chatter),
    message_id: facts.messageId,
    message: facts.body,
    message_type: 'text',
    badges: facts.badges,
    cheer: facts.bits > 0 ? { bits: facts.bits } : null,
    color: facts.color,
    reply: reply
      ? {
          parent_message_id: reply.parent.id,
          parent_message_body: reply.parent.text,
          ...userFields('parent_', reply.parent.chatter),
          thread_message_id: reply.thread.id,
          ...userFields('thread_', reply.thread.chatter),
        }
      : null,
    channel_points_custom_reward_id: null,
    ...sourceFields(facts.origin),
    is_source_only: facts.origin ? false : null,
  };
}

/** `channel.chat.message_delete` v1: a moderator deleted `target`'s message. */
export function chatMessageDeleteEvent(
  broadcaster: SimulatedUser,
  target: SimulatedUser,
  messageId: string,
): EventObject {
  return {
    ...userFields('broadcaster_', broadcaster),
    ...userFields('target_', target),
    message_id: messageId,
  };
}

/** `channel.chat.clear_user_messages` v1: `target` was timed out or banned. */
export function chatClearUserMessagesEvent(
  broadcaster: SimulatedUser,
  target: SimulatedUser,
): EventObject {
  return { ...userFields('broadcaster_', broadcaster), ...userFields('target_', target) };
}

/** `channel.chat.clear` v1: a moderator cleared the chat. */
export function chatClearEvent(broadcaster: SimulatedUser): EventObject {
  return { ...userFields('broadcaster_', broadcaster) };
}

/** What a chat notice is. */
export interface ChatNoticeFacts {
  readonly noticeType: string;
  /** The notice's own object (what `noticeType`'s field holds). */
  readonly detail: EventObject;
  readonly systemMessage: string;
  readonly messageId: string;
  readonly body: EventObject;
  readonly color: string;
  readonly badges: EventObject[];
  readonly origin: SharedChatOrigin | null;
}

/** `channel.chat.notification` v1; `chatter` null for an anonymous gifter. */
export function chatNotificationEvent(
  broadcaster: SimulatedUser,
  chatter: SimulatedUser,
  anonymous: boolean,
  facts: ChatNoticeFacts,
): EventObject {
  const notices: EventObject = {};
  for (const field of CHAT_NOTICE_TYPES) notices[field] = null;
  notices[facts.noticeType] = facts.detail;
  return {
    ...userFields('broadcaster_', broadcaster),
    ...userFields('chatter_', chatter),
    chatter_is_anonymous: anonymous,
    color: facts.color,
    badges: facts.badges,
    system_message: facts.systemMessage,
    message_id: facts.messageId,
    message: facts.body,
    notice_type: facts.noticeType,
    ...notices,
    ...sourceFields(facts.origin),
  };
}
