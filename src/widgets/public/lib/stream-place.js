// @ts-check

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */

/**
 * Where one page is in the stream, and what it has handed over: every message up to `position`
 * is handled, and no event at or below `eventWatermark` is handed over again. The same rules for
 * a page's own connection, its catch-up requests, and the frames the browser's shared stream
 * relays to it.
 */
export class StreamPlace {
  /**
   * @param {number} start  the id the page resumes after (0: from now)
   */
  constructor(start) {
    /** The id of the last frame taken: where a resume starts. */
    this.position = start;
    /** The highest event id handed over: an event at or below it is a repeat. */
    this.eventWatermark = start;
  }

  /**
   * Takes a frame the server sent this page (its own connection, or a catch-up): its id is the
   * page's place from now on, even when lower (a restarted service that counts from 0 again).
   * Returns the message to hand over, or null (a repeat, an id-only frame, bad JSON).
   * @param {number} id
   * @param {string | null} data
   * @returns {StreamMessage | null}
   */
  take(id, data) {
    this.position = id;
    const message = data === null ? null : parseMessage(data);
    if (message?.type === 'event') {
      if (id <= this.eventWatermark) return null;
      this.eventWatermark = id;
    } else if (message?.type === 'status' && 'replay' in message.data) {
      // The server could not replay what we missed (too old, or a restarted service whose ids
      // may even be lower than ours): count from its current position.
      this.eventWatermark = message.data.latestId;
    }
    return message;
  }

  /**
   * Takes a frame relayed from the browser's shared stream, which may have reached this page
   * already through a catch-up: anything at or below the page's place is skipped.
   * @param {number} id
   * @param {string | null} data
   * @returns {StreamMessage | null}
   */
  takeRelayed(id, data) {
    if (id <= this.position) return null;
    return this.take(id, data);
  }
}

/**
 * Which messages a page asked for with `types` and `events`: the server's rules for `?types=` and
 * `?events=`, for messages relayed from the shared (unfiltered) stream.
 */
export class MessageFilter {
  /** @param {Record<string, string>} query */
  constructor(query) {
    this.types = nameSet(query.types);
    this.events = nameSet(query.events);
  }

  /** @param {StreamMessage} message */
  passes(message) {
    if (this.types && !this.types.has(message.type)) return false;
    if (this.events && message.type === 'event' && !this.events.has(message.event)) return false;
    return true;
  }
}

/**
 * @param {string | undefined} list  comma-separated names; empty or absent means "all"
 * @returns {Set<string> | null}
 */
function nameSet(list) {
  if (list === undefined || list.trim() === '') return null;
  return new Set(list.split(',').map((name) => name.trim()));
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
