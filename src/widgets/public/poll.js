// @ts-check
// The poll / prediction widget (`/widgets/poll`): the question and each option with its share,
// live, the time left, then the result (the winner marked) for a while. It reads the service's
// `stats`, which keep the latest poll and prediction event, so it shows one at once when opened
// in the middle of it. See POLL_WIDGET for its URL options.
import { connectionBadge } from './lib/connection-badge.js';
import { StreamConnection } from './lib/stream-connection.js';
import { formatDuration } from './lib/subathon-time.js';
import { POLL_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('../../contract/sse-contract.js').PollState} PollState */
/** @typedef {import('../../contract/sse-contract.js').PredictionState} PredictionState */
/**
 * What the card shows, poll or prediction alike.
 * @typedef {object} Card
 * @property {'poll' | 'prediction'} kind
 * @property {string} title
 * @property {Array<{ id: string; title: string; amount: number; color?: string; detail: string }>} options
 * @property {string | null} closesAt  while open: when votes or predictions close
 * @property {string | null} endedAt  once over
 * @property {string} status  over: what became of it
 * @property {string | null} winner  the winning option's id
 * @property {string} startedAt
 */

const query = new WidgetQuery(POLL_WIDGET, location.search);
applyLook(query);
const wanted = query.choice('show');
const hideAfterMs = query.number('hideAfter') * 1000;

const root = /** @type {HTMLElement} */ (document.getElementById('poll'));
const titleElement = /** @type {HTMLElement} */ (root.querySelector('.poll__title'));
const statusElement = /** @type {HTMLElement} */ (root.querySelector('.poll__status'));
const list = /** @type {HTMLOListElement} */ (root.querySelector('.poll__options'));
const numberFormat = new Intl.NumberFormat();

/** @type {PollState | null} */
let poll = null;
/** @type {PredictionState | null} */
let prediction = null;

/** @type {StreamConnection<null>} */
const connection = new StreamConnection({
  storageKey: null,
  query: { types: 'stats' },
  onMessage: (message) => {
    if (message.type !== 'stats') return;
    poll = message.data.poll ?? null;
    prediction = message.data.prediction ?? null;
    render();
  },
  onStateChange: connectionBadge(query.choice('debug') === 'on'),
});

function render() {
  const cards = [
    wanted !== 'prediction' && poll ? pollCard(poll) : null,
    wanted !== 'poll' && prediction ? predictionCard(prediction) : null,
  ].filter((card) => card !== null);
  // The one that started last.
  const card = cards.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)).at(-1);
  const now = Date.now();
  if (!card || (card.endedAt && hideAfterMs > 0 && now - Date.parse(card.endedAt) >= hideAfterMs)) {
    root.hidden = true;
    root.dataset.kind = 'none';
    return;
  }
  root.hidden = false;
  root.dataset.kind = card.kind;
  root.dataset.over = String(card.endedAt !== null);
  titleElement.textContent = card.title;
  const left = card.closesAt ? Date.parse(card.closesAt) - now : 0;
  statusElement.textContent = card.endedAt
    ? card.status
    : left > 0
      ? `${formatDuration(left, true)} left`
      : card.kind === 'prediction'
        ? 'Predictions closed'
        : 'Votes closed';
  const total = card.options.reduce((sum, option) => sum + option.amount, 0);
  list.replaceChildren(
    ...card.options.map((option) => {
      const share = total > 0 ? Math.round((option.amount / total) * 100) : 0;
      const item = document.createElement('li');
      item.className = 'poll__option';
      item.dataset.id = option.id;
      item.dataset.share = String(share);
      item.dataset.winner = String(card.winner === option.id);
      if (option.color) item.dataset.color = option.color;
      const bar = document.createElement('span');
      bar.className = 'poll__bar';
      bar.style.width = `${share}%`;
      const name = document.createElement('span');
      name.className = 'poll__name';
      name.textContent = option.title;
      const amount = document.createElement('span');
      amount.className = 'poll__share';
      amount.textContent = `${share}% · ${option.detail}`;
      item.append(bar, name, amount);
      return item;
    }),
  );
}

/**
 * @param {PollState} state
 * @returns {Card}
 */
function pollCard({ event, data }) {
  const options = data.choices.map((choice) => {
    const votes = 'votes' in choice && typeof choice.votes === 'number' ? choice.votes : 0;
    return {
      id: choice.id,
      title: choice.title,
      amount: votes,
      detail: `${numberFormat.format(votes)} ${votes === 1 ? 'vote' : 'votes'}`,
    };
  });
  const over = event === 'channel.poll.end';
  const top = Math.max(0, ...options.map((option) => option.amount));
  const leaders = options.filter((option) => option.amount === top && top > 0);
  return {
    kind: 'poll',
    title: data.title,
    options,
    closesAt: over ? null : data.ends_at,
    endedAt: over ? data.ended_at : null,
    status: over
      ? data.status === 'completed'
        ? leaders.length === 1
          ? `Winner: ${leaders[0]?.title}`
          : leaders.length > 1
            ? 'A tie'
            : 'No votes'
        : 'Poll ended'
      : '',
    winner:
      over && data.status === 'completed' && leaders.length === 1 ? (leaders[0]?.id ?? null) : null,
    startedAt: data.started_at,
  };
}

/**
 * @param {PredictionState} state
 * @returns {Card}
 */
function predictionCard({ event, data }) {
  const options = data.outcomes.map((outcome) => {
    const points =
      'channel_points' in outcome && typeof outcome.channel_points === 'number'
        ? outcome.channel_points
        : 0;
    const users = 'users' in outcome && typeof outcome.users === 'number' ? outcome.users : 0;
    return {
      id: outcome.id,
      title: outcome.title,
      amount: points,
      color: outcome.color,
      detail: `${numberFormat.format(points)} points · ${numberFormat.format(users)} ${users === 1 ? 'viewer' : 'viewers'}`,
    };
  });
  const over = event === 'channel.prediction.end';
  const winner = over ? data.winning_outcome_id : null;
  const won = options.find((option) => option.id === winner);
  return {
    kind: 'prediction',
    title: data.title,
    options,
    closesAt:
      event === 'channel.prediction.begin' || event === 'channel.prediction.progress'
        ? data.locks_at
        : null,
    endedAt: over ? data.ended_at : null,
    status: over
      ? data.status === 'resolved'
        ? won
          ? `Winner: ${won.title}`
          : 'Resolved'
        : 'Canceled: points refunded'
      : '',
    winner,
    startedAt: data.started_at,
  };
}

window.setInterval(render, 500);
connection.start();
