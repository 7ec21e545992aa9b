// @ts-check
import { STREAM_PATH } from './contract.js';
import { readEventStream } from './event-stream-reader.js';
import { fetchEventStream, retryDelay } from './sse-fetch.js';
import { MessageFilter } from './stream-place.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('./sse-fetch.js').ConnectionState} ConnectionState */
/** @typedef {import('./stream-hub.js').HubMessage} HubMessage */
/** @typedef {import('./stream-hub.js').MemberMessage} MemberMessage */
/** @typedef {import('./stream-hub.js').RelayedFrame} RelayedFrame */
/** @typedef {import('./hub-link.js').HubLink} HubLink */
/** @typedef {import('./stream-place.js').StreamPlace} StreamPlace */

/**
 * The hub says something at least every heartbeat (15 s by default): after this long without a
 * word it is gone (a frozen page that held it), and the page connects by itself instead.
 */
const HUB_SILENCE_MS = 90_000;

/**
 * One page's share of the browser's shared stream (`StreamHub`). The page catches up on its own
 * filter from its own place with a short request (`?catchUp=1`: the missed events or the state,
 * then the server's position), joins the hub after that position, and from then on takes the
 * relayed frames that pass its filter. When the hub's connection starts anew (a dropped
 * connection, another page took over the hub) it catches up again from its own place: nothing is
 * missed or handed over twice, whatever the hub lost.
 */
export class SharedStream {
  #member = Math.random().toString(36).slice(2, 12);
  /** The hub's connection this page has joined, if any. */
  /** @type {string | null} */
  #joined = null;
  /** @type {ConnectionState} */
  #hubState = 'connecting';
  #everOpen = false;
  #catchingUp = false;
  #catchUpAttempts = 0;
  #stopped = false;
  /** @type {AbortController | null} */
  #catchUpRequest = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #retryTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #silenceTimer;
  #filter;

  /**
   * @param {object} options
   * @param {HubLink} options.hub
   * @param {StreamPlace} options.place
   * @param {Record<string, string>} options.query  stream filters (`types`, `events`)
   * @param {(message: StreamMessage, id: number) => void} options.onMessage  each message, once
   * @param {(handled: boolean) => void} options.onTaken  after each frame taken (`handled`: a
   *   message was handed over)
   * @param {(state: ConnectionState) => void} options.onStateChange
   * @param {() => void} options.onHubLost  the hub went silent: connect some other way
   */
  constructor(options) {
    this.options = options;
    this.#filter = new MessageFilter(options.query);
  }

  /** Catches up, then joins the hub. */
  start() {
    this.options.hub.listen((message) => this.#fromHub(message));
    this.#watchHub();
    this.#setState();
    void this.#catchUp();
  }

  /** Leaves the hub for good. */
  stop() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#silenceTimer);
    this.#catchUpRequest?.abort();
    this.#post({ kind: 'leave', member: this.#member });
    this.options.hub.close();
  }

  /** @param {HubMessage} message */
  #fromHub(message) {
    if (this.#stopped) return;
    if ('member' in message && message.member !== this.#member) return;
    this.#watchHub();
    switch (message.kind) {
      case 'hello':
        // A new hub (another page took it over) has not heard our join.
        this.#hubState = message.state;
        if (!this.#joined && !this.#catchingUp) this.#join();
        break;
      case 'state':
        this.#hubState = message.state;
        break;
      case 'epoch':
        if (!this.#joined || this.#joined === message.epoch) break;
        this.#joined = null;
        // Nothing was published between our place and the new connection's start: join it as
        // we are. Otherwise (or ids that went back: a restarted service) catch up first.
        if (this.options.place.position === message.start) this.#join();
        else void this.#catchUp();
        break;
      case 'frames':
        if (message.epoch === this.#joined) this.#takeRelayed(message.frames);
        break;
      case 'joined':
        this.#joined = message.epoch;
        this.#hubState = message.state;
        this.#takeRelayed(message.frames);
        break;
      case 'behind':
        // The hub no longer holds what follows our place: catch up again, then join.
        void this.#catchUp();
        break;
    }
    this.#setState();
  }

  #join() {
    this.#post({ kind: 'join', member: this.#member, since: this.options.place.position });
  }

  /** @param {MemberMessage} message */
  #post(message) {
    this.options.hub.post(message);
  }

  /** Reads what the page missed, on its own filter, up to the server's position now. */
  async #catchUp() {
    if (this.#catchingUp || this.#stopped) return;
    this.#catchingUp = true;
    this.#joined = null;
    this.#setState();
    const request = new AbortController();
    this.#catchUpRequest = request;
    const { place } = this.options;
    const params = new URLSearchParams(this.options.query);
    params.set('catchUp', '1');
    if (place.position > 0) params.set('lastEventId', String(place.position));
    let complete = false;
    try {
      const body = await fetchEventStream(`${STREAM_PATH}?${params}`, request.signal);
      let lastWasPosition = false;
      await readEventStream(
        body,
        (frame) => {
          if (frame.id === null) return;
          const id = Number(frame.id);
          if (!Number.isSafeInteger(id)) return;
          const message = place.take(id, frame.data);
          if (message) this.options.onMessage(message, id);
          this.options.onTaken(message !== null);
          lastWasPosition = frame.data === null;
        },
        () => {},
      );
      // The answer ends with an id-only frame at the server's position; an answer cut short
      // ends anywhere else (or in an error above).
      complete = lastWasPosition;
    } catch {
      // Refused, cut or aborted: tried again below.
    }
    this.#catchingUp = false;
    if (this.#stopped) return;
    if (complete) {
      this.#catchUpAttempts = 0;
      this.#join();
    } else {
      this.#retryTimer = setTimeout(
        () => void this.#catchUp(),
        retryDelay(this.#catchUpAttempts++),
      );
    }
    this.#setState();
  }

  /** @param {RelayedFrame[]} frames */
  #takeRelayed(frames) {
    const { place } = this.options;
    for (const frame of frames) {
      if (frame.id <= place.position) continue;
      const message = place.takeRelayed(frame.id, frame.data);
      const handled = message !== null && this.#filter.passes(message);
      if (message && handled) this.options.onMessage(message, frame.id);
      this.options.onTaken(handled);
    }
  }

  #watchHub() {
    clearTimeout(this.#silenceTimer);
    this.#silenceTimer = setTimeout(() => {
      if (this.#stopped) return;
      this.stop();
      this.options.onHubLost();
    }, HUB_SILENCE_MS);
  }

  #setState() {
    const open = this.#joined !== null && this.#hubState === 'open' && !this.#catchingUp;
    if (open) this.#everOpen = true;
    this.options.onStateChange(open ? 'open' : this.#everOpen ? 'reconnecting' : 'connecting');
  }
}
