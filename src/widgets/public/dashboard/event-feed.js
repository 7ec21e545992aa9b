// @ts-check
import { EVENT_KEYS, EVENT_LABELS, describeEvent } from '../lib/event-text.js';

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */

/** The feed shows this many events; older ones drop off (the page may stay open for days). */
const MAX_ITEMS = 100;

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * The dashboard's recent-events feed, newest first, with a replay button per event. Events come
 * from the replay buffer on load and from the stream after; each id is shown once.
 */
export class EventFeed {
  /** @type {Map<number, HTMLLIElement>} */
  #items = new Map();

  /**
   * @param {HTMLOListElement} list
   * @param {HTMLElement} empty  shown while there is nothing to list
   * @param {(id: number) => void} onReplay
   */
  constructor(list, empty, onReplay) {
    this.list = list;
    this.empty = empty;
    this.onReplay = onReplay;
  }

  /**
   * @param {number} id
   * @param {EventMessage} message
   */
  add(id, message) {
    if (this.#items.has(id)) return;
    const item = this.#item(id, message);
    // Newest first; events loaded from the buffer can arrive after live ones, so insert in place.
    const next = this.#rows().find((row) => Number(row.dataset.id) < id);
    this.list.insertBefore(item, next ?? null);
    this.#items.set(id, item);
    for (const old of this.#rows().slice(MAX_ITEMS)) {
      old.remove();
      this.#items.delete(Number(old.dataset.id));
    }
    this.empty.hidden = true;
  }

  #rows() {
    return /** @type {HTMLLIElement[]} */ ([...this.list.children]);
  }

  /**
   * @param {number} id
   * @param {EventMessage} message
   */
  #item(id, message) {
    const item = document.createElement('li');
    item.className = `feed__item feed__item--${EVENT_KEYS[message.event]}`;
    item.dataset.id = String(id);
    item.dataset.event = message.event;

    const time = document.createElement('time');
    const when = message.sentAt ? new Date(message.sentAt) : new Date();
    time.dateTime = when.toISOString();
    time.textContent = timeFormat.format(when);

    const type = document.createElement('span');
    type.className = 'feed__type';
    type.textContent = EVENT_LABELS[message.event];

    const text = document.createElement('div');
    text.className = 'feed__text';
    text.textContent = describeEvent(message);

    const meta = document.createElement('div');
    meta.className = 'feed__meta';
    meta.append(time, type);
    if (message.test) meta.append(badge('test'));
    if (message.replayOf !== undefined) meta.append(badge('replay'));
    item.append(meta, text);

    const replay = document.createElement('button');
    replay.type = 'button';
    replay.className = 'feed__replay';
    replay.textContent = 'Replay';
    replay.title = 'Play this alert again in every alert box';
    replay.addEventListener('click', () => this.onReplay(id));
    item.append(replay);
    return item;
  }
}

/** @param {string} text */
function badge(text) {
  const element = document.createElement('span');
  element.className = `badge badge--${text}`;
  element.textContent = text;
  return element;
}
