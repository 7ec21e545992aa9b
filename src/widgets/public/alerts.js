// @ts-check
// The alert box (`/widgets/alerts`): plays each event it is set up for as an alert, one at a time,
// and keeps its place in the stream across reloads. See ALERT_BOX_WIDGET for its URL options.
import { AlertQueue } from './alert-queue.js';
import { AlertView } from './alert-view.js';
import { RecoveredSummaries, summarize } from './recovered-summary.js';
import { connectionBadge } from './lib/connection-badge.js';
import {
  ALERT_EVENT_TYPES,
  EVENT_KEYS,
  VARIANT_AMOUNTS,
  fillTemplate,
  templateValues,
} from './lib/event-text.js';
import { StreamConnection, placeKey } from './lib/stream-connection.js';
import { ALERT_BOX_WIDGET, WidgetQuery, mediaUrl } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./alert-view.js').AlertLook} AlertLook */
/** @typedef {import('./alert-view.js').AlertTemplate} AlertTemplate */
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
for (const name of query.unknownOptions({ variants: true })) {
  console.warn(`twitch-realtime: the alert box has no option "${name}"; it is ignored.`);
}
const settings = {
  events: new Set(query.multi('events')),
  minBits: query.number('minBits'),
  maxAgeMs: query.number('maxAge') * 1000,
  giftedSubs: query.choice('giftedSubs'),
  recovered: query.choice('recovered'),
};
applyLook(query);

const defaultSound = query.media('sound');
const defaultImage = query.media('image');
/** Each event's own alert. @type {Record<string, AlertTemplate>} */
const templates = Object.fromEntries(
  ALERT_EVENT_TYPES.map((event) => {
    const key = EVENT_KEYS[event];
    return [
      event,
      {
        title: query.text(`title.${key}`),
        text: query.text(`text.${key}`),
        sound: query.media(`sound.${key}`) || defaultSound,
        image: query.media(`image.${key}`) || defaultImage,
      },
    ];
  }),
);
/** Variations by amount, highest `min` first; their media as URLs. */
const variants = query.variants().map((variant) => ({
  ...variant,
  sound: variant.sound === undefined ? undefined : mediaUrl(variant.sound, 'variant sound'),
  image: variant.image === undefined ? undefined : mediaUrl(variant.image, 'variant image'),
}));

/**
 * What an event's alert says, shows and plays: its own settings, with the fields of the highest
 * variation whose `min` its amount reaches (bits, raiders, gifted subs, reward cost, train level).
 * @param {EventMessage} message
 * @returns {AlertTemplate}
 */
function templateFor(message) {
  const base = templates[message.event] ?? { title: '', text: '', sound: '', image: '' };
  const key = EVENT_KEYS[message.event];
  const amount = VARIANT_AMOUNTS[key]?.of(message.data);
  if (amount === undefined || amount === null) return base;
  const variant = variants.find((v) => v.event === key && amount >= v.min);
  if (!variant) return base;
  return {
    title: variant.title ?? base.title,
    text: variant.text ?? base.text,
    sound: variant.sound ?? base.sound,
    image: variant.image ?? base.image,
    variant: variant.min,
  };
}

/** @type {AlertLook} */
const look = {
  durationMs: query.number('duration') * 1000,
  animation: /** @type {AlertLook['animation']} */ (query.choice('animation')),
  showMessage: query.choice('message') === 'show',
  volume: query.number('volume') / 100,
  summaryTemplate: {
    title: query.text('title.summary'),
    text: query.text('text.summary'),
    sound: query.media('sound.summary') || defaultSound,
    image: '',
  },
  templateFor,
};

const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
const view = new AlertView(stage, look);

/**
 * The level each hype train has reached as far as this box knows (by train id), so that a progress
 * event shows an alert only when it climbs a level. Kept with the box's place across reloads.
 * @type {Map<string, number>}
 */
const trainLevels = new Map();

/**
 * The events the box asks the server for: the ones it shows, and a hype train's begin when its
 * level-ups are shown (the begin tells the level a train starts from).
 */
const wanted = new Set(settings.events);
if (wanted.has('channel.hype_train.progress')) wanted.add('channel.hype_train.begin');

/** @type {StreamConnection<{ paused: boolean; trains?: Record<string, number> }>} */
const connection = new StreamConnection({
  storageKey: placeKey('alerts'),
  // The server sends only the events this box shows; status tells it when a replay is incomplete.
  query: { types: 'event,control,status', events: [...wanted].join(',') },
  onMessage: receive,
  place: () => {
    // Up to the oldest alert not yet played, so a reload plays the ones still waiting.
    const waiting = queue.oldestWaitingId;
    const cursor = waiting === null ? connection.lastId : waiting - 1;
    return { cursor, state: { paused: queue.paused, trains: Object.fromEntries(trainLevels) } };
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
for (const [id, level] of Object.entries(connection.savedState?.trains ?? {})) {
  if (typeof level === 'number') trainLevels.set(id, level);
}
const summaries = new RecoveredSummaries(queue);

/**
 * @param {import('../../contract/sse-contract.js').StreamMessage} message
 * @param {number} id
 */
function receive(message, id) {
  switch (message.type) {
    case 'event': {
      const levelUp = followHypeTrain(message);
      const reason = whyNotShown(message, levelUp);
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
 * Notes the level a hype train event tells; true when it is a progress that reached a new level
 * of a train this box has seen begin (or climb) before.
 * @param {EventMessage} message
 */
function followHypeTrain(message) {
  const { event, data } = message;
  if (!event.startsWith('channel.hype_train.') || typeof data.id !== 'string') return false;
  const level = typeof data.level === 'number' ? data.level : 0;
  const known = trainLevels.get(data.id);
  if (event === 'channel.hype_train.end') {
    trainLevels.delete(data.id);
  } else {
    trainLevels.set(data.id, Math.max(known ?? 0, level));
    // A few trains are plenty to remember; the oldest go first.
    while (trainLevels.size > 5)
      trainLevels.delete(/** @type {string} */ (trainLevels.keys().next().value));
  }
  connection.save();
  return event === 'channel.hype_train.progress' && known !== undefined && level > known;
}

/**
 * Why an event shows no alert, or "" when it does.
 * @param {EventMessage} message
 * @param {boolean} levelUp  a hype train progress that reached a new level
 */
function whyNotShown(message, levelUp) {
  const { event, data, recovered } = message;
  if (!settings.events.has(event)) return 'event not chosen';
  if (event === 'channel.hype_train.progress' && !levelUp)
    return 'hype train progress, no new level';
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
    : fillTemplate(templateFor(message).text, templateValues(message));
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
