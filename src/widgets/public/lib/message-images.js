// @ts-check
// Where the images of a message's emotes and cheermotes come from: the emote CDN (its base URL
// from the service, EMOTE_CDN_URL) and the channel's cheermotes (GET /api/twitch/cheermotes).
// URLs are built only from parts message-parts.js has checked, or taken whole from the service's
// answer; a viewer's text never becomes part of a URL here.
import { isCheermotePrefix, isEmoteId } from './message-parts.js';

/** @typedef {import('./message-parts.js').MessagePart} MessagePart */
/** @typedef {import('../../../emotes/cheermotes-api.js').CheermotesResponse} CheermotesResponse */
/** @typedef {import('../../../emotes/cheermotes-api.js').CheermoteTier} CheermoteTier */

/** The emote CDN's sizes: `1.0` is 28 px square, `2.0` 56, `3.0` 112. */
const EMOTE_SCALES = /** @type {const} */ ([
  ['1.0', 28],
  ['2.0', 56],
  ['3.0', 112],
]);

/** The cheermote CDN's sizes, 28 px at `1`. */
const CHEERMOTE_SCALES = /** @type {const} */ (['1', '1.5', '2', '3', '4']);

const COLOR = /^#[0-9A-Fa-f]{6}$/;

/**
 * What the widgets need to draw a message's images: the emote CDN and the cheermotes by
 * lower-case prefix, each with its tiers highest first.
 * @typedef {object} MessageImages
 * @property {string} emoteBaseUrl  "" when the service gave none usable (emotes then stay text)
 * @property {ReadonlyMap<string, readonly CheermoteTier[]>} cheermotes
 */

/** No images: every emote and cheermote reads as its text. @type {MessageImages} */
export const NO_MESSAGE_IMAGES = { emoteBaseUrl: '', cheermotes: new Map() };

/**
 * The service's answer as `MessageImages`, keeping only what is safe to draw: an http(s) base
 * URL, prefixes of letters and digits, tiers with a whole `min_bits`, a `#rrggbb` colour and
 * http(s) image URLs.
 * @param {unknown} answer
 * @returns {MessageImages}
 */
export function messageImagesFrom(answer) {
  const body = /** @type {Partial<CheermotesResponse>} */ (
    typeof answer === 'object' && answer !== null ? answer : {}
  );
  /** @type {Map<string, CheermoteTier[]>} */
  const cheermotes = new Map();
  for (const cheermote of Array.isArray(body.cheermotes) ? body.cheermotes : []) {
    if (!isCheermotePrefix(cheermote?.prefix) || !Array.isArray(cheermote.tiers)) continue;
    const tiers = cheermote.tiers
      .filter(
        (tier) =>
          Number.isInteger(tier?.min_bits) &&
          typeof tier.color === 'string' &&
          COLOR.test(tier.color) &&
          imageUrls(tier.images).every(isHttpUrl),
      )
      .sort((a, b) => b.min_bits - a.min_bits);
    if (tiers.length > 0) cheermotes.set(cheermote.prefix.toLowerCase(), tiers);
  }
  const base = typeof body.emoteBaseUrl === 'string' ? body.emoteBaseUrl.replace(/\/+$/, '') : '';
  return { emoteBaseUrl: isHttpUrl(base) ? base : '', cheermotes };
}

/**
 * The smallest emote CDN scale that is at least as large as the emote is drawn (`drawnPx` at
 * the widget's scale 1, times `scale`), so it is sharp without loading more than it shows.
 * @param {number} scale  the widget's `scale` option
 * @param {number} drawnPx
 * @returns {'1.0' | '2.0' | '3.0'}
 */
export function emoteScale(scale, drawnPx) {
  const wanted = drawnPx * scale;
  return (EMOTE_SCALES.find(([, size]) => size >= wanted) ?? EMOTE_SCALES[2])[0];
}

/**
 * The emote's image URL on the CDN (`<base>/<id>/<format>/dark/<scale>`), or "" when there is no
 * CDN or the id is not one that may reach a URL.
 * @param {string} baseUrl
 * @param {Extract<MessagePart, { kind: 'emote' }>} emote
 * @param {'1.0' | '2.0' | '3.0'} scale
 */
export function emoteImageUrl(baseUrl, emote, scale) {
  if (!baseUrl || !isEmoteId(emote.id)) return '';
  return `${baseUrl}/${emote.id}/${emote.format}/dark/${scale}`;
}

/**
 * A cheermote's image and colour: its prefix's highest tier that its Bits reach, animated, at
 * the smallest scale as large as it is drawn. Null when the channel has no such cheermote.
 * @param {ReadonlyMap<string, readonly CheermoteTier[]>} cheermotes
 * @param {Extract<MessagePart, { kind: 'cheermote' }>} cheermote
 * @param {number} scale  the widget's `scale` option
 * @param {number} drawnPx
 * @returns {{ url: string; color: string } | null}
 */
export function cheermoteImage(cheermotes, cheermote, scale, drawnPx) {
  const tiers = cheermotes.get(cheermote.prefix.toLowerCase());
  const tier = tiers?.find((candidate) => cheermote.bits >= candidate.min_bits);
  if (!tier) return null;
  const wanted = drawnPx * scale;
  const size = CHEERMOTE_SCALES.find((candidate) => 28 * Number(candidate) >= wanted) ?? '4';
  const animated = tier.images?.dark?.animated ?? {};
  const url = animated[size] ?? animated['1'];
  return typeof url === 'string' ? { url, color: tier.color } : null;
}

/**
 * Every string at the leaves of a tier's images (background → kind → scale → URL).
 * @param {unknown} images
 * @returns {unknown[]}
 */
function imageUrls(images) {
  if (typeof images !== 'object' || images === null) return [undefined];
  return Object.values(images).flatMap((value) =>
    typeof value === 'string' ? [value] : imageUrls(value),
  );
}

/** @param {unknown} url */
function isHttpUrl(url) {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
