// @ts-check
// The subathon timer (`/widgets/subathon`): the countdown the service holds. The service sends
// its `subathon` state on connect and after each change; while it runs, the time left is its end
// time minus now, so every copy, a reload and a restart of the service show the same time. See
// SUBATHON_WIDGET for its URL options.
import { mountWidget } from './lib/mount-widget.js';
import { formatDuration } from './lib/subathon-time.js';
import { SUBATHON_WIDGET } from './lib/widget-options.js';
import { NO_SUBATHON, reduceSubathon, subathonReading } from './state/subathon-state.js';

/** @typedef {import('./state/subathon-state.js').SubathonWidgetState} SubathonWidgetState */
/** @typedef {import('../../contract/sse-contract.js').SubathonChange} SubathonChange */

mountWidget({
  spec: SUBATHON_WIDGET,
  settings: (query) => ({
    label: query.text('label'),
    endedText: query.text('ended'),
    showPaused: query.choice('paused') === 'show',
    showAdded: query.choice('added') === 'show',
  }),
  query: () => ({ types: 'subathon' }),
  initial: () => NO_SUBATHON,
  reduce: reduceSubathon,
  view: subathonView,
  // The seconds go down between messages: four redraws a second keep the display within a
  // quarter of a second of the service's time.
  redrawEveryMs: 250,
});

/**
 * @param {{ label: string; endedText: string; showPaused: boolean; showAdded: boolean }} settings
 * @returns {(state: SubathonWidgetState) => void}
 */
function subathonView(settings) {
  const root = /** @type {HTMLElement} */ (document.getElementById('subathon'));
  const labelElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__label'));
  const timeElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__time'));
  const badgeElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__badge'));
  const addedElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__added'));
  labelElement.textContent = settings.label;
  labelElement.hidden = labelElement.textContent === '';
  /** The change already shown as "+1:00". @type {SubathonChange | null} */
  let shownAdded = null;

  /** @param {number} ms */
  const popAdded = (ms) => {
    addedElement.textContent = `${ms > 0 ? '+' : '−'}${formatDuration(Math.abs(ms), true)}`;
    addedElement.hidden = false;
    addedElement.classList.remove('is-shown');
    void addedElement.offsetWidth; // restart the animation
    addedElement.classList.add('is-shown');
  };

  return ({ timer, added }) => {
    if (settings.showAdded && added && added !== shownAdded) popAdded(added.ms);
    shownAdded = added;
    if (!timer) return;
    const { phase, remainingMs } = subathonReading(timer, Date.now());
    root.dataset.state = phase;
    root.dataset.remainingSeconds = String(Math.ceil(remainingMs / 1000));
    timeElement.textContent = phase === 'ended' ? settings.endedText : formatDuration(remainingMs);
    badgeElement.hidden = !(settings.showPaused && timer.state === 'paused');
  };
}
