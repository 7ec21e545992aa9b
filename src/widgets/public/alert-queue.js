// @ts-check

/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */

/**
 * An alert waiting for its turn, with the id it came under.
 * @typedef {object} QueuedAlert
 * @property {number} id  for a summary, the id of its first event
 * @property {EventMessage} message  for a summary, its first event
 * @property {boolean} [ready]  false while it is still being put together (see `release`)
 * @property {Promise<import('./lib/shoutout-channel.js').ShoutoutChannel | null>} [channel]  on a
 *   shoutout: the lookup of the other channel (null when it failed)
 * @property {import('./recovered-summary.js').RecoveredSummary} [summary]  set on a summary of
 *   recovered events, which stands for all of them
 * @property {boolean} [prime]  on a sub or resub: the chat's notice of it said it was with Prime
 */

/**
 * An alert on screen, as the view gives it back.
 * @typedef {object} ShownAlert
 * @property {Promise<void>} finished  settles once the alert has left the screen
 * @property {() => void} skip  makes it leave now
 */

/**
 * The alert box's queue: alerts play one at a time in the order they came, so a gift bomb or a
 * raid burst never overlaps. Pause holds the alerts that have not started; skip ends the one on
 * screen.
 */
export class AlertQueue {
  /** @type {QueuedAlert[]} */
  #pending = [];
  /** @type {{ alert: QueuedAlert; shown: ShownAlert } | null} */
  #current = null;
  #paused = false;
  /** In the gap after an alert has left. */
  #resting = false;

  /**
   * @param {object} options
   * @param {(alert: QueuedAlert) => ShownAlert} options.present  puts an alert on screen
   * @param {number} options.gapMs  the pause between one alert leaving and the next entering
   * @param {() => void} [options.onChange]  after every change (an alert started, ended, queued)
   */
  constructor(options) {
    this.options = options;
  }

  /** Whether new alerts are held. */
  get paused() {
    return this.#paused;
  }

  /** How many alerts wait. */
  get waiting() {
    return this.#pending.length;
  }

  /** The id of the alert on screen, or null. */
  get showingId() {
    return this.#current?.alert.id ?? null;
  }

  /** The id of the oldest alert that has not started, or null. */
  get oldestWaitingId() {
    return this.#pending[0]?.id ?? null;
  }

  /** @param {QueuedAlert} alert */
  push(alert) {
    this.#pending.push(alert);
    this.#changed();
    this.#next();
  }

  /** Holds alerts that have not started; the one on screen finishes. */
  pause() {
    if (this.#paused) return;
    this.#paused = true;
    this.#changed();
  }

  /** Plays the held alerts. */
  resume() {
    if (!this.#paused) return;
    this.#paused = false;
    this.#changed();
    this.#next();
  }

  /**
   * Lets an alert that was queued unfinished (`ready: false`) play when its turn comes; until
   * then the alerts behind it wait too, so they keep their order.
   * @param {QueuedAlert} alert
   */
  release(alert) {
    alert.ready = true;
    this.#changed();
    this.#next();
  }

  /** Ends the alert on screen, if any. */
  skip() {
    this.#current?.shown.skip();
  }

  #next() {
    if (this.#current || this.#paused || this.#resting) return;
    if (this.#pending[0]?.ready === false) return;
    const alert = this.#pending.shift();
    if (!alert) return;
    const shown = this.options.present(alert);
    this.#current = { alert, shown };
    this.#changed();
    void shown.finished.then(() => {
      this.#current = null;
      this.#resting = true;
      this.#changed();
      window.setTimeout(() => {
        this.#resting = false;
        this.#next();
      }, this.options.gapMs);
    });
  }

  #changed() {
    this.options.onChange?.();
  }
}
