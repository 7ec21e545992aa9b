// @ts-check
import { CHAT_HISTORY_TYPES } from '../lib/contract.js';
import { EVENT_KEYS, EVENT_LABELS, describeEvent } from '../lib/event-text.js';

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('../../../alerts/alerts-api.js').EventHistoryResponse} EventHistoryResponse */

/** Events per page of history. */
const PAGE_SIZE = 50;

/**
 * Live events push the oldest rows out beyond this many (the page may stay open for days); rows
 * loaded with "Older events" stay until the filter changes.
 */
const MAX_LIVE_ITEMS = 100;

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * The feed's parts in the page.
 * @typedef {object} EventFeedElements
 * @property {HTMLOListElement} list
 * @property {HTMLElement} empty  shown while there is nothing to list
 * @property {HTMLButtonElement} older  loads the next older page
 * @property {HTMLElement} end  shown once the log holds nothing older
 * @property {HTMLSelectElement} filter  "" for every type, or one EventSub type
 */

/**
 * The dashboard's event feed, newest first, with a replay button per event. It opens on the
 * newest page of the event log (`GET /api/events`), so it survives restarts; "Older events" pages
 * back through the log; live events from the stream go on top. Each id is shown once, whichever
 * way it came first. Chat is listed only when its type is chosen in the filter.
 */
export class EventFeed {
  /** @type {Map<number, HTMLLIElement>} */
  #items = new Map();
  /** @type {TwitchEventType | null} */
  #type = null;
  /** Rows kept when live events push old ones out: more once older pages were asked for. */
  #keep = MAX_LIVE_ITEMS;
  /** Tells a page that arrives after the filter changed from one that still counts. */
  #generation = 0;

  /**
   * @param {EventFeedElements} elements
   * @param {object} options
   * @param {(path: string) => Promise<EventHistoryResponse>} options.fetchPage  GETs a history path
   * @param {(id: number) => void} options.onReplay
   * @param {(text: string) => void} options.onError  says a page could not be loaded
   */
  constructor(elements, options) {
    this.elements = elements;
    this.options = options;
    for (const [type, label] of Object.entries(EVENT_LABELS)) {
      elements.filter.add(new Option(label, type));
    }
    elements.filter.addEventListener('change', () => {
      const value = elements.filter.value;
      this.#type = value === '' ? null : /** @type {TwitchEventType} */ (value);
      void this.reload();
    });
    elements.older.addEventListener('click', () => void this.loadOlder());
  }

  /** Empties the feed and loads the newest page (of the chosen type). */
  async reload() {
    this.#generation++;
    for (const row of this.#rows()) row.remove();
    this.#items.clear();
    this.#keep = MAX_LIVE_ITEMS;
    this.#showEnd(false);
    this.#showEmpty();
    await this.#load(null);
  }

  /** Loads the page before the oldest event listed. */
  async loadOlder() {
    await this.#load(this.#oldestId());
  }

  /**
   * A live event from the stream.
   * @param {number} id
   * @param {EventMessage} message
   */
  add(id, message) {
    if (this.#type && message.event !== this.#type) return;
    // Chat only when chosen, as the history's pages (a busy chat would push every alert out).
    if (!this.#type && CHAT_HISTORY_TYPES.includes(message.event)) return;
    if (!this.#insert(id, message, true)) return;
    const dropped = this.#rows().slice(this.#keep);
    for (const old of dropped) {
      old.remove();
      this.#items.delete(Number(old.dataset.id));
    }
    // What fell off the bottom is in the log: "Older events" brings it back.
    if (dropped.length > 0) this.#showEnd(false);
  }

  /** @param {number | null} before  the oldest id listed, or null for the newest page */
  async #load(before) {
    const generation = this.#generation;
    const { older } = this.elements;
    older.disabled = true;
    older.textContent = 'Loading…';
    try {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (before !== null) params.set('before', String(before));
      if (this.#type) params.set('events', this.#type);
      const page = await this.options.fetchPage(`/api/events?${params}`);
      if (generation !== this.#generation) return;
      for (const { id, message } of page.events) this.#insert(id, message, false);
      if (before !== null) this.#keep = Math.max(this.#keep, this.#items.size);
      this.#showEnd(page.nextCursor === null);
    } catch (error) {
      if (generation === this.#generation) {
        this.options.onError(`Could not load the event history (${error}).`);
      }
    } finally {
      if (generation === this.#generation) {
        older.disabled = false;
        older.textContent = 'Older events';
        this.#showEmpty();
      }
    }
  }

  /**
   * Puts a row in its place by id (pages and live events can arrive in any order).
   * @param {number} id
   * @param {EventMessage} message
   * @param {boolean} live  just arrived, so "now" is its time if it carries none
   * @returns {boolean} false when the id is listed already
   */
  #insert(id, message, live) {
    if (this.#items.has(id)) return false;
    const item = this.#item(id, message, live);
    const next = this.#rows().find((row) => Number(row.dataset.id) < id);
    this.elements.list.insertBefore(item, next ?? null);
    this.#items.set(id, item);
    this.#showEmpty();
    return true;
  }

  #oldestId() {
    const last = this.#rows().at(-1);
    return last ? Number(last.dataset.id) : null;
  }

  /** @param {boolean} reached  the log holds nothing older than the last row */
  #showEnd(reached) {
    this.elements.older.hidden = reached;
    this.elements.end.hidden = !reached || this.#items.size === 0;
  }

  #showEmpty() {
    const { empty } = this.elements;
    empty.hidden = this.#items.size > 0;
    empty.textContent = this.#type
      ? `No ${EVENT_LABELS[this.#type].toLowerCase()} events in the log.`
      : 'No events yet. Send a test alert to see one here.';
  }

  #rows() {
    return /** @type {HTMLLIElement[]} */ ([...this.elements.list.children]);
  }

  /**
   * @param {number} id
   * @param {EventMessage} message
   * @param {boolean} live
   */
  #item(id, message, live) {
    const item = document.createElement('li');
    item.className = `feed__item feed__item--${EVENT_KEYS[message.event]}`;
    item.dataset.id = String(id);
    item.dataset.event = message.event;

    const meta = document.createElement('div');
    meta.className = 'feed__meta';
    const when = eventTime(message) ?? (live ? new Date() : null);
    if (when) {
      const time = document.createElement('time');
      time.dateTime = when.toISOString();
      time.textContent = isToday(when) ? timeFormat.format(when) : dateTimeFormat.format(when);
      meta.append(time);
    }
    const type = document.createElement('span');
    type.className = 'feed__type';
    type.textContent = EVENT_LABELS[message.event];
    meta.append(type);
    if (message.test) meta.append(badge('test'));
    if (message.replayOf !== undefined) meta.append(badge('replay'));
    if (message.recovered) {
      const recovered = badge('recovered');
      recovered.title = message.gap
        ? `Recovered through Helix: it happened while EventSub was away (${message.gap.start} to ${message.gap.end}).`
        : 'Recovered through Helix: it happened while EventSub was away.';
      meta.append(recovered);
    }

    const text = document.createElement('div');
    text.className = 'feed__text';
    text.textContent = describeEvent(message);
    item.append(meta, text);

    const replay = document.createElement('button');
    replay.type = 'button';
    replay.className = 'feed__replay';
    replay.textContent = 'Replay';
    replay.title = 'Play this alert again in every alert box';
    replay.addEventListener('click', () => this.options.onReplay(id));
    item.append(replay);
    return item;
  }
}

/**
 * When the event happened, if it says: a recovered event by its own time (it was sent out late),
 * any other by when it was sent out.
 * @param {EventMessage} message
 */
function eventTime(message) {
  const { followed_at: followedAt, started_at: startedAt } = message.data;
  const own = [followedAt, startedAt];
  const times = message.recovered ? [...own, message.sentAt] : [message.sentAt, ...own];
  for (const time of times) {
    if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) return new Date(time);
  }
  return null;
}

/** @param {Date} date */
function isToday(date) {
  return date.toDateString() === new Date().toDateString();
}

/** @param {string} text */
function badge(text) {
  const element = document.createElement('span');
  element.className = `badge badge--${text}`;
  element.textContent = text;
  return element;
}
