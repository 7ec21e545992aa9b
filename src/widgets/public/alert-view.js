// @ts-check
import { EVENT_KEYS, fillTemplate, templateValues } from './lib/event-text.js';
import { summarize } from './recovered-summary.js';

/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./alert-queue.js').QueuedAlert} QueuedAlert */
/** @typedef {import('./alert-queue.js').ShownAlert} ShownAlert */

/**
 * How the alert box looks and sounds.
 * @typedef {object} AlertLook
 * @property {number} durationMs  time fully on screen
 * @property {'pop' | 'slide' | 'fade' | 'none'} animation
 * @property {Record<TwitchEventType, AlertTemplate>} templates
 * @property {AlertTemplate} summaryTemplate  the summary of recovered events (`{summary}`)
 * @property {boolean} showMessage  the cheer's message under the alert
 * @property {number} volume  0..1
 */

/**
 * What one kind of alert says and plays.
 * @typedef {object} AlertTemplate
 * @property {string} title
 * @property {string} text
 * @property {string} sound  a URL, or "" for none
 */

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
    const audio = this.#playSound(this.#template(alert).sound);

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
    return alert.summary ? this.look.summaryTemplate : this.look.templates[alert.message.event];
  }

  /** @param {QueuedAlert} alert */
  #card(alert) {
    const { id, message, summary } = alert;
    const template = this.#template(alert);
    const values = summary ? { summary: summarize(summary.events) } : templateValues(message);
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
      if (part.value) {
        const value = document.createElement('span');
        value.className = 'alert__value';
        value.textContent = part.text;
        text.append(value);
      } else {
        text.append(part.text);
      }
    }
    card.append(title, text);

    if (this.look.showMessage && !summary && message.event === 'channel.cheer' && values.message) {
      const detail = document.createElement('div');
      detail.className = 'alert__message';
      detail.textContent = values.message;
      card.append(detail);
    }
    return card;
  }

  /** @param {string} url */
  #playSound(url) {
    if (!url || this.look.volume <= 0) return null;
    const audio = new Audio(url);
    audio.volume = this.look.volume;
    // A browser that blocks autoplay (not OBS) refuses here; the alert shows all the same.
    audio.play().catch(() => {});
    return audio;
  }
}

/**
 * Splits a filled-in value so only its numbers stay highlighted.
 * @param {{ text: string; value: boolean }} part
 */
function highlightNumbers(part) {
  if (!part.value) return [part];
  return part.text
    .split(/(\d[\d,.\u00a0\u202f]*)/)
    .filter((text) => text !== '')
    .map((text) => ({ text, value: /^\d/.test(text) }));
}
