// @ts-check
import { STREAM_PATH } from './contract.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {'connecting' | 'open' | 'reconnecting'} ConnectionState */

/**
 * @template S
 * @typedef {object} SavedPlace
 * @property {number} cursor  every message up to this id was handled
 * @property {S} state  what the widget showed at that point
 */

/**
 * Renew a connection that has carried nothing for this long: the server's `: ping` heartbeats
 * are invisible to page code, so a connection that died silently (sleep, NAT) is noticed this way.
 * Renewing resumes after the last id, so it costs nothing but a request.
 */
const SILENCE_RENEW_MS = 5 * 60_000;

/** Waits before reconnecting once the browser has given up on the stream, growing per attempt. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * One page's connection to the SSE stream. It reconnects by itself (also when the browser gives
 * up, e.g. after an error page from a proxy), hands each event over once, and — with a storage
 * key — keeps the widget's place in localStorage so a reloaded page resumes with `?lastEventId=`
 * and neither misses nor repeats an alert.
 *
 * @template S
 */
export class StreamConnection {
  /** @type {EventSource | null} */
  #source = null;
  /** The id of the last message received (what the browser would send as Last-Event-ID). */
  #lastId = 0;
  /** The highest event id handed over: an event at or below it is a repeat and is dropped. */
  #eventWatermark = 0;
  #attempts = 0;
  /** @type {number | undefined} */
  #retryTimer;
  /** @type {number | undefined} */
  #silenceTimer;
  /** @type {SavedPlace<S> | null} */
  #saved;

  /**
   * @param {object} options
   * @param {string | null} options.storageKey  where the place is kept between loads; null keeps nothing
   * @param {Record<string, string>} options.query  stream filters (`types`, `events`)
   * @param {(message: StreamMessage, id: number) => void} options.onMessage  each message, once
   * @param {(state: ConnectionState) => void} [options.onStateChange]
   */
  constructor(options) {
    this.options = options;
    this.#saved = options.storageKey ? readPlace(options.storageKey) : null;
    this.#lastId = this.#saved?.cursor ?? 0;
    this.#eventWatermark = this.#lastId;
  }

  /** The widget state saved with the cursor by an earlier load of this page, if any. */
  get savedState() {
    return this.#saved?.state ?? null;
  }

  /** The id of the last message received. */
  get lastId() {
    return this.#lastId;
  }

  /** Connects, resuming after the saved cursor when there is one. */
  start() {
    window.addEventListener('online', this.#onOnline);
    this.#open(this.#lastId);
  }

  /** Closes the connection for good. */
  stop() {
    window.removeEventListener('online', this.#onOnline);
    window.clearTimeout(this.#retryTimer);
    window.clearTimeout(this.#silenceTimer);
    this.#source?.close();
    this.#source = null;
  }

  /**
   * Remembers that every message up to `cursor` is handled and what the widget shows, so the next
   * load resumes there. A widget that still holds unplayed events passes the id before the oldest.
   * @param {number} cursor
   * @param {S} state
   */
  save(cursor, state) {
    if (!this.options.storageKey) return;
    try {
      localStorage.setItem(this.options.storageKey, JSON.stringify({ cursor, state }));
    } catch {
      // Storage can be full or disabled; the widget still works, it only forgets on reload.
    }
  }

  /** @param {number} cursor */
  #open(cursor) {
    this.#source?.close();
    const params = new URLSearchParams(this.options.query);
    if (cursor > 0) params.set('lastEventId', String(cursor));
    const source = new EventSource(`${STREAM_PATH}?${params}`);
    this.#source = source;
    this.#setState(this.#attempts === 0 ? 'connecting' : 'reconnecting');
    source.onopen = () => {
      this.#attempts = 0;
      this.#setState('open');
      this.#watchSilence();
    };
    source.onmessage = (message) => this.#receive(message);
    source.onerror = () => {
      // CONNECTING: the browser retries by itself, sending Last-Event-ID. CLOSED: it gave up.
      if (source.readyState === EventSource.CLOSED) this.#retryLater();
      else this.#setState('reconnecting');
    };
  }

  /** @param {MessageEvent<string>} raw */
  #receive(raw) {
    this.#watchSilence();
    const id = Number(raw.lastEventId);
    /** @type {StreamMessage} */
    let message;
    try {
      message = JSON.parse(raw.data);
    } catch {
      return;
    }
    if (Number.isSafeInteger(id)) this.#lastId = id;
    if (message.type === 'event') {
      if (id <= this.#eventWatermark) return;
      this.#eventWatermark = id;
    } else if (message.type === 'status' && 'replay' in message.data) {
      // The server could not replay what we missed (too old, or a restarted service whose ids
      // may even be lower than ours): count from its current position.
      this.#eventWatermark = message.data.latestId;
    }
    this.options.onMessage(message, id);
  }

  #retryLater() {
    this.#source?.close();
    this.#source = null;
    this.#setState('reconnecting');
    const base = RETRY_DELAYS_MS[Math.min(this.#attempts, RETRY_DELAYS_MS.length - 1)] ?? 30_000;
    this.#attempts++;
    window.clearTimeout(this.#retryTimer);
    // Jitter, so many widgets do not come back in the same millisecond after a restart.
    this.#retryTimer = window.setTimeout(
      () => this.#open(this.#lastId),
      base * (0.8 + Math.random() * 0.4),
    );
  }

  #watchSilence() {
    window.clearTimeout(this.#silenceTimer);
    this.#silenceTimer = window.setTimeout(() => this.#open(this.#lastId), SILENCE_RENEW_MS);
  }

  #onOnline = () => {
    if (this.#source?.readyState !== EventSource.OPEN) {
      window.clearTimeout(this.#retryTimer);
      this.#open(this.#lastId);
    }
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
