// @ts-check
import { STREAM_PATH } from './contract.js';
import { SseFetchStream } from './sse-fetch.js';

/** @typedef {import('./sse-fetch.js').ConnectionState} ConnectionState */
/** @typedef {import('./event-stream-reader.js').EventStreamFrame} EventStreamFrame */

/**
 * A frame of the shared stream as relayed to the pages: its id and its `data:` text.
 * @typedef {{ id: number, data: string | null }} RelayedFrame
 */

/**
 * What the hub tells the pages. `epoch` names one connection of the hub to the server: it opened
 * at server id `start`, and its frames follow that id without a gap.
 * @typedef {{ kind: 'hello', state: ConnectionState }
 *   | { kind: 'state', state: ConnectionState }
 *   | { kind: 'alive' }
 *   | { kind: 'epoch', epoch: string, start: number }
 *   | { kind: 'frames', epoch: string, frames: RelayedFrame[] }
 *   | { kind: 'joined', member: string, epoch: string, state: ConnectionState, frames: RelayedFrame[] }
 *   | { kind: 'behind', member: string }} HubMessage
 */

/**
 * What a page tells the hub: it has everything up to `since` and wants what follows (`join`), or
 * it is going away (`leave`).
 * @typedef {{ kind: 'join', member: string, since: number }
 *   | { kind: 'leave', member: string }} MemberMessage
 */

/**
 * Frames of the current connection kept for pages that join it: a page joins a moment after its
 * catch-up request, and needs what the hub read in that moment. Past this, a page catches up again.
 */
const KEPT_FRAMES = 2_000;

/**
 * The one live connection to the stream that every page of this service in a browser shares
 * (HTTP/1.1 allows six connections per host: a seventh widget would never load). It runs in a
 * SharedWorker, or in the page elected to hold it, and relays every frame to the pages; each page
 * catches up on its own filter with a short request (`?catchUp=1`), then joins the hub after the
 * id that catch-up ended at, and takes only what it asked for.
 *
 * The hub never resumes: each connection starts fresh, as a new epoch. A page that had joined
 * the previous one catches up on its own filter from its own place (exact, and what a page with
 * a narrow filter lost may be less than what the hub lost), then joins the new one.
 */
export class StreamHub {
  /** @type {{ key: string, start: number } | null} */
  #epoch = null;
  #epochs = 0;
  /** Frames of the current epoch, in order; every frame after `#keptFrom` is here. */
  /** @type {RelayedFrame[]} */
  #kept = [];
  #keptFrom = 0;
  /** Frames read since the last relay (they go out together, once per chunk read). */
  /** @type {RelayedFrame[]} */
  #unsent = [];
  /** Pages that asked to join while there was no connection: answered when it opens. */
  /** @type {Map<string, number>} */
  #waiting = new Map();
  /** @type {ConnectionState} */
  #state = 'connecting';
  #stream;
  #id = Math.random().toString(36).slice(2, 10);

  /**
   * @param {object} links
   * @param {(message: HubMessage) => void} links.broadcast  to every page
   * @param {(member: string, message: HubMessage) => void} links.send  to one page
   */
  constructor(links) {
    this.links = links;
    this.#stream = new SseFetchStream({
      url: () => STREAM_PATH,
      onFrame: (frame) => this.#read(frame),
      onStateChange: (state) => {
        // Every attempt says `connecting` or `reconnecting` before it asks: the epoch before it
        // ends there, and the next begins with the new connection's first frame.
        if (state !== 'open') this.#endEpoch();
        this.#state = state;
        this.links.broadcast({ kind: 'state', state });
      },
    });
  }

  /** What a page that just arrived is told. @returns {HubMessage} */
  get hello() {
    return { kind: 'hello', state: this.#state };
  }

  /** Opens the shared connection. */
  start() {
    this.#stream.start();
  }

  /** Closes it for good. */
  stop() {
    this.#stream.stop();
  }

  /**
   * A message from a page.
   * @param {MemberMessage} message
   */
  receive(message) {
    if (message.kind === 'leave') this.#waiting.delete(message.member);
    if (message.kind !== 'join') return;
    if (this.#epoch) this.#answer(message.member, message.since);
    else this.#waiting.set(message.member, message.since);
  }

  /**
   * @param {string} member
   * @param {number} since
   */
  #answer(member, since) {
    const epoch = /** @type {{ key: string }} */ (this.#epoch);
    if (since < this.#keptFrom) {
      this.links.send(member, { kind: 'behind', member });
      return;
    }
    this.#flush();
    const frames = this.#kept.filter((frame) => frame.id > since);
    this.links.send(member, {
      kind: 'joined',
      member,
      epoch: epoch.key,
      state: this.#state,
      frames,
    });
  }

  /** @param {EventStreamFrame} frame */
  #read(frame) {
    if (frame.comment && frame.id === null) {
      this.links.broadcast({ kind: 'alive' });
      return;
    }
    if (frame.id === null) return;
    const id = Number(frame.id);
    if (!Number.isSafeInteger(id)) return;
    if (!this.#epoch) {
      // The first frame of a connection is the id-only frame of the server's position.
      this.#epoch = { key: `${this.#id}:${++this.#epochs}`, start: id };
      this.#kept = [];
      this.#keptFrom = id;
      this.links.broadcast({ kind: 'epoch', epoch: this.#epoch.key, start: id });
      for (const [member, since] of this.#waiting) this.#answer(member, since);
      this.#waiting.clear();
      return;
    }
    const relayed = { id, data: frame.data };
    this.#kept.push(relayed);
    if (this.#kept.length > KEPT_FRAMES) {
      this.#keptFrom = /** @type {RelayedFrame} */ (this.#kept.shift()).id;
    }
    if (this.#unsent.push(relayed) === 1) queueMicrotask(() => this.#flush());
  }

  #flush() {
    if (!this.#epoch || this.#unsent.length === 0) return;
    const frames = this.#unsent;
    this.#unsent = [];
    this.links.broadcast({ kind: 'frames', epoch: this.#epoch.key, frames });
  }

  #endEpoch() {
    this.#flush();
    this.#epoch = null;
    this.#unsent = [];
  }
}
