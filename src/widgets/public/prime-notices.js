// @ts-check
import { PRIME_NOTICES } from './lib/alert-events.js';

/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */

/** How long a notice waits for its sub's event, and a sub's alert for its notice (ms). */
const NOTICE_KEPT_MS = 60_000;

/**
 * Matches the chat's notice of a sub or resub (`channel.chat.notification`, notice `sub` or
 * `resub`) to the sub's own event (`channel.subscribe`, `channel.subscription.message`), which is
 * the one that plays the alert: the same kind, and the notice's chatter is the event's user. Twitch
 * sends the two apart, in either order; the notice tells what the event does not, `is_prime`. A
 * notice goes with one alert only, and is let go after a minute.
 */
export class PrimeNotices {
  /** @type {Map<string, { prime: boolean; at: number }>} */
  #notices = new Map();
  /** @type {Map<string, (prime: boolean) => void>} */
  #waiting = new Map();

  /** @param {() => number} [now]  ms since the epoch */
  constructor(now = () => Date.now()) {
    this.now = now;
  }

  /**
   * Takes any event the box got: a sub or resub notice of this channel is kept for its alert (or
   * handed to the alert already waiting for it).
   * @param {EventMessage} message
   */
  take(message) {
    if (message.event !== 'channel.chat.notification') return;
    const { data } = message;
    const notice = typeof data.notice_type === 'string' ? data.notice_type : '';
    const kind = /** @type {Record<string, unknown>} */ (data[notice] ?? {});
    const user = data.chatter_user_id;
    if (!(notice in PRIME_NOTICES) || typeof user !== 'string' || user === '') return;
    const key = `${notice}|${user}`;
    const prime = kind.is_prime === true;
    const waiter = this.#waiting.get(key);
    if (waiter) {
      this.#waiting.delete(key);
      waiter(prime);
      return;
    }
    this.#forgetOld();
    this.#notices.set(key, { prime, at: this.now() });
  }

  /**
   * Whether the sub of `message` was with Prime: true or false once its notice has come (the
   * notice is then used up), null while it has not, undefined for an event no notice goes with.
   * @param {EventMessage} message
   * @returns {boolean | null | undefined}
   */
  primeOf(message) {
    const key = keyOf(message);
    if (key === null) return undefined;
    const found = this.#notices.get(key);
    if (!found) return null;
    this.#notices.delete(key);
    return found.prime;
  }

  /**
   * Waits up to `ms` for the notice of `message`'s sub: resolves with whether it was with Prime,
   * or null when no notice came.
   * @param {EventMessage} message
   * @param {number} ms
   * @returns {Promise<boolean | null>}
   */
  waitFor(message, ms) {
    const key = keyOf(message);
    if (key === null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(key);
        resolve(null);
      }, ms);
      this.#waiting.set(key, (prime) => {
        clearTimeout(timer);
        resolve(prime);
      });
    });
  }

  #forgetOld() {
    const before = this.now() - NOTICE_KEPT_MS;
    for (const [key, { at }] of this.#notices) if (at < before) this.#notices.delete(key);
  }
}

/**
 * The notice `message`'s alert goes with (`sub|<user id>`), or null: a gifted sub's notice is the
 * gifter's (`sub_gift`), and a test alert, a replay or a recovered sub never had one.
 * @param {EventMessage} message
 */
function keyOf(message) {
  const { event, data } = message;
  if (message.test || message.replayOf !== undefined || message.recovered) return null;
  const notice = Object.keys(PRIME_NOTICES).find((kind) => PRIME_NOTICES[kind] === event);
  if (!notice || data.is_gift === true) return null;
  return typeof data.user_id === 'string' && data.user_id !== ''
    ? `${notice}|${data.user_id}`
    : null;
}
