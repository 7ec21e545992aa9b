// @ts-check
// The ad break's state: the latest break the service keeps in its `stats`, and what the widget and
// the dashboard show of it at a given moment. Twitch sends no event when a break ends: its start
// and length say when.

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').AdBreakState} AdBreakState */

/**
 * Twitch's breaks last 30 to 180 seconds; a longer one is a broken payload, not a break to keep on
 * screen for hours.
 */
export const LONGEST_BREAK_SECONDS = 3600;

/**
 * How far in the future a start may be and still be believed: the viewer's clock may run a little
 * behind Twitch's. Until then the full length shows; a start further ahead is ignored.
 */
export const CLOCK_SKEW_MS = 30_000;

/**
 * What is shown of a break: nothing, or a running one (the time left, its length and whether
 * Twitch's ad schedule started it).
 * @typedef {{ phase: 'none' }
 *   | { phase: 'running'; leftMs: number; durationMs: number; automatic: boolean }} AdBreakReading
 */

/**
 * The break after a message: each `stats` message tells the latest one (or none). The same break
 * again is the same state, so nothing is drawn for stats that moved other numbers.
 * @param {AdBreakState | null} adBreak
 * @param {StreamMessage} message
 * @returns {AdBreakState | null}
 */
export function reduceAdBreak(adBreak, message) {
  if (message.type !== 'stats') return adBreak;
  const next = message.data.adBreak ?? null;
  if (next && adBreak && sameBreak(next, adBreak)) return adBreak;
  return next;
}

/**
 * What shows of `adBreak` at `now`: a countdown from its start over its length, nothing once it
 * is over. A length that is 0, missing, not a number or beyond LONGEST_BREAK_SECONDS, and a start
 * that is not a time or lies more than CLOCK_SKEW_MS ahead, show nothing.
 * @param {AdBreakState | null} adBreak
 * @param {number} now  ms since the epoch
 * @returns {AdBreakReading}
 */
export function adBreakReading(adBreak, now) {
  const times = adBreakTimes(adBreak);
  if (!adBreak || !times || times.startMs - now > CLOCK_SKEW_MS) return { phase: 'none' };
  const leftMs = Math.min(times.durationMs, times.startMs + times.durationMs - now);
  if (!(leftMs > 0)) return { phase: 'none' };
  return {
    phase: 'running',
    leftMs,
    durationMs: times.durationMs,
    automatic: adBreak.data.is_automatic === true,
  };
}

/**
 * The start and length of a break, in ms, when both can be believed (see `adBreakReading`);
 * null otherwise.
 * @param {AdBreakState | null} adBreak
 * @returns {{ startMs: number; durationMs: number } | null}
 */
export function adBreakTimes(adBreak) {
  const durationMs = adBreakLengthMs(adBreak);
  const start = /** @type {unknown} */ (adBreak?.data.started_at);
  const startMs = typeof start === 'string' ? Date.parse(start) : NaN;
  if (durationMs === null || Number.isNaN(startMs)) return null;
  return { startMs, durationMs };
}

/**
 * A break's length in ms when it can be believed: more than 0, at most LONGEST_BREAK_SECONDS;
 * null otherwise.
 * @param {AdBreakState | null} adBreak
 * @returns {number | null}
 */
export function adBreakLengthMs(adBreak) {
  const seconds = /** @type {unknown} */ (adBreak?.data.duration_seconds);
  if (typeof seconds !== 'number' || !(seconds > 0) || seconds > LONGEST_BREAK_SECONDS) return null;
  return seconds * 1000;
}

/**
 * @param {AdBreakState} a
 * @param {AdBreakState} b
 */
function sameBreak(a, b) {
  return (
    a.data.started_at === b.data.started_at &&
    a.data.duration_seconds === b.data.duration_seconds &&
    a.data.is_automatic === b.data.is_automatic
  );
}
