// @ts-check
// The poll / prediction widget (`/widgets/poll`): the question and each option with its share,
// live, the time left, then the result (the winner marked) for a while. It reads the service's
// `stats`, which keep the latest poll and prediction event, so it shows one at once when opened
// in the middle of it. See POLL_WIDGET for its URL options.
import { mountWidget } from './lib/mount-widget.js';
import { formatDuration } from './lib/subathon-time.js';
import { POLL_WIDGET } from './lib/widget-options.js';
import { NO_POLL, reducePoll, shownCard } from './state/poll-state.js';

/** @typedef {import('./state/poll-state.js').PollWidgetState} PollWidgetState */

mountWidget({
  spec: POLL_WIDGET,
  settings: (query) => ({
    wanted: query.choice('show'),
    hideAfterMs: query.number('hideAfter') * 1000,
  }),
  query: () => ({ types: 'stats' }),
  initial: () => NO_POLL,
  reduce: reducePoll,
  view: pollView,
  // The time left goes down between messages, and the result leaves after `hideAfter`.
  redrawEveryMs: 500,
});

/**
 * @param {{ wanted: string; hideAfterMs: number }} settings
 * @returns {(state: PollWidgetState) => void}
 */
function pollView({ wanted, hideAfterMs }) {
  const root = /** @type {HTMLElement} */ (document.getElementById('poll'));
  const titleElement = /** @type {HTMLElement} */ (root.querySelector('.poll__title'));
  const statusElement = /** @type {HTMLElement} */ (root.querySelector('.poll__status'));
  const list = /** @type {HTMLOListElement} */ (root.querySelector('.poll__options'));

  return (state) => {
    const now = Date.now();
    const card = shownCard(state, wanted, now, hideAfterMs);
    if (!card) {
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
  };
}
