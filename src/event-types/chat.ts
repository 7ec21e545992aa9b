import type { EventTypeDescriptor, TwitchEventData } from './event-type-descriptor.js';
import type { SampleContext } from './sample-context.js';
import { loginField, textField } from './sample-fields.js';

/** Every chat type needs the broadcaster's token to read the channel's chat. */
const SCOPE = 'user:read:chat';

/** The ids samples use: a chat message, and the Kappa emote (a real global emote). */
const SAMPLE_MESSAGE_ID = 'b5c9e3a1-7f4d-4c2b-9e8a-0d1f2a3b4c5d';
const KAPPA = { id: '25', emote_set_id: '0', owner_id: '0', format: ['static'] };

/** The viewer of a sample as the chatter (chat events name viewers `chatter_user_*`). */
function asChatter({ user }: SampleContext): TwitchEventData {
  return {
    chatter_user_id: user.user_id,
    chatter_user_login: user.user_login,
    chatter_user_name: user.user_name,
  };
}

/** The viewer of a sample as the target of a moderator's action. */
function asTarget({ user }: SampleContext): TwitchEventData {
  return {
    target_user_id: user.user_id,
    target_user_login: user.user_login,
    target_user_name: user.user_name,
  };
}

/** Not shared chat: every `source_*` field null, as Twitch sends them for this channel's own chat. */
const NOT_SHARED = {
  source_broadcaster_user_id: null,
  source_broadcaster_user_login: null,
  source_broadcaster_user_name: null,
  source_message_id: null,
  source_badges: null,
};

/** The message text of a chat message or notice, if it has one. */
function messageText(data: TwitchEventData): string | undefined {
  const message = data.message as { text?: unknown } | null | undefined;
  return typeof message?.text === 'string' ? message.text : undefined;
}

/**
 * The subscriptions of the chat types, all for the broadcaster's own chat: Twurple's chat methods
 * take the channel and the user who reads it, and the service reads with the broadcaster's token.
 */

/** One message in the channel's chat, in fragments (text, emote, cheermote, mention). */
export const CHAT_MESSAGE: EventTypeDescriptor = {
  type: 'channel.chat.message',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelChatMessage(id, id, handler),
  sample: (context) => ({
    ...context.broadcaster,
    ...asChatter(context),
    message_id: SAMPLE_MESSAGE_ID,
    message: {
      text: 'Hello chat Kappa',
      fragments: [
        { type: 'text', text: 'Hello chat ', cheermote: null, emote: null, mention: null },
        { type: 'emote', text: 'Kappa', cheermote: null, emote: KAPPA, mention: null },
      ],
    },
    message_type: 'text',
    badges: [{ set_id: 'subscriber', id: '6', info: '6' }],
    cheer: null,
    color: '#1E90FF',
    reply: null,
    channel_points_custom_reward_id: null,
    ...NOT_SHARED,
    is_source_only: null,
  }),
  simulatorTrigger: (data) => ({
    user: loginField(data, 'chatter_user_login'),
    message: messageText(data),
  }),
};

/** A moderator deleted one message. */
export const CHAT_MESSAGE_DELETE: EventTypeDescriptor = {
  type: 'channel.chat.message_delete',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelChatMessageDelete(id, id, handler),
  sample: (context) => ({
    ...context.broadcaster,
    ...asTarget(context),
    message_id: SAMPLE_MESSAGE_ID,
  }),
  // The simulator deletes a message it sent: the last one unless the sample's id is one of them.
  simulatorTrigger: () => ({}),
};

/** A viewer was timed out or banned: their messages go. */
export const CHAT_CLEAR_USER_MESSAGES: EventTypeDescriptor = {
  type: 'channel.chat.clear_user_messages',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelChatClearUserMessages(id, id, handler),
  sample: (context) => ({ ...context.broadcaster, ...asTarget(context) }),
  simulatorTrigger: (data) => ({ user: loginField(data, 'target_user_login') }),
};

/** A moderator cleared the whole chat. */
export const CHAT_CLEAR: EventTypeDescriptor = {
  type: 'channel.chat.clear',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelChatClear(id, id, handler),
  sample: ({ broadcaster }) => ({ ...broadcaster }),
  simulatorTrigger: () => ({}),
};

/** A notice in chat: subs, resubs, gifts, raids, announcements, watch streaks, … */
export const CHAT_NOTIFICATION: EventTypeDescriptor = {
  type: 'channel.chat.notification',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelChatNotification(id, id, handler),
  sample: (context) => ({
    ...context.broadcaster,
    ...asChatter(context),
    chatter_is_anonymous: false,
    color: '#9ACD32',
    badges: [],
    system_message: `${context.user.user_name} watched 5 consecutive streams and sparked a watch streak!`,
    message_id: 'c6dae4b2-8a5e-4d3c-af9b-1e2a3b4c5d6e',
    message: {
      text: 'Five in a row!',
      fragments: [
        { type: 'text', text: 'Five in a row!', cheermote: null, emote: null, mention: null },
      ],
    },
    notice_type: 'watch_streak',
    sub: null,
    resub: null,
    sub_gift: null,
    community_sub_gift: null,
    gift_paid_upgrade: null,
    prime_paid_upgrade: null,
    pay_it_forward: null,
    raid: null,
    unraid: null,
    announcement: null,
    bits_badge_tier: null,
    charity_donation: null,
    watch_streak: { streak_count: 5, channel_points_awarded: 350 },
    shared_chat_sub: null,
    shared_chat_resub: null,
    shared_chat_sub_gift: null,
    shared_chat_community_sub_gift: null,
    shared_chat_gift_paid_upgrade: null,
    shared_chat_prime_paid_upgrade: null,
    shared_chat_pay_it_forward: null,
    shared_chat_raid: null,
    shared_chat_announcement: null,
    ...NOT_SHARED,
  }),
  simulatorTrigger: (data) => ({
    user: loginField(data, 'chatter_user_login'),
    notice: textField(data, 'notice_type'),
    message: messageText(data),
  }),
};
