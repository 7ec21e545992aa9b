import { TWITCH_EVENT_TYPES, type TwitchEventType } from '../contract/twitch-events.js';

/**
 * The one place that says which event types are chat: the `channel.chat.*` types. The event log
 * keeps them apart from every other event, under their own, shorter retention
 * (`EVENT_LOG_CHAT_MAX_MESSAGES`, `EVENT_LOG_CHAT_MAX_AGE_HOURS`), so that a busy chat never
 * pushes an alert out of the replay window, the history or the file; and the history's default
 * view leaves them out.
 *
 * `channel.chat.notification` is the exception, kept with the alerts: its notices are alert-box
 * events (watch streaks, announcements) and tell a sub alert "with Prime", so an alert box asks
 * for it. Were it chat, a busy chat would prune notices after an alert box's `Last-Event-ID`,
 * that box's replay would be incomplete, and it would lose the alerts it missed with them. A
 * channel has a notice per sub, gift, raid or announcement, not per message: it never floods.
 */
export function isChatHistory(type: string): boolean {
  return type.startsWith('channel.chat.') && type !== 'channel.chat.notification';
}

/**
 * What makes two chat notifications one happening, when Twitch sends it again under a new
 * EventSub `message_id`: the chat message's own `message_id` (a message, a notice, or the message
 * a delete removes), and nothing else — two viewers, or one viewer twice, may well type the same
 * words, and each is a message of its own. Timeouts and clears carry no such id: never merged
 * (a repeated one only repeats what it did).
 */
export function chatIdentity(
  type: string,
  data: Record<string, unknown>,
): readonly unknown[] | undefined {
  const byMessageId =
    type === 'channel.chat.message' ||
    type === 'channel.chat.notification' ||
    type === 'channel.chat.message_delete';
  return byMessageId ? [data.message_id] : undefined;
}

/** The event types kept as chat (`isChatHistory`), in the contract's order. */
export const CHAT_HISTORY_TYPES: readonly TwitchEventType[] = TWITCH_EVENT_TYPES.filter((type) =>
  isChatHistory(type),
);

/** Every other event type: the alerts and everything kept as long as they are. */
export const NON_CHAT_TYPES: readonly TwitchEventType[] = TWITCH_EVENT_TYPES.filter(
  (type) => !isChatHistory(type),
);
