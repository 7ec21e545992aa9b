// @ts-check
import { readEventStream } from './event-stream-reader.js';

/** @typedef {import('./event-stream-reader.js').EventStreamFrame} EventStreamFrame */
/** @typedef {'connecting' | 'open' | 'reconnecting'} ConnectionState */

/**
 * Renew a connection that has carried nothing, not even a `: ping` heartbeat (every 15 s by
 * default), for this long: it died without a word (sleep, NAT, a proxy). Renewing resumes after
 * the last id, so a false alarm costs one request.
 */
const SILENCE_RENEW_MS = 90_000;

/** Waits before reconnecting after the first retry, growing per failed attempt. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * One long-lived request for the SSE stream that comes back by itself: after a drop, an error
 * answer (a proxy's 502) or a silence, with back-off and jitter. It runs in a page or in a worker
 * (it only needs `fetch` and timers). Where it resumes is the owner's business: `url()` is asked
 * before every attempt.
 *
 * It reads the stream with fetch rather than EventSource: EventSource hides the id-only frame the
 * server sends on connect, and gives up for good on an error answer, and a widget must know where
 * it is and come back by itself in both cases.
 */
export class SseFetchStream {
  #attempts = 0;
  /** The server's `retry:` hint, for the first reconnect. */
  #retryMs = 3_000;
  /** @type {AbortController | null} */
  #request = null;
  #stopped = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #silenceTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #retryTimer;

  /**
   * @param {object} options
   * @param {() => string} options.url  the URL of the next attempt
   * @param {(frame: EventStreamFrame) => void} options.onFrame  each frame, as read
   * @param {(state: ConnectionState) => void} [options.onStateChange]
   */
  constructor(options) {
    this.options = options;
  }

  /** Connects. */
  start() {
    globalThis.addEventListener?.('online', this.#onOnline);
    void this.#connect();
  }

  /** Closes the connection for good. */
  stop() {
    this.#stopped = true;
    globalThis.removeEventListener?.('online', this.#onOnline);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#silenceTimer);
    this.#request?.abort();
  }

  async #connect() {
    clearTimeout(this.#retryTimer);
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#setState(this.#attempts === 0 ? 'connecting' : 'reconnecting');
    try {
      const body = await fetchEventStream(this.options.url(), request.signal);
      this.#attempts = 0;
      this.#setState('open');
      this.#watchSilence();
      await readEventStream(
        body,
        (frame) => {
          if (frame.retry !== null) this.#retryMs = frame.retry;
          this.options.onFrame(frame);
        },
        () => this.#watchSilence(),
      );
    } catch {
      // Refused, dropped or aborted: all end in a reconnect below, unless this one was replaced.
    }
    if (this.#stopped || this.#request !== request) return;
    this.#retryLater();
  }

  #retryLater() {
    clearTimeout(this.#silenceTimer);
    this.#setState('reconnecting');
    const base =
      this.#attempts === 0
        ? this.#retryMs
        : (RETRY_DELAYS_MS[Math.min(this.#attempts - 1, RETRY_DELAYS_MS.length - 1)] ?? 30_000);
    this.#attempts++;
    this.#retryTimer = setTimeout(() => void this.#connect(), jittered(base));
  }

  #watchSilence() {
    clearTimeout(this.#silenceTimer);
    this.#silenceTimer = setTimeout(() => void this.#connect(), SILENCE_RENEW_MS);
  }

  #onOnline = () => {
    // Back on the network: do not wait out a long back-off.
    if (this.#attempts > 0) void this.#connect();
  };

  /** @param {ConnectionState} state */
  #setState(state) {
    this.options.onStateChange?.(state);
  }
}

/**
 * Asks for the stream (or a catch-up) and hands back its body; throws for an answer that is no
 * stream (a proxy's 502, a 400 for a bad filter), so the caller retries.
 * @param {string} url
 * @param {AbortSignal} signal
 * @returns {Promise<ReadableStream<Uint8Array>>}
 */
export async function fetchEventStream(url, signal) {
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream' },
    cache: 'no-store',
    signal,
  });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !response.body || !type.startsWith('text/event-stream')) {
    throw new Error(`the stream answered ${response.status}`);
  }
  return response.body;
}

/**
 * How long to wait before the `attempt`-th retry (0 for the first) of a short request.
 * @param {number} attempt
 */
export function retryDelay(attempt) {
  return jittered(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 30_000);
}

/**
 * `ms` give or take a fifth: many widgets do not come back in the same millisecond after a
 * restart.
 * @param {number} ms
 */
function jittered(ms) {
  return ms * (0.8 + Math.random() * 0.4);
}
