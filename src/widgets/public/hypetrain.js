// @ts-check
// The hype train bar (`/widgets/hypetrain`): while a hype train runs, its level, the progress to
// the next level and the time left; hidden otherwise (after a short "Hype train over: level N").
// It reads the service's `stats`, which keep the latest hype train event, so a bar opened in the
// middle of a train shows it at once. See HYPE_TRAIN_WIDGET for its URL options.
import { connectionBadge } from './lib/connection-badge.js';
import { StreamConnection } from './lib/stream-connection.js';
import { formatDuration } from './lib/subathon-time.js';
import { HYPE_TRAIN_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('../../contract/sse-contract.js').HypeTrainState} HypeTrainState */

const query = new WidgetQuery(HYPE_TRAIN_WIDGET, location.search);
applyLook(query);
const label = query.text('label');
const endedForMs = query.number('ended') * 1000;

const root = /** @type {HTMLElement} */ (document.getElementById('hypetrain'));
const labelElement = /** @type {HTMLElement} */ (root.querySelector('.goal__label'));
const leftElement = /** @type {HTMLElement} */ (root.querySelector('.hypetrain__left'));
const fillElement = /** @type {HTMLElement} */ (root.querySelector('.goal__fill'));
const numberFormat = new Intl.NumberFormat();

/** The latest hype train as the service keeps it; null before any. @type {HypeTrainState | null} */
let train = null;

/** @type {StreamConnection<null>} */
const connection = new StreamConnection({
  storageKey: null,
  query: { types: 'stats' },
  onMessage: (message) => {
    if (message.type !== 'stats') return;
    train = message.data.hypeTrain ?? null;
    render();
  },
  onStateChange: connectionBadge(query.choice('debug') === 'on'),
});

function render() {
  const now = Date.now();
  if (!train) return show('none');
  if (train.event === 'channel.hype_train.end') {
    if (now - Date.parse(train.data.ended_at) >= endedForMs) return show('none');
    labelElement.replaceChildren(`${label} over: `, level(train.data.level));
    leftElement.textContent = `${numberFormat.format(train.data.total)} points`;
    fillElement.style.width = '100%';
    return show('ended');
  }
  const left = Date.parse(train.data.expires_at) - now;
  // Twitch ends an expired train with channel.hype_train.end; until it arrives, hide a stale one.
  if (!(left > 0)) return show('none');
  const { progress, goal } = train.data;
  labelElement.replaceChildren(`${label} · `, level(train.data.level));
  leftElement.textContent = `${formatDuration(left, true)} left`;
  fillElement.style.width = `${goal > 0 ? Math.min(100, (progress / goal) * 100) : 0}%`;
  root.dataset.progress = String(progress);
  root.dataset.goal = String(goal);
  return show('running');
}

/** @param {number} value */
function level(value) {
  const element = document.createElement('span');
  element.className = 'hypetrain__level';
  element.textContent = `Level ${numberFormat.format(value)}`;
  return element;
}

/** @param {'none' | 'running' | 'ended'} state */
function show(state) {
  root.dataset.state = state;
  root.hidden = state === 'none';
  root.dataset.level = train && state !== 'none' ? String(train.data.level) : '';
}

// The time left goes down between messages.
window.setInterval(render, 500);
connection.start();
