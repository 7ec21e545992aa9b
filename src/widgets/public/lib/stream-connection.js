// @ts-check
import { STREAM_PATH } from './contract.js';
import { linkToHub } from './hub-link.js';
import { SharedStream } from './shared-stream.js';
import { SseFetchStream } from './sse-fetch.js';
import { StreamPlace } from './stream-place.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('./sse-fetch.js').ConnectionState} ConnectionState */

/**
 * @template S
 * @typedef {object} SavedPlace
 * @property {number} cursor  every message up to this id was handled
 * @property {S} state  what the widget showed at that point
 */

/**
 * How long the place may go unsaved after frames the page does not want: the shared stream relays
 * every message to every page, and writing localStorage for each one on every page would be waste.
 * A place saved a little late only means a reload asks for a little more than it needs.
 */
const LAZY_SAVE_MS = 5_000;

/** The window event each message handed to the page also goes out as (`detail: {id, message}`). */
export const MESSAGE_EVENT = 'twitch-realtime:message';

/**
 * One page's connection to the SSE stream. It hands each message the page asked for over once,
 * comes back by itself after any drop, and — with a storage key — keeps the widget's place in
 * localStorage so a reloaded page resumes from it and neither misses nor repeats an alert.
 *
 * Every page of this service in one browser shares one live connection (`StreamHub`, in a
 * SharedWorker or an elected page): HTTP/1.1 gives a browser six connections per host, and OBS
 * runs all its browser sources in one browser, so a seventh widget holding its own stream would
 * never load. The page only makes short requests itself (`SharedStream`). Where the browser can
 * share nothing, or with `?share=off` on the page, it holds a connection of its own.
 *
 * @template S
 */
export class StreamConnection {
  /** @type {StreamPlace} */
  #place;
  /** @type {SharedStream | null} */
  #shared = null;
  /** @type {SseFetchStream | null} */
  #direct = null;
  #stopped = false;
  /** @type {ConnectionState | null} */
  #state = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #saveTimer;
  /** @type {SavedPlace<S> | null} */
  #saved;
  /** @type {(message: StreamMessage, id: number) => void} */
  #hand;

  /**
   * @param {object} options
   * @param {string | null} options.storageKey  where the place is kept between loads; null keeps nothing
   * @param {number} [options.startAfter]  without a saved place, resume after this id (a widget
   *   that loaded the history up to it first)
   * @param {Record<string, string>} options.query  stream filters (`types`, `events`)
   * @param {(message: StreamMessage, id: number) => void} options.onMessage  each message, once
   * @param {() => SavedPlace<S>} [options.place]  what to keep for the next load; asked after
   *   the messages it handles and on `save()`
   * @param {(state: ConnectionState) => void} [options.onStateChange]
   */
  constructor(options) {
    this.options = options;
    this.#hand = (message, id) => {
      options.onMessage(message, id);
      // For custom scripts and CSS around a widget, and the tests: what this page was handed.
      window.dispatchEvent(new CustomEvent(MESSAGE_EVENT, { detail: { id, message } }));
    };
    this.#saved = options.storageKey ? readPlace(options.storageKey) : null;
    this.#place = new StreamPlace(this.#saved?.cursor ?? options.startAfter ?? 0);
  }

  /** The widget state saved with the cursor by an earlier load of this page, if any. */
  get savedState() {
    return this.#saved?.state ?? null;
  }

  /** The id up to which every message was taken: where a resume starts. */
  get lastId() {
    return this.#place.position;
  }

  /** Connects, resuming after the saved cursor when there is one. */
  start() {
    void this.#connect();
  }

  /** Closes the connection for good. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#saveTimer);
    this.#shared?.stop();
    this.#direct?.stop();
    window.removeEventListener('pagehide', this.#onPageHide);
  }

  /**
   * Keeps the widget's place (`options.place`) for the next load: the id up to which everything
   * is handled — the one before the oldest unplayed event, for an alert box — and what it shows.
   */
  save() {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    if (!this.options.storageKey || !this.options.place) return;
    try {
      localStorage.setItem(this.options.storageKey, JSON.stringify(this.options.place()));
    } catch {
      // Storage can be full or disabled; the widget still works, it only forgets on reload.
    }
  }

  async #connect() {
    const hub =
      new URLSearchParams(location.search).get('share') === 'off' ? null : await linkToHub();
    if (this.#stopped) return hub?.close();
    if (!hub) return this.#connectDirect();
    this.#shared = new SharedStream({
      hub,
      place: this.#place,
      query: this.options.query,
      onMessage: this.#hand,
      onTaken: (handled) => this.#taken(handled),
      onStateChange: (state) => this.#setState(state),
      onHubLost: () => {
        this.#shared = null;
        this.#connectDirect();
      },
    });
    window.addEventListener('pagehide', this.#onPageHide);
    this.#shared.start();
  }

  /** A connection of the page's own, resuming after its place on every reconnect. */
  #connectDirect() {
    if (this.#stopped) return;
    document.documentElement.dataset.sharedStream = 'own';
    this.#direct = new SseFetchStream({
      url: () => {
        const params = new URLSearchParams(this.options.query);
        if (this.#place.position > 0) params.set('lastEventId', String(this.#place.position));
        return `${STREAM_PATH}?${params}`;
      },
      onFrame: (frame) => {
        if (frame.id === null) return;
        const id = Number(frame.id);
        if (!Number.isSafeInteger(id)) return;
        const message = this.#place.take(id, frame.data);
        if (message) this.#hand(message, id);
        this.save();
      },
      onStateChange: (state) => this.#setState(state),
    });
    this.#direct.start();
  }

  /** @param {boolean} handled */
  #taken(handled) {
    if (handled) this.save();
    else this.#saveTimer ??= setTimeout(() => this.save(), LAZY_SAVE_MS);
  }

  /** @param {ConnectionState} state */
  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    this.options.onStateChange?.(state);
  }

  /** @param {PageTransitionEvent} event */
  #onPageHide = (event) => {
    // A page kept for the back button may come back: it keeps its share.
    if (event.persisted) return;
    if (this.#saveTimer !== undefined) this.save();
    this.stop();
  };
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
