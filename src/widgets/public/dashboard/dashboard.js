// @ts-check
// The dashboard (`/`): channel numbers (and the running or last ad break) and connection states,
// alert controls and test alerts, the credits widgets' roll and stop, the event feed (from the
// event log, then live), the subathon timer and the labels' session, the widget URL builder, and
// the streams with their recaps. It reads the public SSE stream like
// the widgets and acts through the admin routes.
import { NO_NUMBERS, knownNumbers, reduceChannelNumbers } from '../lib/channel-numbers.js';
import { TWITCH_EVENT_TYPES } from '../lib/contract.js';
import { EVENT_LABELS } from '../lib/event-text.js';
import { StreamConnection } from '../lib/stream-connection.js';
import { AdBreakRow } from './ad-break-row.js';
import { AdminApi, AdminError } from './admin-api.js';
import { EventFeed } from './event-feed.js';
import { OverlayComposer } from './overlay-composer.js';
import { StatusView } from './status-view.js';
import { StreamsView } from './streams-view.js';
import { SubathonPanel } from './subathon-panel.js';
import { TwitchConnect } from './twitch-connect.js';
import { WidgetUrlBuilder } from './widget-url-builder.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('../../../alerts/alerts-api.js').TestEventResponse} TestEventResponse */
/** @typedef {import('../../../alerts/alerts-api.js').EventReplayResponse} EventReplayResponse */
/** @typedef {import('../../../alerts/alerts-api.js').AlertControlResponse} AlertControlResponse */
/** @typedef {import('../../../health/health-reporter.js').HealthReport} HealthReport */
/** @typedef {import('../../dashboard-settings.js').DashboardSettings} DashboardSettings */

const HEALTH_EVERY_MS = 15_000;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {DashboardSettings} */
const settings = await getJson('/api/dashboard/settings');
const admin = new AdminApi({ tokenRequired: settings.adminTokenRequired, askToken });
const status = new StatusView();
/** The channel card's numbers. */
let numbers = NO_NUMBERS;
const feed = new EventFeed(
  {
    list: /** @type {HTMLOListElement} */ (byId('feed')),
    empty: byId('feed-empty'),
    older: /** @type {HTMLButtonElement} */ (byId('feed-older')),
    end: byId('feed-end'),
    filter: /** @type {HTMLSelectElement} */ (byId('feed-filter')),
  },
  {
    fetchPage: getJson,
    onReplay: (id) => void act(`/api/admin/events/${id}/replay`, undefined, 'Replayed'),
    onError: (text) => notify(text, 'bad'),
  },
);
const overlay = new OverlayComposer(byId('overlay-composer'), location.origin);
new WidgetUrlBuilder(byId('builder'), location.origin, (url, size) => overlay.add(url, size));
const connect = new TwitchConnect(byId('connect-twitch'), admin);
const subathon = new SubathonPanel(act);
const adBreak = new AdBreakRow(byId('ad-break'));
void new StreamsView(byId('streams'), getJson).showList(true);

// --- the stream: numbers, statuses, the feed, the pause state
/** @type {StreamConnection<null>} */
const stream = new StreamConnection({
  storageKey: null,
  query: {},
  onMessage: receive,
  onStateChange: (state) => {
    const pill = byId('connection');
    pill.textContent = state === 'open' ? 'live updates' : `${state}…`;
    pill.className = `pill ${state === 'open' ? 'pill--good' : 'pill--warn'}`;
    // Counts this page among the SSE clients at once rather than at the next health poll.
    if (state === 'open') void refreshHealth();
  },
});
stream.start();

/**
 * @param {StreamMessage} message
 * @param {number} id
 */
function receive(message, id) {
  switch (message.type) {
    case 'stats':
    case 'event': {
      const before = numbers;
      numbers = reduceChannelNumbers(numbers, message, id);
      if (numbers !== before && numbers.stats) {
        status.showStats(numbers.stats, knownNumbers(numbers) !== null);
      }
      if (message.type === 'event') feed.add(id, message);
      else adBreak.take(message);
      return;
    }
    case 'status':
      status.showStatus(message.data);
      if ('auth' in message.data) connect.showSignedIn(message.data.auth.state === 'ok');
      return;
    case 'control':
      if (message.data.action !== 'skip') showPaused(message.data.action === 'pause');
      return;
    case 'subathon':
      subathon.showTimer(message.data);
      return;
    case 'labels':
      subathon.showLabels(message.data);
      return;
  }
}

// The newest page of the event log, fetched after connecting: the feed merges both by id, so
// nothing published between the two requests is lost or shown twice.
void feed.reload();

// --- health: mode, SSE clients, and the component states before their first status message
async function refreshHealth() {
  try {
    status.showHealth(await getJson('/api/health'));
  } catch {
    // The stream's connection pill already says when the service is unreachable.
  }
}
void refreshHealth();
window.setInterval(() => void refreshHealth(), HEALTH_EVERY_MS);

// --- alert controls
let paused = false;
/** @param {boolean} value */
function showPaused(value) {
  paused = value;
  byId('pause').textContent = paused ? 'Resume alerts' : 'Pause alerts';
  byId('pause').classList.toggle('primary', paused);
  byId('pause-state').textContent = paused
    ? 'Alerts are paused: new alerts wait in each alert box until you resume.'
    : 'Alerts play as they come.';
}
byId('pause').addEventListener('click', () =>
  act(`/api/admin/alerts/${paused ? 'resume' : 'pause'}`, undefined, paused ? 'Resumed' : 'Paused'),
);
byId('skip').addEventListener('click', () => act('/api/admin/alerts/skip', undefined, 'Skipped'));

// --- the credits widgets
byId('roll-credits').addEventListener('click', () =>
  act('/api/admin/credits/roll', undefined, 'Credits rolling'),
);
byId('stop-credits').addEventListener('click', () =>
  act('/api/admin/credits/stop', undefined, 'Credits stopped'),
);

const testButtons = byId('test-buttons');
for (const event of TWITCH_EVENT_TYPES) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.event = event;
  button.textContent = EVENT_LABELS[event];
  button.title = `Send a test ${event} (marked "test": true)`;
  button.addEventListener('click', () =>
    act('/api/admin/test-events', { event }, `Test ${EVENT_LABELS[event].toLowerCase()} sent`),
  );
  testButtons.append(button);
}

if (settings.adminTokenRequired) {
  const change = byId('change-token');
  change.hidden = false;
  change.addEventListener('click', () => void admin.askToken(false).catch(() => {}));
}

/**
 * Calls an admin route and says how it went.
 * @param {string} path
 * @param {unknown} body
 * @param {string} done
 */
async function act(path, body, done) {
  try {
    await admin.post(path, body);
    notify(done, 'good');
  } catch (error) {
    notify(
      error instanceof AdminError ? error.message : `Could not reach the service (${error}).`,
      'bad',
    );
  }
}

/** @type {number | undefined} */
let noticeTimer;
/**
 * @param {string} text
 * @param {'good' | 'bad'} tone
 */
function notify(text, tone) {
  const notice = byId('notice');
  notice.hidden = false;
  notice.textContent = text;
  notice.className = `notice notice--${tone}`;
  window.clearTimeout(noticeTimer);
  // Errors stay until the next action, so there is time to read what to do.
  if (tone === 'good') noticeTimer = window.setTimeout(() => (notice.hidden = true), 3000);
}

/**
 * Shows the token dialog; resolves with what was typed, or null when cancelled.
 * @param {boolean} refused
 * @returns {Promise<string | null>}
 */
function askToken(refused) {
  const dialog = /** @type {HTMLDialogElement} */ (byId('token-dialog'));
  const input = /** @type {HTMLInputElement} */ (byId('token-input'));
  byId('token-error').hidden = !refused;
  input.value = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () =>
        resolve(dialog.returnValue === 'save' && input.value.trim() ? input.value.trim() : null),
      { once: true },
    );
  });
}

/**
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

// Keep "… ago" in the status rows current.
window.setInterval(() => status.render(), 5_000);
