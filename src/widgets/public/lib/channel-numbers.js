// @ts-check

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').StatsData} StatsData */

/**
 * The channel's numbers as the stream tells them: a `stats` message sets them, and events move
 * them at once (a follow adds a follower, a sub or gift adds subs, online/offline) until the next
 * poll corrects any drift. Kept between loads as it is.
 * @typedef {object} ChannelNumbersState
 * @property {StatsData | null} stats  the latest numbers; null until the first `stats` message
 * @property {number} statsId  the id of the `stats` message they came from
 */

/** Before the first `stats` message. @type {ChannelNumbersState} */
export const NO_NUMBERS = Object.freeze({ stats: null, statsId: 0 });

/**
 * The numbers an earlier load kept, or none.
 * @param {Partial<ChannelNumbersState> | null | undefined} kept
 * @returns {ChannelNumbersState}
 */
export function restoreChannelNumbers(kept) {
  return { stats: kept?.stats ?? null, statsId: kept?.statsId ?? 0 };
}

/**
 * The numbers once they mean something: null before the first `stats` message, and while the
 * service says it has not polled Twitch yet (`polledAt: null`, when its numbers are placeholders).
 * @param {ChannelNumbersState} numbers
 */
export function knownNumbers(numbers) {
  return numbers.stats && numbers.stats.polledAt !== null ? numbers.stats : null;
}

/**
 * The numbers after a message; the same object when it moves none.
 * @param {ChannelNumbersState} numbers
 * @param {StreamMessage} message
 * @param {number} id
 * @returns {ChannelNumbersState}
 */
export function reduceChannelNumbers(numbers, message, id) {
  if (message.type === 'stats') return { stats: { ...message.data }, statsId: id };
  // A stats message with a higher id already counts this event (the server moves its numbers
  // on events too); and with no numbers yet there is nothing to move.
  const stats = numbers.stats;
  if (message.type !== 'event' || !stats || id <= numbers.statsId) return numbers;
  const data = message.data;
  /** @param {Partial<StatsData>} change */
  const moved = (change) => ({ ...numbers, stats: { ...stats, ...change } });
  switch (message.event) {
    case 'channel.follow':
      return moved({ followers: stats.followers + 1 });
    case 'channel.subscribe':
      // Each gifted sub also arrives as a subscribe; the gift event already counted it.
      return data.is_gift === true ? numbers : moved({ subs: stats.subs + 1 });
    case 'channel.subscription.gift':
      return moved({ subs: stats.subs + (typeof data.total === 'number' ? data.total : 0) });
    case 'stream.online':
      return moved({ live: true });
    case 'stream.offline':
      return moved({ live: false, viewers: 0 });
    default:
      return numbers;
  }
}
