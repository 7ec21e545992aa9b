// @ts-check
// The stats line (`/widgets/stats`): live/offline and the chosen numbers, live. See STATS_WIDGET
// for its URL options.
import {
  knownNumbers,
  reduceChannelNumbers,
  restoreChannelNumbers,
} from './lib/channel-numbers.js';
import { mountWidget } from './lib/mount-widget.js';
import { STATS_WIDGET } from './lib/widget-options.js';

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

mountWidget({
  spec: STATS_WIDGET,
  settings: (query) => ({
    shown: /** @type {Metric[]} */ (query.multi('show')),
    layout: query.choice('layout'),
    liveBadge: query.choice('live') === 'show',
  }),
  query: () => ({ types: 'stats,event,status', events: MOVING_EVENTS.join(',') }),
  initial: (_, kept) => restoreChannelNumbers(kept),
  reduce: reduceChannelNumbers,
  keep: (numbers) => numbers,
  view: statsView,
});

/**
 * @param {{ shown: Metric[]; layout: string; liveBadge: boolean }} settings
 * @returns {(numbers: ChannelNumbersState) => void}
 */
function statsView(settings) {
  const stats = /** @type {HTMLElement} */ (document.getElementById('stats'));
  stats.classList.add(`stats--${settings.layout}`);
  const liveBadge = document.createElement('span');
  liveBadge.className = 'stats__live';
  if (settings.liveBadge) stats.append(liveBadge);
  /** @type {Map<Metric, HTMLElement>} */
  const numberElements = new Map();
  for (const metric of settings.shown) {
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

  return (numbers) => {
    const current = knownNumbers(numbers);
    if (!current) return;
    stats.dataset.live = String(current.live);
    liveBadge.textContent = current.live ? 'LIVE' : 'OFFLINE';
    for (const [metric, element] of numberElements) {
      element.textContent = numberFormat.format(current[metric]);
    }
  };
}
