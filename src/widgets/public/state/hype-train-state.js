// @ts-check
// The hype train bar's state: the latest hype train event the service keeps in its `stats`, and
// what the bar shows of it at a given moment.

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').HypeTrainState} HypeTrainState */

/**
 * What the bar shows: nothing, a running train (its progress to the next level and the time
 * left), or a train just over (its final level and points).
 * @typedef {{ phase: 'none' }
 *   | { phase: 'running'; level: number; progress: number; goal: number; leftMs: number }
 *   | { phase: 'ended'; level: number; total: number }} HypeTrainReading
 */

/**
 * The train after a message: each `stats` message tells the latest one (or none).
 * @param {HypeTrainState | null} train
 * @param {StreamMessage} message
 * @returns {HypeTrainState | null}
 */
export function reduceHypeTrain(train, message) {
  return message.type === 'stats' ? (message.data.hypeTrain ?? null) : train;
}

/**
 * What the bar shows of `train` at `now`: an ended train for `endedForMs` after its end, a
 * running one until it expires.
 * @param {HypeTrainState | null} train
 * @param {number} now  ms since the epoch
 * @param {number} endedForMs
 * @returns {HypeTrainReading}
 */
export function hypeTrainReading(train, now, endedForMs) {
  if (!train) return { phase: 'none' };
  if (train.event === 'channel.hype_train.end') {
    if (now - Date.parse(train.data.ended_at) >= endedForMs) return { phase: 'none' };
    return { phase: 'ended', level: train.data.level, total: train.data.total };
  }
  const leftMs = Date.parse(train.data.expires_at) - now;
  // Twitch ends an expired train with channel.hype_train.end; until it arrives, hide a stale one.
  if (!(leftMs > 0)) return { phase: 'none' };
  const { level, progress, goal } = train.data;
  return { phase: 'running', level, progress, goal, leftMs };
}
