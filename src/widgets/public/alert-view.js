// @ts-check
import { EVENT_KEYS, fillTemplate, templateValues } from './lib/event-text.js';
import { EVENTS_WITH_MESSAGE } from './lib/message-parts.js';
import { messageNodes, shownMessageParts } from './lib/message-view.js';
import { summarize } from './recovered-summary.js';
import { addShoutoutParts } from './shoutout-card.js';

/** The events whose viewer's message the alert shows under its text (`showMessage`). */
const WITH_MESSAGE = EVENTS_WITH_MESSAGE;

/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./alert-queue.js').QueuedAlert} QueuedAlert */
/** @typedef {import('./alert-queue.js').ShownAlert} ShownAlert */

/**
 * How the alert box looks and sounds.
 * @typedef {object} AlertLook
 * @property {number} durationMs  time fully on screen
 * @property {'pop' | 'slide' | 'fade' | 'none'} animation
 * @property {(message: import('../../contract/sse-contract.js').EventMessage) => AlertTemplate} templateFor
 *   what an event's alert says, shows and plays (its variation by amount, if one applies)
 * @property {AlertTemplate} summaryTemplate  the summary of recovered events (`{summary}`)
 * @property {boolean} showMessage  the cheer's message, or the viewer's input to a reward, under the alert
 * @property {import('./lib/message-view.js').MessageLook} messages  how viewers' messages are
 *   drawn (emotes and cheermotes as images, emote-only ones left out or not)
 * @property {number} volume  0..1
 */

/**
 * What one kind of alert says, shows and plays.
 * @typedef {object} AlertTemplate
 * @property {string} title
 * @property {string} text
 * @property {string} sound  a URL, or "" for none
 * @property {string} image  a URL of an image, GIF or video (WebM, MP4), or "" for none
 * @property {number} [variant]  the `min` of the variation by amount it comes from
 */

/** Video files play in a <video>; anything else is an <img> (PNG, JPEG, GIF, WebP, SVG…). */
const VIDEO = /\.(webm|mp4)([?#]|$)/i;

/** How long the enter and leave animations take (alerts.css uses the same). */
const ENTER_MS = 450;
const LEAVE_MS = 350;

/**
 * Puts alerts on the stage: builds the card from the event's template, plays its sound, and runs
 * enter → hold → leave on timers (not animation events, which a hidden OBS source may never fire).
 */
export class AlertView {
  /**
   * @param {HTMLElement} stage
   * @param {AlertLook} look
   */
  constructor(stage, look) {
    this.stage = stage;
    this.look = look;
  }

  /**
   * @param {QueuedAlert} alert
   * @returns {ShownAlert}
   */
  present(alert) {
    const card = this.#card(alert);
    const animated = this.look.animation !== 'none';
    card.classList.add('is-entering');
    this.stage.append(card);
    const audio = this.#playSound(this.#template(alert).sound, alert.id);

    /** @type {() => void} */
    let done = () => {};
    const finished = new Promise((resolve) => (done = () => resolve(undefined)));
    /** @type {number | undefined} */
    let timer;
    let leaving = false;
    const leave = () => {
      if (leaving) return;
      leaving = true;
      window.clearTimeout(timer);
      card.classList.remove('is-entering');
      card.classList.add('is-leaving');
      timer = window.setTimeout(
        () => {
          card.remove();
          done();
        },
        animated ? LEAVE_MS : 0,
      );
    };
    timer = window.setTimeout(
      () => {
        card.classList.remove('is-entering');
        timer = window.setTimeout(leave, this.look.durationMs);
      },
      animated ? ENTER_MS : 0,
    );
    return {
      finished,
      skip: () => {
        audio?.pause();
        leave();
      },
    };
  }

  /**
   * What the alert says: its event's template, or the summary's.
   * @param {QueuedAlert} alert
   */
  #template(alert) {
    return alert.summary ? this.look.summaryTemplate : this.look.templateFor(alert.message);
  }

  /** @param {QueuedAlert} alert */
  #card(alert) {
    const { id, message, summary } = alert;
    const template = this.#template(alert);
    const values = summary
      ? { summary: summarize(summary.events) }
      : templateValues(message, { prime: alert.prime });
    const kind = summary ? 'summary' : EVENT_KEYS[message.event];
    const card = document.createElement('section');
    card.className = `alert alert--${kind} anim-${this.look.animation}`;
    card.dataset.eventId = String(id);
    card.dataset.event = summary ? 'summary' : message.event;

    const title = document.createElement('div');
    title.className = 'alert__title';
    title.textContent = fillTemplate(template.title, values)
      .map((part) => part.text)
      .join('');

    const text = document.createElement('div');
    text.className = 'alert__text';
    // Text nodes only: names and cheer messages come from viewers and must never become markup.
    const parts = fillTemplate(template.text, values);
    // A summary highlights its numbers ("3 follows, 500 bits"), not the whole line.
    for (const part of summary ? parts.flatMap(highlightNumbers) : parts) {
      if (!summary && part.name === 'message' && WITH_MESSAGE.has(message.event)) {
        // `{message}` in the alert's own text: with its emotes, like the line under it.
        const shown = shownMessageParts(message, this.look.messages);
        const value = document.createElement('span');
        value.className = 'alert__value';
        if (shown) value.append(messageNodes(shown, this.look.messages));
        text.append(value);
      } else if (part.value) {
        const value = document.createElement('span');
        value.className = 'alert__value';
        value.textContent = part.text;
        text.append(value);
      } else {
        text.append(part.text);
      }
    }
    if (template.variant !== undefined) card.dataset.variant = String(template.variant);
    const media = template.image ? this.#media(template.image, card) : null;
    if (media) card.append(media);
    card.append(title, text);
    // A shoutout: the other channel's avatar in front, its last game under the text.
    if (alert.channel && !summary) addShoutoutParts(card, alert.channel, values.name ?? '');

    // What the viewer wrote: a cheer's, resub's or Power-up's message (with its emotes and
    // cheermotes), or a reward's input (text).
    if (!summary && this.look.showMessage) {
      const line = document.createElement('div');
      line.className = 'alert__message';
      if (WITH_MESSAGE.has(message.event)) {
        const shown = shownMessageParts(message, this.look.messages);
        if (shown) line.append(messageNodes(shown, this.look.messages));
      } else if (message.event === 'channel.channel_points_custom_reward_redemption.add') {
        line.textContent = values.input;
      }
      if (line.hasChildNodes()) card.append(line);
    }
    return card;
  }

  /**
   * The alert's image, GIF or video. It never holds the alert up: the card is on screen for its
   * time whether the file loads or not, and one that fails is taken away (a console warning says
   * which), leaving the text.
   * @param {string} url
   * @param {HTMLElement} card
   */
  #media(url, card) {
    const fail = () => {
      console.warn(
        `twitch-realtime: the alert image ${url} could not be loaded; the alert plays without it.`,
      );
      element.remove();
      card.classList.add('alert--media-failed');
    };
    /** @type {HTMLImageElement | HTMLVideoElement} */
    let element;
    if (VIDEO.test(url)) {
      const video = document.createElement('video');
      video.muted = true; // the alert's sound is the sound option; autoplay needs muted
      video.autoplay = true;
      video.loop = true;
      video.playsInline = true;
      video.addEventListener('error', fail, { once: true });
      video.src = url;
      video.play?.()?.catch(() => {});
      element = video;
    } else {
      const image = document.createElement('img');
      image.alt = '';
      image.decoding = 'async';
      image.addEventListener('error', fail, { once: true });
      image.src = url;
      element = image;
    }
    element.className = 'alert__media';
    return element;
  }

  /**
   * @param {string} url
   * @param {number} id  the alert's, for the warning
   */
  #playSound(url, id) {
    if (!url || this.look.volume <= 0) return null;
    const audio = new Audio();
    audio.addEventListener(
      'error',
      () =>
        console.warn(
          `twitch-realtime: the alert sound ${url} could not be played (alert ${id}); the alert plays without it.`,
        ),
      { once: true },
    );
    audio.src = url;
    audio.volume = this.look.volume;
    // A browser that blocks autoplay (not OBS) refuses here; the alert shows all the same.
    audio.play().catch(() => {});
    return audio;
  }
}

/**
 * Splits a filled-in value so only its numbers stay highlighted.
 * @param {{ text: string; value: boolean; name?: string }} part
 * @returns {Array<{ text: string; value: boolean; name?: string }>}
 */
function highlightNumbers(part) {
  if (!part.value) return [part];
  return part.text
    .split(/(\d[\d,.\u00a0\u202f]*)/)
    .filter((text) => text !== '')
    .map((text) => ({ text, value: /^\d/.test(text) }));
}
