// @ts-check
// The ad break countdown (`/widgets/adbreak`): while ads run, "Ads" and "1:23 left" over a bar that
// runs down ("Ads · scheduled" when Twitch's schedule started it); hidden otherwise, and at zero. It reads the service's `stats`, which keep the latest
// break, so a widget opened mid-break shows the time left at once. See AD_BREAK_WIDGET for its URL
// options.
import { mountWidget } from './lib/mount-widget.js';
import { formatDuration } from './lib/subathon-time.js';
import { AD_BREAK_WIDGET } from './lib/widget-options.js';
import { adBreakReading, reduceAdBreak } from './state/ad-break-state.js';

/** @typedef {import('../../contract/sse-contract.js').AdBreakState} AdBreakState */

mountWidget({
  spec: AD_BREAK_WIDGET,
  settings: (query) => ({
    label: query.text('label'),
    showAutomatic: query.choice('automatic') === 'show',
  }),
  query: () => ({ types: 'stats' }),
  initial: () => /** @type {AdBreakState | null} */ (null),
  reduce: reduceAdBreak,
  view: adBreakView,
  // The time left goes down between messages.
  redrawEveryMs: 500,
});

/**
 * @param {{ label: string; showAutomatic: boolean }} settings
 * @returns {(adBreak: AdBreakState | null) => void}
 */
function adBreakView({ label, showAutomatic }) {
  const root = /** @type {HTMLElement} */ (document.getElementById('adbreak'));
  const labelElement = /** @type {HTMLElement} */ (root.querySelector('.adbreak__label'));
  const leftElement = /** @type {HTMLElement} */ (root.querySelector('.adbreak__left'));
  const fillElement = /** @type {HTMLElement} */ (root.querySelector('.adbreak__fill'));
  const automaticElement = /** @type {HTMLElement} */ (root.querySelector('.adbreak__automatic'));
  labelElement.textContent = label;
  automaticElement.textContent = label ? ' · scheduled' : 'scheduled';

  return (adBreak) => {
    const reading = adBreakReading(adBreak, Date.now());
    if (reading.phase === 'running') {
      leftElement.textContent = `${formatDuration(reading.leftMs, true)} left`;
      fillElement.style.width = `${(reading.leftMs / reading.durationMs) * 100}%`;
      automaticElement.hidden = !(showAutomatic && reading.automatic);
      root.dataset.left = String(Math.ceil(reading.leftMs / 1000));
    } else {
      delete root.dataset.left;
    }
    root.dataset.state = reading.phase;
    root.hidden = reading.phase === 'none';
  };
}
