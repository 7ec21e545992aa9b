// @ts-check
// The event list's state: the events it lists, oldest first, at most its limit.

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * One listed event, with the id it came under.
 * @typedef {object} ListedEvent
 * @property {number} id
 * @property {EventMessage} message
 */

/**
 * What the list shows, from its URL options.
 * @typedef {object} EventListFilter
 * @property {readonly TwitchEventType[]} events
 * @property {number} limit  rows at most; older ones leave
 * @property {number} minBits
 * @property {string} giftedSubs  `show` or `hide`
 * @property {string} recovered  `show` or `hide`
 * @property {string} tests  `show` or `hide`
 */

/**
 * Whether the list shows an event.
 * @param {EventMessage} message
 * @param {EventListFilter} filter
 */
export function listShows(message, filter) {
  if (!filter.events.includes(message.event)) return false;
  if (message.replayOf !== undefined) return false; // the same event again, for the alert boxes
  if (message.test && filter.tests === 'hide') return false;
  if (message.recovered && filter.recovered === 'hide') return false;
  if (message.event === 'channel.subscribe' && message.data.is_gift === true) {
    return filter.giftedSubs === 'show';
  }
  if (message.event === 'channel.cheer') {
    return typeof message.data.bits === 'number' && message.data.bits >= filter.minBits;
  }
  return true;
}

/**
 * The rows after a message: an event the list shows joins in its place by id (the history and
 * the live stream can overlap, so one already listed is not added again), and the oldest leave
 * beyond the limit. The same array when nothing changes.
 * @param {readonly ListedEvent[]} rows  oldest first
 * @param {StreamMessage} message
 * @param {number} id
 * @param {EventListFilter} filter
 * @returns {readonly ListedEvent[]}
 */
export function reduceEventList(rows, message, id, filter) {
  if (message.type !== 'event' || !listShows(message, filter)) return rows;
  if (rows.some((row) => row.id === id)) return rows;
  const next = [...rows, { id, message }].sort((a, b) => a.id - b.id);
  const kept = next.slice(Math.max(0, next.length - filter.limit));
  // An event older than every row of a full list leaves at once: nothing changed.
  return kept.length === rows.length && kept.every((row, i) => row === rows[i]) ? rows : kept;
}
