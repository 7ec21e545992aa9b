// @ts-check
// The stats line (`/widgets/stats`): live/offline and the chosen numbers, live. See STATS_WIDGET
// for its URL options.
import { ChannelNumbers } from './lib/channel-numbers.js';
import { connectionBadge } from './lib/connection-badge.js';
import { StreamConnection, placeKey } from './lib/stream-connection.js';
import { STATS_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('./lib/channel-numbers.js').ChannelNumbersState} ChannelNumbersState */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {'viewers' | 'followers' | 'subs'} Metric */

/** The events that move the numbers at once. @type {TwitchEventType[]} */
const MOVING_EVENTS = [
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.gift',
  'stream.online',
  'stream.offline',
];

const LABELS = { viewers: 'viewers', followers: 'followers', subs: 'subs' };

const query = new WidgetQuery(STATS_WIDGET, location.search);
const shown = /** @type {Metric[]} */ (query.multi('show'));
applyLook(query);

const stats = /** @type {HTMLElement} */ (document.getElementById('stats'));
stats.classList.add(`stats--${query.choice('layout')}`);
const liveBadge = document.createElement('span');
liveBadge.className = 'stats__live';
if (query.choice('live') === 'show') stats.append(liveBadge);
/** @type {Map<Metric, HTMLElement>} */
const numberElements = new Map();
for (const metric of shown) {
  const item = document.createElement('span');
  item.className = 'stats__item';
  item.dataset.metric = metric;
  const number = document.createElement('span');
  number.className = 'stats__number';
  number.textContent = '–';
  const label = document.createElement('span');
  label.className = 'stats__label';
  label.textContent = ` ${LABELS[metric]}`;
  item.append(number, label);
  stats.append(item);
  numberElements.set(metric, number);
}
const numberFormat = new Intl.NumberFormat();

/** @type {StreamConnection<ChannelNumbersState>} */
const connection = new StreamConnection({
  storageKey: placeKey('stats'),
  query: { types: 'stats,event,status', events: MOVING_EVENTS.join(',') },
  onMessage: (message, id) => {
    if (numbers.apply(message, id)) render();
  },
  place: () => ({ cursor: connection.lastId, state: numbers.toJSON() }),
  onStateChange: connectionBadge(query.choice('debug') === 'on'),
});
const numbers = new ChannelNumbers(connection.savedState);

function render() {
  const current = numbers.known;
  if (!current) return;
  stats.dataset.live = String(current.live);
  liveBadge.textContent = current.live ? 'LIVE' : 'OFFLINE';
  for (const [metric, element] of numberElements) {
    element.textContent = numberFormat.format(current[metric]);
  }
}

render();
connection.start();
