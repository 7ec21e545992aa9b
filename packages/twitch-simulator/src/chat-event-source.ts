import type { ChannelState } from './channel-state.js';
import { chatBadges, chatColor } from './chat-look.js';
import {
  CHAT_NOTICE_TYPES,
  isSharedChatNotice,
  noticeDetail,
  type ChatNoticeType,
} from './chat-notices.js';
import {
  chatClearEvent,
  chatClearUserMessagesEvent,
  chatMessageDeleteEvent,
  chatMessageEvent,
  chatNotificationEvent,
  type ChatMessageFacts,
  type SharedChatOrigin,
} from './chat-payloads.js';
import type { SentChatMessage } from './chat-room.js';
import { CHAT_LINES, VIEWER_NAMES } from './demo-material.js';
import { chatMessage, cheeredBits } from './message-fragments.js';
import { randomId } from './random-ids.js';
import { ANONYMOUS_GIFTER } from './simulator-constants.js';
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';
import { oneOf, subTier, wholeNumber } from './trigger-values.js';
import { SimulatorInputError, type SimulatedUser, type UserDirectory } from './user-directory.js';

/** The chat types: messages, the three moderation types and notices. */
export const CHAT_EVENT_TYPES = [
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
  'channel.chat.notification',
] as const;

/** One of the chat types. */
export type ChatEventType = (typeof CHAT_EVENT_TYPES)[number];

/** Whether `type` is one of the chat types. */
export function isChatEventType(type: string): type is ChatEventType {
  return (CHAT_EVENT_TYPES as readonly string[]).includes(type);
}

/** The channel shared chat brings messages from when none is named. */
const DEFAULT_SHARED_CHANNEL = 'pixelharbor';

/** Twitch's limit on a chat message. */
const MAX_MESSAGE_LENGTH = 500;

/**
 * The channel's chat as Twitch's chat types tell it: messages cut into fragments (text, emotes,
 * cheermotes, `@` mentions), with each chatter's badges and colour (some have none), replies and
 * shared chat; a moderator deleting a message, timing out or banning a chatter, clearing the chat;
 * and notices (subs, resubs with Prime, gifts, raids, announcements, watch streaks and their
 * `shared_chat_*` forms from another channel). A notice is the chat's telling only: it changes
 * no count (trigger the sub itself for that).
 */
export class ChatEventSource {
  constructor(
    private readonly users: UserDirectory,
    private readonly channelOf: (broadcaster: SimulatedUser) => ChannelState,
    /** `http://localhost:PORT`, where the simulator serves profile images. */
    private readonly imageBase: () => string,
  ) {}

  /** Applies one chat happening and returns its event. */
  produce(type: ChatEventType, channel: ChannelState, options: TriggerOptions): ProducedEvent[] {
    switch (type) {
      case 'channel.chat.message':
        return [this.message(channel, options)];
      case 'channel.chat.message_delete':
        return [this.deleteMessage(channel, options)];
      case 'channel.chat.clear_user_messages': {
        const target = this.target(channel, options);
        channel.chat.removeChatter(target.id);
        return [{ type, event: chatClearUserMessagesEvent(channel.broadcaster, target) }];
      }
      case 'channel.chat.clear':
        channel.chat.clear();
        return [{ type, event: chatClearEvent(channel.broadcaster) }];
      case 'channel.chat.notification':
        return [this.notice(channel, options)];
    }
  }

  private message(channel: ChannelState, options: TriggerOptions): ProducedEvent {
    const chatter = this.users.resolve(options.user);
    const text = options.message ?? this.someLine(chatter);
    if (text.trim() === '' || Array.from(text).length > MAX_MESSAGE_LENGTH) {
      throw new SimulatorInputError(`a chat message has 1 to ${MAX_MESSAGE_LENGTH} characters`);
    }
    const parent = options.replyTo === undefined ? undefined : channel.chat.find(options.replyTo);
    if (options.replyTo !== undefined && !parent) {
      throw new SimulatorInputError(`no message ${options.replyTo} in the chat to reply to`);
    }
    const origin = this.origin(channel, chatter, options.source);
    const bits = cheeredBits(text);
    const messageId = randomId();
    const facts: ChatMessageFacts = {
      messageId,
      body: chatMessage(text, bits > 0, (login) => this.users.findByLogin(login)),
      color: chatColor(chatter),
      badges: chatBadges(chatter, channel),
      bits,
      reply: parent
        ? {
            parent: { id: parent.id, text: parent.text, chatter: parent.chatter },
            thread: { id: parent.threadId, chatter: parent.threadChatter },
          }
        : null,
      origin,
    };
    const sent: SentChatMessage = {
      id: messageId,
      chatter,
      text,
      threadId: parent?.threadId ?? messageId,
      threadChatter: parent?.threadChatter ?? chatter,
    };
    channel.chat.add(sent);
    return {
      type: 'channel.chat.message',
      event: chatMessageEvent(channel.broadcaster, chatter, facts),
    };
  }

  /** Deletes the message named (default: the newest one still in the chat). */
  private deleteMessage(channel: ChannelState, options: TriggerOptions): ProducedEvent {
    const message =
      options.messageId === undefined ? channel.chat.last() : channel.chat.find(options.messageId);
    if (!message) {
      throw new SimulatorInputError(
        options.messageId === undefined
          ? 'the chat has no message to delete: trigger channel.chat.message first'
          : `no message ${options.messageId} in the chat (deleted already, or never sent)`,
      );
    }
    channel.chat.remove(message.id);
    return {
      type: 'channel.chat.message_delete',
      event: chatMessageDeleteEvent(channel.broadcaster, message.chatter, message.id),
    };
  }

  /** Who is timed out or banned: the user named, else whoever wrote the newest message. */
  private target(channel: ChannelState, options: TriggerOptions): SimulatedUser {
    if (options.user !== undefined) return this.users.resolve(options.user);
    const last = channel.chat.last();
    if (!last) {
      throw new SimulatorInputError('name the chatter to time out or ban with user');
    }
    return last.chatter;
  }

  private notice(channel: ChannelState, options: TriggerOptions): ProducedEvent {
    const notice: ChatNoticeType = oneOf('notice', options.notice, CHAT_NOTICE_TYPES) ?? 'sub';
    const anonymous = options.anonymous === true && notice.endsWith('gift');
    const chatter = anonymous
      ? (this.users.findById(ANONYMOUS_GIFTER.id) ?? this.users.add({ ...ANONYMOUS_GIFTER }))
      : this.users.resolve(options.user);
    const shared = isSharedChatNotice(notice);
    if (!shared && options.source !== undefined) {
      throw new SimulatorInputError(
        `source names the other channel of a shared_chat_* notice, not of ${notice}`,
      );
    }
    const origin = shared ? this.origin(channel, chatter, options.source ?? '') : null;
    const months = wholeNumber('months', options.months, notice.includes('watch') ? 5 : 6, 1, 1000);
    const text = options.message ?? '';
    const { detail, systemMessage } = noticeDetail(notice, {
      chatter,
      channel: origin?.channel ?? channel.broadcaster,
      tier: subTier(options.tier),
      prime: options.prime === true,
      months,
      streak: options.hideStreak ? null : wholeNumber('streak', options.streak, months, 1, months),
      duration: wholeNumber('duration', options.duration, 1, 1, 12),
      recipient: this.users.resolve(options.recipient),
      total: wholeNumber('total', options.total, 5, 1, 100),
      cumulative: anonymous ? null : wholeNumber('total', options.total, 5, 1, 100),
      viewers: wholeNumber('viewers', options.viewers, 10, 0, 10_000_000),
      color: options.color ?? 'primary',
      imageBase: this.imageBase(),
    });
    return {
      type: 'channel.chat.notification',
      event: chatNotificationEvent(channel.broadcaster, chatter, anonymous, {
        noticeType: notice,
        detail,
        systemMessage,
        messageId: randomId(),
        body: chatMessage(text, false, (login) => this.users.findByLogin(login)),
        color: chatColor(chatter),
        badges: chatBadges(chatter, channel),
        origin,
      }),
    };
  }

  /**
   * Where a message comes from under shared chat: `source` (login or id) when it names another
   * channel; null for this channel's own chat.
   */
  private origin(
    channel: ChannelState,
    chatter: SimulatedUser,
    source: string | undefined,
  ): SharedChatOrigin | null {
    if (source === undefined) return null;
    const other = this.users.resolve(source.trim() === '' ? DEFAULT_SHARED_CHANNEL : source);
    if (other.id === channel.broadcaster.id) return null;
    return {
      channel: other,
      messageId: randomId(),
      badges: chatBadges(chatter, this.channelOf(other)),
    };
  }

  /** A line a chatter might type, with another viewer named where it mentions one. */
  private someLine(chatter: SimulatedUser): string {
    const line = CHAT_LINES[Math.floor(Math.random() * CHAT_LINES.length)] ?? 'hello';
    if (!line.includes('{viewer}')) return line;
    const others = VIEWER_NAMES.filter((name) => name !== chatter.login);
    const other = this.users.resolve(others[Math.floor(Math.random() * others.length)]);
    return line.replace('{viewer}', other.login);
  }
}
