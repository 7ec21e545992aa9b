// @ts-check
// The alert box (`/widgets/alerts`): plays each event it is set up for as an alert, one at a time,
// and keeps its place in the stream across reloads. See ALERT_BOX_WIDGET for its URL options.
import { AlertQueue } from './alert-queue.js';
import { AlertView } from './alert-view.js';
import { RecoveredSummaries, summarize } from './recovered-summary.js';
import { connectionBadge } from './lib/connection-badge.js';
import { TWITCH_EVENT_TYPES } from './lib/contract.js';
import { EVENT_KEYS, fillTemplate, templateValues } from './lib/event-text.js';
import { StreamConnection, placeKey } from './lib/stream-connection.js';
import { ALERT_BOX_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./alert-view.js').AlertLook} AlertLook */
/** @typedef {import('./alert-queue.js').QueuedAlert} QueuedAlert */

/**
 * What the alert box says about each alert, as a `twitch-alert` event on window: `start` and `end`
 * of an alert on screen, or `skipped` with the reason. Tests and custom scripts can listen.
 * @typedef {object} AlertNotice
 * @property {'start' | 'end' | 'skipped'} phase
 * @property {number} id  for a summary, the id of its first event
 * @property {TwitchEventType} event  for a summary, the type of its first event
 * @property {string} text
 * @property {string} [reason]
 * @property {number[]} [summaryOf]  on a summary of recovered events: the ids it stands for
 */

const query = new WidgetQuery(ALERT_BOX_WIDGET, location.search);
const settings = {
  events: new Set(query.multi('events')),
  minBits: query.number('minBits'),
  maxAgeMs: query.number('maxAge') * 1000,
  giftedSubs: query.choice('giftedSubs'),
  recovered: query.choice('recovered'),
};
applyLook(query);

const defaultSound = query.url('sound');
/** @type {AlertLook} */
const look = {
  durationMs: query.number('duration') * 1000,
  animation: /** @type {AlertLook['animation']} */ (query.choice('animation')),
  showMessage: query.choice('message') === 'show',
  volume: query.number('volume') / 100,
  summaryTemplate: {
    title: query.text('title.summary'),
    text: query.text('text.summary'),
    sound: query.url('sound.summary') || defaultSound,
  },
  templates: /** @type {AlertLook['templates']} */ (
    Object.fromEntries(
      TWITCH_EVENT_TYPES.map((event) => {
        const key = EVENT_KEYS[event];
        return [
          event,
          {
            title: query.text(`title.${key}`),
            text: query.text(`text.${key}`),
            sound: query.url(`sound.${key}`) || defaultSound,
          },
        ];
      }),
    )
  ),
};

const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
const view = new AlertView(stage, look);

/** @type {StreamConnection<{ paused: boolean }>} */
const connection = new StreamConnection({
  storageKey: placeKey('alerts'),
  // The server sends only the events this box shows; status tells it when a replay is incomplete.
  query: { types: 'event,control,status', events: [...settings.events].join(',') },
  onMessage: receive,
  place: () => {
    // Up to the oldest alert not yet played, so a reload plays the ones still waiting.
    const waiting = queue.oldestWaitingId;
    const cursor = waiting === null ? connection.lastId : waiting - 1;
    return { cursor, state: { paused: queue.paused } };
  },
  onStateChange: connectionBadge(query.choice('debug') === 'on'),
});

const queue = new AlertQueue({
  gapMs: query.number('gap') * 1000,
  present: (alert) => {
    const shown = view.present(alert);
    announce('start', alert);
    void shown.finished.then(() => announce('end', alert));
    return shown;
  },
  onChange: () => {
    document.body.dataset.paused = String(queue.paused);
    document.body.dataset.waiting = String(queue.waiting);
    connection.save();
  },
});
if (connection.savedState?.paused) queue.pause();
const summaries = new RecoveredSummaries(queue);

/**
 * @param {import('../../contract/sse-contract.js').StreamMessage} message
 * @param {number} id
 */
function receive(message, id) {
  switch (message.type) {
    case 'event': {
      const reason = whyNotShown(message);
      if (reason) {
        announce('skipped', { id, message }, reason);
      } else if (message.recovered && settings.recovered === 'summary') {
        summaries.add(id, message);
      } else {
        // An alert behind a summary ends its burst: the summary never reaches past it.
        summaries.close();
        queue.push({ id, message });
      }
      return;
    }
    case 'control':
      if (message.data.action === 'pause') queue.pause();
      else if (message.data.action === 'resume') queue.resume();
      else queue.skip();
      return;
    case 'status':
      // What we missed is gone (old id, or the service restarted and forgot its pause state);
      // start over from the server's state, which follows this message.
      if ('replay' in message.data) queue.resume();
      if ('recovery' in message.data && message.data.recovery.state !== 'recovering') {
        summaries.gapDone(message.data.recovery);
      }
      return;
    case 'stats':
      return;
  }
}

/**
 * Why an event shows no alert, or "" when it does.
 * @param {EventMessage} message
 */
function whyNotShown(message) {
  const { event, data, recovered } = message;
  if (!settings.events.has(event)) return 'event not chosen';
  if (recovered && settings.recovered === 'skip') return 'recovered (recovered=skip)';
  if (recovered && settings.recovered === 'summary' && event.startsWith('stream.')) {
    return 'recovered online/offline (the summary counts viewers’ events only)';
  }
  if (event === 'channel.cheer' && Number(data.bits) < settings.minBits) return 'below minBits';
  // Gift bombs are not recovered, so a recovered gifted sub has no gift alert to cover it.
  if (
    event === 'channel.subscribe' &&
    data.is_gift === true &&
    settings.giftedSubs === 'hide' &&
    !recovered
  ) {
    return 'gifted sub (the gift alert covers it)';
  }
  const sentAt = sentTime(message);
  if (settings.maxAgeMs > 0 && sentAt !== null && Date.now() - sentAt > settings.maxAgeMs) {
    return 'older than maxAge';
  }
  return '';
}

/**
 * When the event was sent out, in ms: `sentAt`, else the event's own time (follows and
 * stream.online carry one); null when unknown, and then the alert plays. A recovered event counts
 * from when it was recovered (`sentAt`) only: it happened earlier by nature.
 * @param {EventMessage} message
 */
function sentTime(message) {
  const { sentAt } = message;
  const { followed_at: followedAt, started_at: startedAt } = message.data;
  for (const time of message.recovered ? [sentAt] : [sentAt, followedAt, startedAt]) {
    if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) return Date.parse(time);
  }
  return null;
}

/**
 * @param {AlertNotice['phase']} phase
 * @param {QueuedAlert} alert
 * @param {string} [reason]
 */
function announce(phase, { id, message, summary }, reason) {
  const parts = summary
    ? fillTemplate(look.summaryTemplate.text, { summary: summarize(summary.events) })
    : fillTemplate(look.templates[message.event].text, templateValues(message));
  /** @type {AlertNotice} */
  const detail = {
    phase,
    id,
    event: message.event,
    text: parts.map((part) => part.text).join(''),
    ...(reason ? { reason } : {}),
    ...(summary ? { summaryOf: [...summary.ids] } : {}),
  };
  window.dispatchEvent(new CustomEvent('twitch-alert', { detail }));
}

connection.start();
