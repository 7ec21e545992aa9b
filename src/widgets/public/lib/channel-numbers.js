// @ts-check

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').StatsData} StatsData */

/**
 * What the channel numbers look like between loads.
 * @typedef {object} ChannelNumbersState
 * @property {StatsData | null} stats
 * @property {number} statsId
 */

/**
 * The channel's numbers as the stream tells them: a `stats` message sets them, and events move
 * them at once (a follow adds a follower, a sub or gift adds subs, online/offline) until the next
 * poll corrects any drift.
 */
export class ChannelNumbers {
  /** @param {ChannelNumbersState | null} [saved] */
  constructor(saved) {
    /** The latest numbers; null until the first `stats` message. @type {StatsData | null} */
    this.stats = saved?.stats ?? null;
    /** The id of the `stats` message they came from. */
    this.statsId = saved?.statsId ?? 0;
  }

  /**
   * The numbers once they mean something: null before the first `stats` message, and while the
   * service says it has not polled Twitch yet (`polledAt: null`, when its numbers are placeholders).
   */
  get known() {
    return this.stats && this.stats.polledAt !== null ? this.stats : null;
  }

  /**
   * Applies a message; returns whether the numbers changed.
   * @param {StreamMessage} message
   * @param {number} id
   */
  apply(message, id) {
    if (message.type === 'stats') {
      this.stats = { ...message.data };
      this.statsId = id;
      return true;
    }
    // A stats message with a higher id already counts this event (the server moves its numbers
    // on events too); and with no numbers yet there is nothing to move.
    if (message.type !== 'event' || !this.stats || id <= this.statsId) return false;
    const stats = this.stats;
    const data = message.data;
    switch (message.event) {
      case 'channel.follow':
        stats.followers++;
        return true;
      case 'channel.subscribe':
        // Each gifted sub also arrives as a subscribe; the gift event already counted it.
        if (data.is_gift === true) return false;
        stats.subs++;
        return true;
      case 'channel.subscription.gift':
        stats.subs += typeof data.total === 'number' ? data.total : 0;
        return true;
      case 'stream.online':
        stats.live = true;
        return true;
      case 'stream.offline':
        stats.live = false;
        stats.viewers = 0;
        return true;
      default:
        return false;
    }
  }

  /** What to save with the cursor. @returns {ChannelNumbersState} */
  toJSON() {
    return { stats: this.stats, statsId: this.statsId };
  }
}
