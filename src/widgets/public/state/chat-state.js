// @ts-check
// The chat box's state: the lines it shows (messages and notices), oldest first, at most its
// limit, and what moderators removed. Removals are kept as facts (this message id is gone; this
// chatter's messages before event N are gone; everything before event N is gone), so a removal
// applies whichever arrives first: the history loads newest first, the stream oldest first, and a
// chat box that reloads must not show a message deleted before it reloaded.
import { fromOtherChannel } from '../lib/chat-message-parts.js';
import { record, text } from '../lib/event-fields.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */

/** The event types the chat box reads. */
export const CHAT_EVENTS = /** @type {const} */ ([
  'channel.chat.message',
  'channel.chat.notification',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
]);

/** How many deleted message ids and timed-out chatters are remembered (more than any screen). */
const REMEMBERED_REMOVALS = 1000;

/**
 * One line of the chat box: a chat message or a notice, with the id it came under.
 * @typedef {object} ChatLine
 * @property {number} id  the stream's id of its event
 * @property {EventMessage} message
 * @property {string} messageId  Twitch's `message_id`
 * @property {string} chatterId
 */

/**
 * What the chat box shows, from its URL options.
 * @typedef {object} ChatFilter
 * @property {number} limit  lines at most; older ones leave
 * @property {boolean} hideCommands  messages starting with `!` are left out
 * @property {ReadonlySet<string>} bots  lower-case logins whose messages are left out
 * @property {boolean} sharedChat  messages from other channels under shared chat are shown
 * @property {boolean} notices  chat notices (subs, announcements, …) are shown
 */

/**
 * @typedef {object} ChatState
 * @property {readonly ChatLine[]} lines  oldest first
 * @property {ReadonlySet<string>} deleted  Twitch message ids a moderator deleted
 * @property {ReadonlyMap<string, number>} clearedChatters  chatter id → the event id of their
 *   latest timeout or ban: their lines before it are gone
 * @property {number} clearedBefore  the event id of the latest `/clear`: every line before it is gone
 */

/** @type {ChatState} */
export const EMPTY_CHAT = {
  lines: [],
  deleted: new Set(),
  clearedChatters: new Map(),
  clearedBefore: 0,
};

/**
 * Whether a chat message or notice is one this chat box shows (moderation aside).
 * @param {EventMessage} message
 * @param {ChatFilter} filter
 */
export function chatShows(message, filter) {
  const data = message.data;
  if (message.replayOf !== undefined) return false; // the same event again, for the alert boxes
  if (message.event === 'channel.chat.notification' && !filter.notices) return false;
  if (message.event !== 'channel.chat.message' && message.event !== 'channel.chat.notification') {
    return false;
  }
  if (!filter.sharedChat && fromOtherChannel(data)) return false;
  const login = text(data.chatter_user_login).toLowerCase();
  if (login !== '' && filter.bots.has(login)) return false;
  const words = text(record(data.message).text).trimStart();
  return !(
    filter.hideCommands &&
    message.event === 'channel.chat.message' &&
    words.startsWith('!')
  );
}

/**
 * The state after a message: a line the box shows joins in its place by id (unless a removal
 * already covers it, or it is listed already: history and stream can overlap), the oldest leave
 * beyond the limit; a delete, a timeout or ban, or a clear removes what it covers and is
 * remembered. The same state when nothing changes.
 * @param {ChatState} state
 * @param {StreamMessage} message
 * @param {number} id
 * @param {ChatFilter} filter
 * @returns {ChatState}
 */
export function reduceChat(state, message, id, filter) {
  if (message.type !== 'event') return state;
  const data = message.data;
  switch (message.event) {
    case 'channel.chat.message':
    case 'channel.chat.notification':
      return addLine(state, message, id, filter);
    case 'channel.chat.message_delete': {
      const messageId = text(data.message_id);
      if (messageId === '' || state.deleted.has(messageId)) return state;
      const deleted = remember(state.deleted, messageId);
      return withLines({ ...state, deleted }, (line) => line.messageId !== messageId);
    }
    case 'channel.chat.clear_user_messages': {
      const chatterId = text(data.target_user_id);
      if (chatterId === '' || (state.clearedChatters.get(chatterId) ?? 0) >= id) return state;
      const clearedChatters = new Map(state.clearedChatters);
      clearedChatters.delete(chatterId); // re-inserted last: the Map's order is the age order
      clearedChatters.set(chatterId, id);
      for (const oldest of clearedChatters.keys()) {
        if (clearedChatters.size <= REMEMBERED_REMOVALS) break;
        clearedChatters.delete(oldest);
      }
      return withLines(
        { ...state, clearedChatters },
        (line) => line.chatterId !== chatterId || line.id > id,
      );
    }
    case 'channel.chat.clear':
      if (id <= state.clearedBefore) return state;
      return withLines({ ...state, clearedBefore: id }, (line) => line.id > id);
    default:
      return state;
  }
}

/**
 * @param {ChatState} state
 * @param {EventMessage} message
 * @param {number} id
 * @param {ChatFilter} filter
 * @returns {ChatState}
 */
function addLine(state, message, id, filter) {
  if (!chatShows(message, filter)) return state;
  const data = message.data;
  const line = {
    id,
    message,
    messageId: text(data.message_id),
    chatterId: text(data.chatter_user_id),
  };
  if (isRemoved(state, line) || state.lines.some((other) => other.id === id)) return state;
  const next = [...state.lines, line].sort((a, b) => a.id - b.id);
  const kept = next.slice(Math.max(0, next.length - filter.limit));
  // A line older than every line of a full box leaves at once: nothing changed.
  if (kept.length === state.lines.length && kept.every((other, i) => other === state.lines[i])) {
    return state;
  }
  return { ...state, lines: kept };
}

/**
 * Whether a removal the box has seen covers a line.
 * @param {ChatState} state
 * @param {ChatLine} line
 */
function isRemoved(state, line) {
  if (line.id <= state.clearedBefore) return true;
  if (line.messageId !== '' && state.deleted.has(line.messageId)) return true;
  return line.id <= (state.clearedChatters.get(line.chatterId) ?? 0);
}

/**
 * The state with only the lines that `keep`; the same lines array when all stay.
 * @param {ChatState} state
 * @param {(line: ChatLine) => boolean} keep
 * @returns {ChatState}
 */
function withLines(state, keep) {
  const lines = state.lines.filter(keep);
  return lines.length === state.lines.length ? state : { ...state, lines };
}

/**
 * The set with `value` added, the oldest forgotten beyond `REMEMBERED_REMOVALS`.
 * @param {ReadonlySet<string>} set
 * @param {string} value
 */
function remember(set, value) {
  const next = new Set(set);
  next.add(value);
  for (const oldest of next) {
    if (next.size <= REMEMBERED_REMOVALS) break;
    next.delete(oldest);
  }
  return next;
}
