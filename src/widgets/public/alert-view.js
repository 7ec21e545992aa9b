// @ts-check
import { EVENT_KEYS, fillTemplate, templateValues } from './lib/event-text.js';

/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./alert-queue.js').QueuedAlert} QueuedAlert */
/** @typedef {import('./alert-queue.js').ShownAlert} ShownAlert */

/**
 * How the alert box looks and sounds.
 * @typedef {object} AlertLook
 * @property {number} durationMs  time fully on screen
 * @property {'pop' | 'slide' | 'fade' | 'none'} animation
 * @property {Record<TwitchEventType, { title: string; text: string; sound: string }>} templates
 * @property {boolean} showMessage  the cheer's message under the alert
 * @property {number} volume  0..1
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
    const audio = this.#playSound(alert.message.event);

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

  /** @param {QueuedAlert} alert */
  #card({ id, message }) {
    const template = this.look.templates[message.event];
    const values = templateValues(message);
    const card = document.createElement('section');
    card.className = `alert alert--${EVENT_KEYS[message.event]} anim-${this.look.animation}`;
    card.dataset.eventId = String(id);
    card.dataset.event = message.event;

    const title = document.createElement('div');
    title.className = 'alert__title';
    title.textContent = fillTemplate(template.title, values)
      .map((part) => part.text)
      .join('');

    const text = document.createElement('div');
    text.className = 'alert__text';
    // Text nodes only: names and cheer messages come from viewers and must never become markup.
    for (const part of fillTemplate(template.text, values)) {
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

    if (this.look.showMessage && message.event === 'channel.cheer' && values.message) {
      const detail = document.createElement('div');
      detail.className = 'alert__message';
      detail.textContent = values.message;
      card.append(detail);
    }
    return card;
  }

  /** @param {TwitchEventType} event */
  #playSound(event) {
    const url = this.look.templates[event].sound;
    if (!url || this.look.volume <= 0) return null;
    const audio = new Audio(url);
    audio.volume = this.look.volume;
    // A browser that blocks autoplay (not OBS) refuses here; the alert shows all the same.
    audio.play().catch(() => {});
    return audio;
  }
}
