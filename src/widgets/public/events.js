// @ts-check
// The event list (`/widgets/events`): the last few events, a row each. It opens on the newest
// events in the service's event log (`GET /api/events`), so a reload or a second copy lists the
// same rows, then adds live ones from the stream, resuming right after what it loaded. See
// EVENT_LIST_WIDGET for its URL options.
import { TWITCH_EVENT_TYPES } from './lib/contract.js';
import { loadEventHistory } from './lib/event-history.js';
import { EVENT_KEYS, fillTemplate, templateValues } from './lib/event-text.js';
import { EVENTS_WITH_MESSAGE } from './lib/message-parts.js';
import {
  MessageImagesSource,
  messageLook,
  messageNodes,
  shownMessageParts,
} from './lib/message-view.js';
import { mountWidget } from './lib/mount-widget.js';
import { EVENT_LIST_WIDGET } from './lib/widget-options.js';
import { listShows, reduceEventList } from './state/event-list-state.js';

/** @typedef {import('../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./state/event-list-state.js').EventListFilter} EventListFilter */
/** @typedef {import('./state/event-list-state.js').ListedEvent} ListedEvent */
/** @typedef {import('./lib/mount-widget.js').DrawPhase} DrawPhase */

/**
 * @typedef {object} EventListSettings
 * @property {EventListFilter} filter
 * @property {boolean} newestFirst
 * @property {string} order
 * @property {Map<TwitchEventType, string>} templates  each type's row
 * @property {boolean} showMessage  the viewer's message after the row (`message=show`)
 * @property {MessageLook} messages  how viewers' messages are drawn
 */
/** @typedef {import('./lib/message-view.js').MessageLook} MessageLook */

/** An emote's height in a row at scale 1: 1.5 × its 22 px font (events.css). */
const EMOTE_PX = 33;

const messageImages = new MessageImagesSource();
// The history's rows are drawn at once: with their emotes.
await messageImages.ready;

mountWidget({
  spec: EVENT_LIST_WIDGET,
  settings: (query) => ({
    filter: {
      events: /** @type {TwitchEventType[]} */ (query.multi('events')),
      limit: Math.round(query.number('limit')),
      minBits: query.number('minBits'),
      giftedSubs: query.choice('giftedSubs'),
      recovered: query.choice('recovered'),
      tests: query.choice('tests'),
    },
    order: query.choice('order'),
    newestFirst: query.choice('order') === 'newest-first',
    templates: new Map(
      TWITCH_EVENT_TYPES.map((event) => [event, query.text(`text.${EVENT_KEYS[event]}`)]),
    ),
    showMessage: query.choice('message') === 'show',
    messages: messageLook(query, messageImages, EMOTE_PX),
  }),
  query: ({ filter }) => ({ types: 'event', events: filter.events.join(',') }),
  initial: () => /** @type {readonly ListedEvent[]} */ ([]),
  reduce: (rows, message, id, { filter }) => reduceEventList(rows, message, id, filter),
  view: eventListView,
  catchUp: async ({ filter }, take) => {
    try {
      return await loadHistory(filter, take);
    } catch (error) {
      // The list still fills with live events; the history comes with the next load.
      console.warn(
        `The event list could not load the history (${error}); listing live events only.`,
      );
      return 0;
    }
  },
});

/**
 * Takes the newest events this list shows from the event log, and gives the id to resume the
 * stream after.
 * @param {EventListFilter} filter
 * @param {(message: StreamMessage, id: number) => void} take
 * @returns {Promise<number>}
 */
async function loadHistory(filter, take) {
  /** The ids of the events loaded that the list shows. */
  const shown = new Set();
  return loadEventHistory({
    events: filter.events,
    pageSize: 100,
    take: (message, id) => {
      take(message, id);
      if (listShows(message, filter)) shown.add(id);
    },
    enough: () => shown.size >= filter.limit,
  });
}

/**
 * Draws the rows. Rows already listed stay put, so only a new one slides in (not while the
 * history loads: `data-loaded`).
 * @param {EventListSettings} settings
 * @returns {(rows: readonly ListedEvent[], phase: DrawPhase) => void}
 */
function eventListView(settings) {
  const list = /** @type {HTMLOListElement} */ (document.getElementById('events'));
  list.classList.add(`event-list--${settings.order}`);
  /** Listed rows by id. @type {Map<number, HTMLLIElement>} */
  const drawn = new Map();

  /** @param {ListedEvent} listed */
  const insert = ({ id, message }) => {
    const row = rowFor(id, message, settings);
    const after = (/** @type {number} */ other) => (settings.newestFirst ? other < id : other > id);
    const next = [...list.children].find((other) =>
      after(Number(/** @type {HTMLElement} */ (other).dataset.id)),
    );
    list.insertBefore(row, next ?? null);
    drawn.set(id, row);
  };

  return (rows, { caughtUp }) => {
    const listed = new Set(rows.map((row) => row.id));
    const added = rows.filter((row) => !drawn.has(row.id));
    const gone = [...drawn.keys()].filter((id) => !listed.has(id));
    for (const row of added) insert(row);
    for (const id of gone) {
      drawn.get(id)?.remove();
      drawn.delete(id);
    }
    if (added.length > 0 || gone.length > 0) list.dataset.count = String(drawn.size);
    list.dataset.loaded = String(caughtUp);
  };
}

/**
 * A row: its template filled in (`{message}` drawn with its emotes), then, with `message=show`,
 * the viewer's message.
 * @param {number} id
 * @param {EventMessage} message
 * @param {EventListSettings} settings
 */
function rowFor(id, message, settings) {
  const row = document.createElement('li');
  row.className = `event-list__row event-list__row--${EVENT_KEYS[message.event]}`;
  row.dataset.id = String(id);
  row.dataset.event = message.event;
  const template = settings.templates.get(message.event) ?? '{name}';
  const withMessage = EVENTS_WITH_MESSAGE.has(message.event);
  const shown = withMessage ? shownMessageParts(message, settings.messages) : null;
  for (const part of fillTemplate(template, templateValues(message))) {
    if (!part.value) {
      row.append(part.text);
      continue;
    }
    const value = document.createElement('span');
    value.className = 'event-list__value';
    if (withMessage && part.name === 'message') {
      if (shown) value.append(messageNodes(shown, settings.messages));
    } else {
      value.textContent = part.text;
    }
    row.append(value);
  }
  if (settings.showMessage && shown) {
    const line = document.createElement('span');
    line.className = 'event-list__message';
    line.append(messageNodes(shown, settings.messages));
    row.append(line);
  }
  return row;
}
