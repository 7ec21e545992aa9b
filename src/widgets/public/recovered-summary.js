// @ts-check
// The alert box's `recovered=summary`: events the service recovered through Helix after EventSub
// was away arrive in a burst, and become one alert ("While we were away: 3 follows, 1 sub,
// 500 bits") instead of a flood.

import { EVENT_NOUNS } from './lib/contract.js';

/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../contract/sse-contract.js').EventSubGap} EventSubGap */
/** @typedef {import('./alert-queue.js').QueuedAlert} QueuedAlert */
/** @typedef {import('./alert-queue.js').AlertQueue} AlertQueue */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * The recovered events one summary alert stands for: those of one gap that arrived together.
 * @typedef {object} RecoveredSummary
 * @property {string} gapKey  the gap they fell in (`start/end`), or "" when they carry none
 * @property {number[]} ids
 * @property {EventMessage[]} events
 */

/** A burst is over once no recovered event of its gap came for this long. */
const QUIET_MS = 1_500;
/** A summary waits at most this long for its burst, so a slow recovery cannot hold alerts back. */
const MAX_WAIT_MS = 10_000;

const numberFormat = new Intl.NumberFormat();

/**
 * Gathers recovered events into summary alerts. The summary takes its place in the queue with the
 * first event of its burst, but only plays once the burst is over: when the service reports the
 * gap's recovery finished, when nothing came for a moment, or when an ordinary alert is queued
 * behind it. So the queue stays in id order, and a reloaded box neither loses nor repeats any of
 * them (its place in the stream is kept up to the oldest alert that has not played).
 */
export class RecoveredSummaries {
  /** @type {(QueuedAlert & { summary: RecoveredSummary }) | null} */
  #open = null;
  /** @type {number | undefined} */
  #quietTimer;
  /** @type {number | undefined} */
  #deadlineTimer;

  /** @param {AlertQueue} queue */
  constructor(queue) {
    this.queue = queue;
  }

  /**
   * Adds a recovered event to the summary of its gap, starting one (queued, not yet playable)
   * when there is none.
   * @param {number} id
   * @param {EventMessage} message
   */
  add(id, message) {
    const key = gapKey(message.gap);
    if (this.#open && this.#open.summary.gapKey !== key) this.close();
    if (!this.#open) {
      this.#open = { id, message, ready: false, summary: { gapKey: key, ids: [], events: [] } };
      this.queue.push(this.#open);
      this.#deadlineTimer = window.setTimeout(() => this.close(), MAX_WAIT_MS);
    }
    this.#open.summary.ids.push(id);
    this.#open.summary.events.push(message);
    window.clearTimeout(this.#quietTimer);
    this.#quietTimer = window.setTimeout(() => this.close(), QUIET_MS);
  }

  /** Ends the summary being gathered: it plays when its turn comes. */
  close() {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    window.clearTimeout(this.#quietTimer);
    window.clearTimeout(this.#deadlineTimer);
    this.queue.release(open);
  }

  /**
   * The service finished recovering a gap: its summary has everything.
   * @param {EventSubGap} gap
   */
  gapDone(gap) {
    if (this.#open?.summary.gapKey === gapKey(gap)) this.close();
  }
}

/** @param {EventSubGap | undefined} gap */
function gapKey(gap) {
  return gap ? `${gap.start}/${gap.end}` : '';
}

/**
 * What a summary says: "3 follows, 1 sub, 2 gifted subs, 500 bits, 1 raid" (only what is there;
 * online/offline are not counted).
 * @param {readonly EventMessage[]} events
 */
export function summarize(events) {
  let follows = 0;
  let subs = 0;
  let giftedSubs = 0;
  let giftBombs = 0;
  let bits = 0;
  let raids = 0;
  for (const { event, data } of events) {
    if (event === 'channel.follow') follows++;
    else if (event === 'channel.subscribe' && data.is_gift === true) giftedSubs++;
    else if (event === 'channel.subscribe') subs++;
    else if (event === 'channel.subscription.gift') giftBombs += positive(data.total) || 1;
    else if (event === 'channel.cheer') bits += positive(data.bits);
    else if (event === 'channel.raid') raids++;
  }
  // A gift bomb and the subs it gave may both have been recovered: count the gifts once.
  const gifted = Math.max(giftedSubs, giftBombs);
  return [
    count(follows, 'follow', 'follows'),
    count(subs, 'sub', 'subs'),
    count(gifted, 'gifted sub', 'gifted subs'),
    count(bits, 'bit', 'bits'),
    count(raids, 'raid', 'raids'),
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * What a gap recovery's counts say, for the dashboard: "3 follows, 1 sub" (a type without a
 * name here keeps its EventSub name).
 * @param {Partial<Record<TwitchEventType, number>>} counts
 */
export function describeRecoveredCounts(counts) {
  return Object.entries(counts)
    .map(([type, amount]) => {
      const [one, many] = EVENT_NOUNS[/** @type {TwitchEventType} */ (type)] ?? [type, type];
      return count(amount ?? 0, one, many);
    })
    .filter(Boolean)
    .join(', ');
}

/**
 * @param {number} amount
 * @param {string} one
 * @param {string} many
 */
function count(amount, one, many) {
  return amount > 0 ? `${numberFormat.format(amount)} ${amount === 1 ? one : many}` : '';
}

/** @param {unknown} value */
function positive(value) {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
