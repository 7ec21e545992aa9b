// @ts-check
// The subathon timer's time, as the widget and the dashboard show it.

/** @typedef {import('../../../contract/sse-contract.js').SubathonData} SubathonData */

/**
 * Milliseconds left at `now`: while running, the end time minus now (never below zero);
 * otherwise the time left as the service last said.
 * @param {SubathonData} timer
 * @param {number} now  ms since the epoch
 */
export function subathonRemainingMs(timer, now) {
  if (timer.state !== 'running' || timer.endsAt === null) return timer.remainingMs;
  return Math.max(0, Date.parse(timer.endsAt) - now);
}

/**
 * A duration as a countdown shows it: "1:02:03" (hours run past 24: "26:00:00"), rounded up to
 * the second so it reads 0:00:00 only at the end; `short` drops zero hours ("5:00").
 * @param {number} ms
 * @param {boolean} [short]
 */
export function formatDuration(ms, short = false) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  if (short && hours === 0) return `${minutes}:${pad(seconds)}`;
  return `${hours}:${pad(minutes)}:${pad(seconds)}`;
}
