// @ts-check
// The alert box (`/widgets/alerts`): plays each event it is set up for as an alert, one at a time,
// and keeps its place in the stream across reloads. See ALERT_BOX_WIDGET for its URL options.
import { AlertQueue } from './alert-queue.js';
import { AlertView } from './alert-view.js';
import { PrimeNotices } from './prime-notices.js';
import { RecoveredSummaries, summarize } from './recovered-summary.js';
import {
  ALERT_EVENT_TYPES,
  EVENT_KEYS,
  VARIANT_AMOUNTS,
  fillTemplate,
  templateValues,
} from './lib/event-text.js';
import { MessageImagesSource, messageLook } from './lib/message-view.js';
import { mountWidget } from './lib/mount-widget.js';
import { lookUpShoutoutChannel, shoutoutChannelId } from './lib/shoutout-channel.js';
import { ALERT_BOX_WIDGET, mediaUrl } from './lib/widget-options.js';
import {
  keptAlertBox,
  reduceAlertBox,
  requestedEvents,
  restoreAlertBox,
} from './state/alert-box-state.js';

/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./alert-view.js').AlertLook} AlertLook */
/** @typedef {import('./alert-view.js').AlertTemplate} AlertTemplate */
/** @typedef {import('./alert-queue.js').QueuedAlert} QueuedAlert */
/** @typedef {import('./lib/widget-options.js').WidgetQuery} WidgetQuery */
/** @typedef {import('./lib/mount-widget.js').WidgetPage} WidgetPage */
/** @typedef {import('./state/alert-box-state.js').AlertFilter} AlertFilter */
/** @typedef {import('./state/alert-box-state.js').AlertBoxState} AlertBoxState */
/** @typedef {import('./state/alert-box-state.js').AlertStep} AlertStep */

/** How long a shoutout's alert waits for its channel's avatar and game before it plays without. */
const SHOUTOUT_LOOKUP_WAIT_MS = 1500;

/**
 * How long a sub's alert waits for the chat's notice of it (which says whether it was with Prime)
 * before it plays without, when the service receives the notices. Twitch sends the two together.
 */
const PRIME_NOTICE_WAIT_MS = 1500;

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

/**
 * @typedef {object} AlertBoxSettings
 * @property {AlertFilter} filter
 * @property {AlertLook} look
 * @property {number} gapMs
 */

/** An emote's height in the alert's message at scale 1: 1.5 × its 28 px font (alerts.css). */
const EMOTE_PX = 42;

const messageImages = new MessageImagesSource();
// The first alert may come with the stream's first message: draw it with its emotes.
await messageImages.ready;

mountWidget({
  spec: ALERT_BOX_WIDGET,
  settings: alertBoxSettings,
  // The server sends only the events this box shows; status tells it when a replay is incomplete.
  query: ({ filter }) => ({
    types: 'event,control,status',
    events: requestedEvents(filter.events).join(','),
  }),
  initial: (_, kept) => restoreAlertBox(kept),
  reduce: (state, message, id, { filter }) =>
    reduceAlertBox(state, message, id, filter, Date.now()),
  keep: keptAlertBox,
  view: alertStage,
});

/**
 * @param {WidgetQuery} query
 * @returns {AlertBoxSettings}
 */
function alertBoxSettings(query) {
  for (const name of query.unknownOptions({ variants: true })) {
    console.warn(`twitch-realtime: the alert box has no option "${name}"; it is ignored.`);
  }
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
  const templateFor = (message) => {
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
  };

  return {
    filter: {
      events: new Set(query.multi('events')),
      minBits: query.number('minBits'),
      maxAgeMs: query.number('maxAge') * 1000,
      giftedSubs: query.choice('giftedSubs'),
      recovered: query.choice('recovered'),
    },
    look: {
      durationMs: query.number('duration') * 1000,
      animation: /** @type {AlertLook['animation']} */ (query.choice('animation')),
      showMessage: query.choice('message') === 'show',
      messages: messageLook(query, messageImages, EMOTE_PX),
      volume: query.number('volume') / 100,
      summaryTemplate: {
        title: query.text('title.summary'),
        text: query.text('text.summary'),
        sound: query.media('sound.summary') || defaultSound,
        image: '',
      },
      templateFor,
    },
    gapMs: query.number('gap') * 1000,
  };
}

/**
 * The stage and its queue: each step of the state happens once (an alert queued, summed up,
 * skipped, or the one on screen ended), and the queue holds or plays as the state is paused.
 * @param {AlertBoxSettings} settings
 * @param {WidgetPage} page
 * @returns {(state: AlertBoxState) => void}
 */
function alertStage({ look, gapMs }, page) {
  const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
  const view = new AlertView(stage, look);
  const queue = new AlertQueue({
    gapMs,
    present: (alert) => {
      const shown = view.present(alert);
      announce(look, 'start', alert);
      void shown.finished.then(() => announce(look, 'end', alert));
      return shown;
    },
    onChange: () => {
      document.body.dataset.paused = String(queue.paused);
      document.body.dataset.waiting = String(queue.waiting);
      page.save();
    },
  });
  // Up to the oldest alert not yet played, so a reload plays the ones still waiting.
  page.resumeBefore(() => queue.oldestWaitingId);
  const summaries = new RecoveredSummaries(queue);
  const primeNotices = new PrimeNotices();
  /** Whether the service receives the chat's notices (which tell a sub alert "with Prime"). */
  let noticesCome = false;
  /** @type {AlertStep | null} */
  let done = null;

  /**
   * Queues a sub's alert with what the chat's notice of it says: at once when the notice came
   * first (or none will), else once it comes, for a moment at most (the alerts behind it wait).
   * @param {number} id
   * @param {EventMessage} message
   */
  const queueSub = (id, message) => {
    const prime = primeNotices.primeOf(message);
    if (prime !== null || !noticesCome) {
      queue.push({ id, message, ...(prime ? { prime } : {}) });
      return;
    }
    /** @type {QueuedAlert} */
    const alert = { id, message, ready: false };
    queue.push(alert);
    void primeNotices.waitFor(message, PRIME_NOTICE_WAIT_MS).then((found) => {
      if (found) alert.prime = true;
      queue.release(alert);
    });
  };

  /** @param {AlertStep} step */
  const take = (step) => {
    // Every notice the box gets, played or not, may be the one a sub alert waits for.
    if ('message' in step) primeNotices.take(step.message);
    switch (step.kind) {
      case 'skip':
        announce(look, 'skipped', step, step.reason);
        return;
      case 'summarize':
        summaries.add(step.id, step.message);
        return;
      case 'play': {
        // An alert behind a summary ends its burst: the summary never reaches past it.
        summaries.close();
        const channelId = shoutoutChannelId(step.message);
        if (channelId === null) {
          queueSub(step.id, step.message);
          return;
        }
        // A shoutout holds its place (and the alerts behind it) while its channel is looked up,
        // for a short while at most; a later answer still fills the card in.
        const channel = lookUpShoutoutChannel(channelId);
        /** @type {QueuedAlert} */
        const shoutout = { id: step.id, message: step.message, ready: false, channel };
        queue.push(shoutout);
        const waited = new Promise((resolve) =>
          window.setTimeout(resolve, SHOUTOUT_LOOKUP_WAIT_MS),
        );
        void Promise.race([channel, waited]).then(() => queue.release(shoutout));
        return;
      }
      case 'end-current':
        queue.skip();
        return;
      case 'gap-recovered':
        summaries.gapDone(step.gap);
        return;
    }
  };

  return ({ paused, notices, step }) => {
    noticesCome = notices;
    if (paused) queue.pause();
    else queue.resume();
    if (step && step !== done) take(step);
    done = step;
  };
}

/**
 * @param {AlertLook} look
 * @param {AlertNotice['phase']} phase
 * @param {QueuedAlert} alert
 * @param {string} [reason]
 */
function announce(look, phase, { id, message, summary, prime }, reason) {
  const parts = summary
    ? fillTemplate(look.summaryTemplate.text, { summary: summarize(summary.events) })
    : fillTemplate(look.templateFor(message).text, templateValues(message, { prime }));
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
