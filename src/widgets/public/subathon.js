// @ts-check
// The subathon timer (`/widgets/subathon`): the countdown the service holds. The service sends
// its `subathon` state on connect and after each change; while it runs, the time left is its end
// time minus now, so every copy, a reload and a restart of the service show the same time. See
// SUBATHON_WIDGET for its URL options.
import { connectionBadge } from './lib/connection-badge.js';
import { StreamConnection } from './lib/stream-connection.js';
import { formatDuration, subathonRemainingMs } from './lib/subathon-time.js';
import { SUBATHON_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('../../contract/sse-contract.js').SubathonData} SubathonData */

const query = new WidgetQuery(SUBATHON_WIDGET, location.search);
applyLook(query);
const endedText = query.text('ended');
const showPaused = query.choice('paused') === 'show';
const showAdded = query.choice('added') === 'show';

const root = /** @type {HTMLElement} */ (document.getElementById('subathon'));
const labelElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__label'));
const timeElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__time'));
const badgeElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__badge'));
const addedElement = /** @type {HTMLElement} */ (root.querySelector('.subathon__added'));
labelElement.textContent = query.text('label');
labelElement.hidden = labelElement.textContent === '';

/** The latest state from the service; null until it has sent one. @type {SubathonData | null} */
let timer = null;
/** The change already shown as "+1:00", so a state sent again does not show it again. */
let shownChange = '';

/** @type {StreamConnection<null>} */
const connection = new StreamConnection({
  // Nothing to keep between loads: the service sends the timer to every client that connects.
  storageKey: null,
  query: { types: 'subathon' },
  onMessage: (message) => {
    if (message.type !== 'subathon') return;
    const first = timer === null;
    timer = message.data;
    const change = timer.lastChange;
    const changeKey = change ? `${change.at}|${change.ms}` : '';
    // Only a change that happens while the widget is open pops up, not one from before it.
    if (!first && showAdded && change && change.ms !== 0 && changeKey !== shownChange) {
      popAdded(change.ms);
    }
    shownChange = changeKey;
    render();
  },
  onStateChange: connectionBadge(query.choice('debug') === 'on'),
});

function render() {
  if (!timer) return;
  const remaining = subathonRemainingMs(timer, Date.now());
  const ended = timer.state === 'ended' || (timer.state === 'running' && remaining === 0);
  root.dataset.state = ended ? 'ended' : timer.state;
  root.dataset.remainingSeconds = String(Math.ceil(remaining / 1000));
  timeElement.textContent = ended ? endedText : formatDuration(remaining);
  badgeElement.hidden = !(showPaused && timer.state === 'paused');
}

/** @param {number} ms */
function popAdded(ms) {
  addedElement.textContent = `${ms > 0 ? '+' : '−'}${formatDuration(Math.abs(ms), true)}`;
  addedElement.hidden = false;
  addedElement.classList.remove('is-shown');
  void addedElement.offsetWidth; // restart the animation
  addedElement.classList.add('is-shown');
}

// The seconds go down between messages: four redraws a second keep the display within a
// quarter of a second of the service's time.
window.setInterval(render, 250);
connection.start();
