// @ts-check
// Draws a viewer's message with its emotes and cheermotes as images, for the alert box and the
// event list. Built from elements and text nodes only (never markup), with image URLs only from
// checked ids (message-images.js); an image that does not load gives way to its text.
import {
  cheermoteImage,
  emoteImageUrl,
  emoteScale,
  messageImagesFrom,
  NO_MESSAGE_IMAGES,
} from './message-images.js';
import { isEmoteOnly, messageParts } from './message-parts.js';

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('./message-parts.js').MessagePart} MessagePart */
/** @typedef {import('./message-images.js').MessageImages} MessageImages */

/** Where the widgets read the cheermotes and the emote CDN (see CheermotesController). */
const CHEERMOTES_PATH = '/api/twitch/cheermotes';
/** Until the service has read the channel's cheermotes, ask again this often. */
const RETRY_MS = 60_000;
/** A first answer that takes longer than this is not waited for (messages show as text). */
const FIRST_ANSWER_MS = 5_000;

/**
 * How a widget draws viewers' messages.
 * @typedef {object} MessageLook
 * @property {MessageImagesSource} images
 * @property {number} scale  the widget's `scale` option
 * @property {number} drawnPx  an emote's height at scale 1 (its CSS: 1.5em of the message's font)
 * @property {boolean} hideEmoteOnly  `emoteOnly=hide`: a message of nothing but emotes is left out
 */

/**
 * The message look a widget's URL asks for (`scale`, `emoteOnly`), with the page's images.
 * @param {import('./widget-query.js').WidgetQuery} query
 * @param {MessageImagesSource} images
 * @param {number} drawnPx  an emote's height at scale 1 in this widget
 * @returns {MessageLook}
 */
export function messageLook(query, images, drawnPx) {
  return {
    images,
    scale: query.number('scale'),
    drawnPx,
    hideEmoteOnly: query.choice('emoteOnly') === 'hide',
  };
}

/**
 * The page's cheermotes and emote CDN, from the service: none until the first answer, then what
 * it says; asked again every minute while the service has no cheermotes yet (its Twitch session
 * still starting). `data-message-images` on the page says `loaded` or `none`.
 */
export class MessageImagesSource {
  /** @type {MessageImages} */
  current = NO_MESSAGE_IMAGES;

  /** Resolves once the first answer came (or did not, in time): mount the widget after it. */
  ready = this.#load();

  async #load() {
    try {
      const response = await fetch(CHEERMOTES_PATH, {
        cache: 'no-store',
        signal: AbortSignal.timeout(FIRST_ANSWER_MS),
      });
      if (!response.ok) throw new Error(`${CHEERMOTES_PATH} answered ${response.status}`);
      const answer = await response.json();
      this.current = messageImagesFrom(answer);
      document.documentElement.dataset.messageImages = 'loaded';
      if (answer?.updatedAt === null) window.setTimeout(() => void this.#load(), RETRY_MS);
    } catch (error) {
      document.documentElement.dataset.messageImages ??= 'none';
      console.warn(
        `twitch-realtime: emotes and cheermotes could not be loaded (${error}); messages show as text. Retrying in a minute.`,
      );
      window.setTimeout(() => void this.#load(), RETRY_MS);
    }
  }
}

/**
 * The parts of an event's viewer message as the widget shows it: null when it has none, or when
 * it is emote-only and the widget hides those.
 * @param {EventMessage} message
 * @param {MessageLook} look
 * @returns {MessagePart[] | null}
 */
export function shownMessageParts(message, look) {
  const prefixes = new Set(look.images.current.cheermotes.keys());
  const parts = messageParts(message, prefixes);
  if (parts.length === 0) return null;
  return look.hideEmoteOnly && isEmoteOnly(parts) ? null : parts;
}

/**
 * The message's parts as nodes: text as text nodes, emotes as <img> (alt: the emote's text),
 * cheermotes as their tier's image and the amount in the tier's colour.
 * @param {readonly MessagePart[]} parts
 * @param {MessageLook} look
 * @returns {DocumentFragment}
 */
export function messageNodes(parts, look) {
  const images = look.images.current;
  const fragment = document.createDocumentFragment();
  for (const part of parts) {
    if (part.kind === 'emote') {
      const url = emoteImageUrl(images.emoteBaseUrl, part, emoteScale(look.scale, look.drawnPx));
      fragment.append(url ? image(url, part.text, 'message-emote') : part.text);
    } else if (part.kind === 'cheermote') {
      fragment.append(cheermote(part, images, look));
    } else {
      fragment.append(part.text);
    }
  }
  return fragment;
}

/**
 * `Cheer2500`: the tier's image (alt `Cheer`) and `2500` in the tier's colour; the whole word
 * as text when the channel has no such cheermote.
 * @param {Extract<MessagePart, { kind: 'cheermote' }>} part
 * @param {MessageImages} images
 * @param {MessageLook} look
 */
function cheermote(part, images, look) {
  const drawn = cheermoteImage(images.cheermotes, part, look.scale, look.drawnPx);
  const amount = String(part.bits);
  if (!drawn || !part.text.endsWith(amount)) return document.createTextNode(part.text);
  const word = document.createElement('span');
  word.className = 'message-cheermote';
  const bits = document.createElement('span');
  bits.className = 'message-cheermote__amount';
  bits.textContent = amount;
  bits.style.color = drawn.color; // #rrggbb, checked in messageImagesFrom
  word.append(
    image(drawn.url, part.text.slice(0, -amount.length), 'message-cheermote__image'),
    bits,
  );
  return word;
}

/**
 * An image that gives way to its text if it fails to load (a CDN that cannot be reached, an
 * emote that is gone).
 * @param {string} url
 * @param {string} text
 * @param {string} className
 */
function image(url, text, className) {
  const element = document.createElement('img');
  element.className = className;
  element.setAttribute('alt', text);
  element.setAttribute('decoding', 'async');
  element.addEventListener(
    'error',
    () => {
      const fallback = document.createElement('span');
      fallback.className = 'message-image-failed';
      fallback.textContent = text;
      element.replaceWith(fallback);
    },
    { once: true },
  );
  element.setAttribute('src', url);
  return element;
}
