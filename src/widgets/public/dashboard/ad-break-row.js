// @ts-check
// The channel card's ad break row: the break running now (time left), or the last one (its length,
// when, and who started it). Fed by the `stats` the service keeps the latest break in.
import { formatDuration } from '../lib/subathon-time.js';
import { adBreakLengthMs, adBreakReading, reduceAdBreak } from '../state/ad-break-state.js';

/** @typedef {import('../../../contract/sse-contract.js').AdBreakState} AdBreakState */
/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */

/**
 * What the row says of a break at `now`: `running` with the time left, `over` for the last one,
 * or `none` before any break.
 * @param {AdBreakState | null} adBreak
 * @param {number} now  ms since the epoch
 * @param {(ms: number) => string} timeOfDay  how a moment is written ("20:31")
 * @returns {{ state: 'none' | 'running' | 'over'; text: string }}
 */
export function adBreakSummary(adBreak, now, timeOfDay) {
  if (!adBreak) return { state: 'none', text: '' };
  const reading = adBreakReading(adBreak, now);
  const lengthMs = adBreakLengthMs(adBreak);
  const startMs = Date.parse(String(adBreak.data.started_at));
  const when = Number.isNaN(startMs) ? 'at an unknown time' : `at ${timeOfDay(startMs)}`;
  const length = lengthMs === null ? 'no length given' : formatDuration(lengthMs, true);
  const requester = adBreak.data.requester_user_name;
  const who =
    adBreak.data.is_automatic === true
      ? 'scheduled by Twitch'
      : typeof requester === 'string' && requester !== ''
        ? `started by ${requester}`
        : 'started on the channel';
  if (reading.phase === 'running') {
    return {
      state: 'running',
      text: `Ads running: ${formatDuration(reading.leftMs, true)} left of ${length}, since ${timeOfDay(startMs)} · ${who}`,
    };
  }
  return { state: 'over', text: `Last ad break: ${length} ${when} · ${who}` };
}

/** The row itself: draws the summary, again every second while a break runs. */
export class AdBreakRow {
  /** @type {AdBreakState | null} */
  #adBreak = null;
  #element;
  #timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

  /** @param {HTMLElement} element */
  constructor(element) {
    this.#element = element;
    window.setInterval(() => this.render(), 1000);
  }

  /**
   * Takes the latest break from a stream message.
   * @param {StreamMessage} message
   */
  take(message) {
    const next = reduceAdBreak(this.#adBreak, message);
    if (next === this.#adBreak) return;
    this.#adBreak = next;
    this.render();
  }

  /** Redraws the row (the time left moves with the clock). */
  render() {
    const { state, text } = adBreakSummary(this.#adBreak, Date.now(), (ms) =>
      this.#timeFormat.format(ms),
    );
    this.#element.hidden = state === 'none';
    this.#element.dataset.state = state;
    this.#element.textContent = text;
  }
}
