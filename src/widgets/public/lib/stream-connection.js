// @ts-check
import { STREAM_PATH } from './contract.js';
import { readEventStream } from './event-stream-reader.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('./event-stream-reader.js').EventStreamFrame} EventStreamFrame */
/** @typedef {'connecting' | 'open' | 'reconnecting'} ConnectionState */

/**
 * @template S
 * @typedef {object} SavedPlace
 * @property {number} cursor  every message up to this id was handled
 * @property {S} state  what the widget showed at that point
 */

/**
 * Renew a connection that has carried nothing, not even a `: ping` heartbeat (every 15 s by
 * default), for this long: it died without a word (sleep, NAT, a proxy). Renewing resumes after
 * the last id, so a false alarm costs one request.
 */
const SILENCE_RENEW_MS = 90_000;

/** Waits before reconnecting after the first retry, growing per failed attempt. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * One page's connection to the SSE stream. It reconnects by itself, always resuming after the
 * last id it received, hands each event over once, and — with a storage key — keeps the widget's
 * place in localStorage so a reloaded page resumes with `?lastEventId=` and neither misses nor
 * repeats an alert.
 *
 * It reads the stream with fetch rather than EventSource: EventSource hides the id-only frame the
 * server sends on connect, and gives up for good on an error answer (a proxy's 502), and a widget
 * must know where it is and come back by itself in both cases.
 *
 * @template S
 */
export class StreamConnection {
  /** The id of the last frame received: where a reconnect resumes. */
  #lastId = 0;
  /** The highest event id handed over: an event at or below it is a repeat and is dropped. */
  #eventWatermark = 0;
  #attempts = 0;
  /** The server's `retry:` hint, for the first reconnect. */
  #retryMs = 3_000;
  /** @type {AbortController | null} */
  #request = null;
  #stopped = false;
  /** @type {number | undefined} */
  #silenceTimer;
  /** @type {number | undefined} */
  #retryTimer;
  /** @type {SavedPlace<S> | null} */
  #saved;

  /**
   * @param {object} options
   * @param {string | null} options.storageKey  where the place is kept between loads; null keeps nothing
   * @param {number} [options.startAfter]  without a saved place, resume after this id (a widget
   *   that loaded the history up to it first)
   * @param {Record<string, string>} options.query  stream filters (`types`, `events`)
   * @param {(message: StreamMessage, id: number) => void} options.onMessage  each message, once
   * @param {() => SavedPlace<S>} [options.place]  what to keep for the next load; asked after
   *   every frame with an id (also the id-only frame on connect) and on `save()`
   * @param {(state: ConnectionState) => void} [options.onStateChange]
   */
  constructor(options) {
    this.options = options;
    this.#saved = options.storageKey ? readPlace(options.storageKey) : null;
    this.#lastId = this.#saved?.cursor ?? options.startAfter ?? 0;
    this.#eventWatermark = this.#lastId;
  }

  /** The widget state saved with the cursor by an earlier load of this page, if any. */
  get savedState() {
    return this.#saved?.state ?? null;
  }

  /** The id of the last frame received. */
  get lastId() {
    return this.#lastId;
  }

  /** Connects, resuming after the saved cursor when there is one. */
  start() {
    window.addEventListener('online', this.#onOnline);
    this.#connect();
  }

  /** Closes the connection for good. */
  stop() {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    window.clearTimeout(this.#retryTimer);
    window.clearTimeout(this.#silenceTimer);
    this.#request?.abort();
  }

  /**
   * Keeps the widget's place (`options.place`) for the next load: the id up to which everything
   * is handled — the one before the oldest unplayed event, for an alert box — and what it shows.
   */
  save() {
    if (!this.options.storageKey || !this.options.place) return;
    try {
      localStorage.setItem(this.options.storageKey, JSON.stringify(this.options.place()));
    } catch {
      // Storage can be full or disabled; the widget still works, it only forgets on reload.
    }
  }

  async #connect() {
    window.clearTimeout(this.#retryTimer);
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#setState(this.#attempts === 0 ? 'connecting' : 'reconnecting');
    const params = new URLSearchParams(this.options.query);
    if (this.#lastId > 0) params.set('lastEventId', String(this.#lastId));
    try {
      const response = await fetch(`${STREAM_PATH}?${params}`, {
        headers: { accept: 'text/event-stream' },
        cache: 'no-store',
        signal: request.signal,
      });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !response.body || !type.startsWith('text/event-stream')) {
        throw new Error(`the stream answered ${response.status}`);
      }
      this.#attempts = 0;
      this.#setState('open');
      this.#watchSilence();
      await readEventStream(
        response.body,
        (frame) => this.#receive(frame),
        () => this.#watchSilence(),
      );
    } catch {
      // Refused, dropped or aborted: all end in a reconnect below, unless this one was replaced.
    }
    if (this.#stopped || this.#request !== request) return;
    this.#retryLater();
  }

  /** @param {EventStreamFrame} frame */
  #receive(frame) {
    if (frame.retry !== null) this.#retryMs = frame.retry;
    if (frame.id === null) return;
    const id = Number(frame.id);
    if (!Number.isSafeInteger(id)) return;
    this.#lastId = id;
    const message = frame.data === null ? null : parseMessage(frame.data);
    if (message?.type === 'event') {
      if (id <= this.#eventWatermark) return;
      this.#eventWatermark = id;
    } else if (message?.type === 'status' && 'replay' in message.data) {
      // The server could not replay what we missed (too old, or a restarted service whose ids
      // may even be lower than ours): count from its current position.
      this.#eventWatermark = message.data.latestId;
    }
    if (message) this.options.onMessage(message, id);
    this.save();
  }

  #retryLater() {
    window.clearTimeout(this.#silenceTimer);
    this.#setState('reconnecting');
    const base =
      this.#attempts === 0
        ? this.#retryMs
        : (RETRY_DELAYS_MS[Math.min(this.#attempts - 1, RETRY_DELAYS_MS.length - 1)] ?? 30_000);
    this.#attempts++;
    // Jitter, so many widgets do not come back in the same millisecond after a restart.
    this.#retryTimer = window.setTimeout(
      () => void this.#connect(),
      base * (0.8 + Math.random() * 0.4),
    );
  }

  #watchSilence() {
    window.clearTimeout(this.#silenceTimer);
    this.#silenceTimer = window.setTimeout(() => void this.#connect(), SILENCE_RENEW_MS);
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
 * A localStorage key for this widget page: its path and query, so two differently set up widgets
 * (or two with different `?instance=`) keep separate places in the stream.
 * @param {string} widget
 */
export function placeKey(widget) {
  return `twitch-realtime:${widget}:${location.pathname}${location.search}`;
}

/**
 * @param {string} data
 * @returns {StreamMessage | null}
 */
function parseMessage(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/**
 * @template S
 * @param {string} key
 * @returns {SavedPlace<S> | null}
 */
function readPlace(key) {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null');
    return saved && Number.isSafeInteger(saved.cursor) ? saved : null;
  } catch {
    return null;
  }
}
