// @ts-check
// The subathon timer widget's state: the service's latest timer, and the last change of time that
// is news to this widget (the "+1:00" it pops up).
import { subathonRemainingMs } from '../lib/subathon-time.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').SubathonData} SubathonData */
/** @typedef {import('../../../contract/sse-contract.js').SubathonChange} SubathonChange */

/**
 * @typedef {object} SubathonWidgetState
 * @property {SubathonData | null} timer  the latest from the service; null until it has sent one
 * @property {string} seenChange  the last change the widget saw (`at|ms`), so a state sent again
 *   does not count it again
 * @property {SubathonChange | null} added  the latest change that happened while the widget was
 *   open: a new object for each, to show once
 */

/** Before the service has sent the timer. @type {SubathonWidgetState} */
export const NO_SUBATHON = Object.freeze({ timer: null, seenChange: '', added: null });

/**
 * The state after a message: a `subathon` message replaces the timer; its change of time is news
 * only when the widget already had a timer (not one from before it opened), and when it is not
 * the one already seen.
 * @param {SubathonWidgetState} state
 * @param {StreamMessage} message
 * @returns {SubathonWidgetState}
 */
export function reduceSubathon(state, message) {
  if (message.type !== 'subathon') return state;
  const timer = message.data;
  const change = timer.lastChange ?? null;
  const seenChange = change ? `${change.at}|${change.ms}` : '';
  const news = state.timer !== null && change !== null && change.ms !== 0;
  return {
    timer,
    seenChange,
    added: news && seenChange !== state.seenChange ? change : state.added,
  };
}

/**
 * What the timer reads at `now`: its state (`ended` also once a running timer reaches zero) and
 * the time left.
 * @param {SubathonData} timer
 * @param {number} now  ms since the epoch
 * @returns {{ phase: SubathonData['state']; remainingMs: number }}
 */
export function subathonReading(timer, now) {
  const remainingMs = subathonRemainingMs(timer, now);
  const ended = timer.state === 'ended' || (timer.state === 'running' && remainingMs === 0);
  return { phase: ended ? 'ended' : timer.state, remainingMs };
}
