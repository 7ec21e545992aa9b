// @ts-check
// The event list (`/widgets/events`): the last few events, a row each. It opens on the newest
// events in the service's event log (`GET /api/events`), so a reload or a second copy lists the
// same rows, then adds live ones from the stream, resuming right after what it loaded. See
// EVENT_LIST_WIDGET for its URL options.
import { connectionBadge } from './lib/connection-badge.js';
import { TWITCH_EVENT_TYPES } from './lib/contract.js';
import { EVENT_KEYS, fillTemplate, templateValues } from './lib/event-text.js';
import { StreamConnection } from './lib/stream-connection.js';
import { EVENT_LIST_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('../../alerts/alerts-api.js').EventHistoryResponse} EventHistoryResponse */

/** History pages read at most, looking for enough events this list shows. */
const MAX_HISTORY_PAGES = 5;

const query = new WidgetQuery(EVENT_LIST_WIDGET, location.search);
const settings = {
  events: /** @type {TwitchEventType[]} */ (query.multi('events')),
  limit: Math.round(query.number('limit')),
  minBits: query.number('minBits'),
  giftedSubs: query.choice('giftedSubs'),
  recovered: query.choice('recovered'),
  tests: query.choice('tests'),
  newestFirst: query.choice('order') === 'newest-first',
};
/** @type {Map<TwitchEventType, string>} */
const templates = new Map(
  TWITCH_EVENT_TYPES.map((event) => [event, query.text(`text.${EVENT_KEYS[event]}`)]),
);
applyLook(query);

const list = /** @type {HTMLOListElement} */ (document.getElementById('events'));
list.classList.add(`event-list--${query.choice('order')}`);
/** Listed rows by id. @type {Map<number, HTMLLIElement>} */
const rows = new Map();

/**
 * Whether this list shows an event.
 * @param {EventMessage} message
 */
function shows(message) {
  if (!settings.events.includes(message.event)) return false;
  if (message.replayOf !== undefined) return false; // the same event again, for the alert boxes
  if (message.test && settings.tests === 'hide') return false;
  if (message.recovered && settings.recovered === 'hide') return false;
  if (message.event === 'channel.subscribe' && message.data.is_gift === true) {
    return settings.giftedSubs === 'show';
  }
  if (message.event === 'channel.cheer') {
    return typeof message.data.bits === 'number' && message.data.bits >= settings.minBits;
  }
  return true;
}

/**
 * Adds a row in its place by id (history and live events can overlap); the oldest rows leave
 * beyond the limit. Rows already listed stay put, so only the new one slides in.
 * @param {number} id
 * @param {EventMessage} message
 */
function add(id, message) {
  if (rows.has(id) || !shows(message)) return;
  const row = rowFor(id, message);
  const after = (/** @type {number} */ other) => (settings.newestFirst ? other < id : other > id);
  const next = [...list.children].find((other) =>
    after(Number(/** @type {HTMLElement} */ (other).dataset.id)),
  );
  list.insertBefore(row, next ?? null);
  rows.set(id, row);
  const ids = [...rows.keys()].sort((a, b) => a - b);
  for (const old of ids.slice(0, Math.max(0, ids.length - settings.limit))) {
    rows.get(old)?.remove();
    rows.delete(old);
  }
  list.dataset.count = String(rows.size);
}

/**
 * @param {number} id
 * @param {EventMessage} message
 */
function rowFor(id, message) {
  const row = document.createElement('li');
  row.className = `event-list__row event-list__row--${EVENT_KEYS[message.event]}`;
  row.dataset.id = String(id);
  row.dataset.event = message.event;
  const template = templates.get(message.event) ?? '{name}';
  for (const part of fillTemplate(template, templateValues(message))) {
    if (!part.value) {
      row.append(part.text);
      continue;
    }
    const value = document.createElement('span');
    value.className = 'event-list__value';
    value.textContent = part.text;
    row.append(value);
  }
  return row;
}

/**
 * The newest events this list shows, from the event log, and the id to resume the stream after.
 * @returns {Promise<number>}
 */
async function loadHistory() {
  const params = new URLSearchParams({ limit: '100', events: settings.events.join(',') });
  let lastId = 0;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const response = await fetch(`/api/events?${params}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`/api/events answered ${response.status}`);
    /** @type {EventHistoryResponse} */
    const history = await response.json();
    if (page === 0) lastId = history.lastId;
    for (const { id, message } of history.events) add(id, message);
    if (rows.size >= settings.limit || history.nextCursor === null) break;
    params.set('before', String(history.nextCursor));
  }
  return lastId;
}

/** @type {StreamConnection<null>} */
let connection;
const badge = connectionBadge(query.choice('debug') === 'on');
try {
  const lastId = await loadHistory();
  connection = streamAfter(lastId);
} catch (error) {
  // The list still fills with live events; the history comes with the next load.
  console.warn(`The event list could not load the history (${error}); listing live events only.`);
  connection = streamAfter(0);
}
list.dataset.loaded = 'true';
connection.start();

/** @param {number} lastId */
function streamAfter(lastId) {
  return new StreamConnection({
    storageKey: null,
    startAfter: lastId,
    query: { types: 'event', events: settings.events.join(',') },
    onMessage: (message, id) => {
      if (message.type === 'event') add(id, message);
    },
    onStateChange: badge,
  });
}
