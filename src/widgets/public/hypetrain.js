// @ts-check
// The hype train bar (`/widgets/hypetrain`): while a hype train runs, its level, the progress to
// the next level and the time left; hidden otherwise (after a short "Hype train over: level N").
// It reads the service's `stats`, which keep the latest hype train event, so a bar opened in the
// middle of a train shows it at once. See HYPE_TRAIN_WIDGET for its URL options.
import { mountWidget } from './lib/mount-widget.js';
import { formatDuration } from './lib/subathon-time.js';
import { HYPE_TRAIN_WIDGET } from './lib/widget-options.js';
import { hypeTrainReading, reduceHypeTrain } from './state/hype-train-state.js';

/** @typedef {import('../../contract/sse-contract.js').HypeTrainState} HypeTrainState */

mountWidget({
  spec: HYPE_TRAIN_WIDGET,
  settings: (query) => ({ label: query.text('label'), endedForMs: query.number('ended') * 1000 }),
  query: () => ({ types: 'stats' }),
  initial: () => /** @type {HypeTrainState | null} */ (null),
  reduce: reduceHypeTrain,
  view: hypeTrainView,
  // The time left goes down between messages.
  redrawEveryMs: 500,
});

/**
 * @param {{ label: string; endedForMs: number }} settings
 * @returns {(train: HypeTrainState | null) => void}
 */
function hypeTrainView({ label, endedForMs }) {
  const root = /** @type {HTMLElement} */ (document.getElementById('hypetrain'));
  const labelElement = /** @type {HTMLElement} */ (root.querySelector('.goal__label'));
  const leftElement = /** @type {HTMLElement} */ (root.querySelector('.hypetrain__left'));
  const fillElement = /** @type {HTMLElement} */ (root.querySelector('.goal__fill'));
  const numberFormat = new Intl.NumberFormat();

  /** @param {number} value */
  const level = (value) => {
    const element = document.createElement('span');
    element.className = 'hypetrain__level';
    element.textContent = `Level ${numberFormat.format(value)}`;
    return element;
  };

  return (train) => {
    const reading = hypeTrainReading(train, Date.now(), endedForMs);
    if (reading.phase === 'ended') {
      labelElement.replaceChildren(`${label} over: `, level(reading.level));
      leftElement.textContent = `${numberFormat.format(reading.total)} points`;
      fillElement.style.width = '100%';
    } else if (reading.phase === 'running') {
      const { progress, goal } = reading;
      labelElement.replaceChildren(`${label} · `, level(reading.level));
      leftElement.textContent = `${formatDuration(reading.leftMs, true)} left`;
      fillElement.style.width = `${goal > 0 ? Math.min(100, (progress / goal) * 100) : 0}%`;
      root.dataset.progress = String(progress);
      root.dataset.goal = String(goal);
    }
    root.dataset.state = reading.phase;
    root.hidden = reading.phase === 'none';
    root.dataset.level = reading.phase === 'none' ? '' : String(reading.level);
  };
}
