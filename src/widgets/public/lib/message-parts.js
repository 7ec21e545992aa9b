// @ts-check
// A viewer's message cut into text, Twitch emotes and cheermotes, from what each event carries:
// a resub's emote ranges, a Bits use's fragments, a cheer's plain text. Everything here is
// viewer-controlled: an id or prefix becomes an image only once it has passed the checks below,
// and anything that does not fit (a range outside the text, an odd id) stays text.
import { list, record, text } from './event-fields.js';

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */

/**
 * One piece of a message. An emote's `format` picks its image: `animated` or `static` when the
 * event says which it has, `default` (the CDN's choice: animated when there is one) when not.
 * @typedef {{ kind: 'text'; text: string }
 *   | { kind: 'emote'; text: string; id: string; format: 'default' | 'animated' | 'static' }
 *   | { kind: 'cheermote'; text: string; prefix: string; bits: number; tier: number }} MessagePart
 */

/** The events that carry a viewer's message with emotes or cheermotes (see `messageParts`). */
export const EVENTS_WITH_MESSAGE = /** @type {ReadonlySet<string>} */ (
  new Set(['channel.cheer', 'channel.subscription.message', 'channel.bits.use'])
);

/**
 * What an emote id must look like to reach a URL: Twitch's are digits or `emotesv2_` and hex.
 * No dots, slashes, percent signs or anything else that could move the URL elsewhere.
 */
const EMOTE_ID = /^[A-Za-z0-9_]{1,64}$/;

/** A cheermote prefix: letters and digits, as Twitch's (`Cheer`, `4Head`, `DoodleCheer`). */
const CHEERMOTE_PREFIX = /^[A-Za-z0-9]{1,40}$/;

/** The most Bits one cheermote word can carry here (Twitch's own limits are far lower). */
const MAX_CHEERMOTE_BITS = 10_000_000;

/** Whether an emote id may be put into an image URL. @param {unknown} id */
export function isEmoteId(id) {
  return typeof id === 'string' && EMOTE_ID.test(id);
}

/** Whether a cheermote prefix may be looked up and shown. @param {unknown} prefix */
export function isCheermotePrefix(prefix) {
  return typeof prefix === 'string' && CHEERMOTE_PREFIX.test(prefix);
}

/**
 * The parts of an event's message (a cheer's, a resub's or a Bits use's); none for other events
 * or a message without text. `cheermotePrefixes` are the channel's known prefixes (any case),
 * needed only for `channel.cheer`, whose message is plain text.
 * @param {EventMessage} message
 * @param {ReadonlySet<string>} cheermotePrefixes  lower-case
 * @returns {MessagePart[]}
 */
export function messageParts(message, cheermotePrefixes) {
  const data = message.data;
  switch (message.event) {
    case 'channel.subscription.message':
      return resubParts(record(data.message));
    case 'channel.bits.use':
      return fragmentParts(record(data.message));
    case 'channel.cheer':
      return cheerParts(text(data.message), cheermotePrefixes);
    default:
      return [];
  }
}

/**
 * A resub message: `text` and its `emotes`, each `{begin, end, id}`, both ends inclusive and
 * counted in code points (as Twitch's chat emote positions are). A range that is out of the
 * text, backwards, overlapping another, or has an unusable id leaves those characters as text.
 * @param {Record<string, unknown>} message
 * @returns {MessagePart[]}
 */
export function resubParts(message) {
  const characters = Array.from(text(message.text));
  const ranges = list(message.emotes)
    .map((emote) => ({ begin: emote.begin, end: emote.end, id: emote.id }))
    .filter(
      (range) =>
        Number.isInteger(range.begin) &&
        Number.isInteger(range.end) &&
        /** @type {number} */ (range.begin) >= 0 &&
        /** @type {number} */ (range.end) >= /** @type {number} */ (range.begin) &&
        /** @type {number} */ (range.end) < characters.length &&
        isEmoteId(range.id),
    )
    .map((range) => ({
      begin: /** @type {number} */ (range.begin),
      end: /** @type {number} */ (range.end),
      id: /** @type {string} */ (range.id),
    }))
    .sort((a, b) => a.begin - b.begin);
  /** @type {MessagePart[]} */
  const parts = [];
  let position = 0;
  for (const range of ranges) {
    if (range.begin < position) continue; // overlaps the emote before: its text stays text
    appendText(parts, characters.slice(position, range.begin).join(''));
    const code = characters.slice(range.begin, range.end + 1).join('');
    parts.push({ kind: 'emote', text: code, id: range.id, format: 'default' });
    position = range.end + 1;
  }
  appendText(parts, characters.slice(position).join(''));
  return parts;
}

/**
 * A Bits use's message: its `fragments` of type `text`, `emote` or `cheermote`. A fragment of a
 * kind Twitch adds later, or an emote or cheermote whose fields do not check out, is its text.
 * Without fragments, the message's text.
 * @param {Record<string, unknown>} message
 * @returns {MessagePart[]}
 */
export function fragmentParts(message) {
  if (!Array.isArray(message.fragments)) return textParts(text(message.text));
  /** @type {MessagePart[]} */
  const parts = [];
  for (const fragment of list(message.fragments)) {
    const words = text(fragment.text);
    const emote = record(fragment.emote);
    const cheermote = record(fragment.cheermote);
    if (fragment.type === 'emote' && isEmoteId(emote.id) && words !== '') {
      parts.push({
        kind: 'emote',
        text: words,
        id: /** @type {string} */ (emote.id),
        format: emoteFormat(emote.format),
      });
    } else if (
      fragment.type === 'cheermote' &&
      isCheermotePrefix(cheermote.prefix) &&
      isBits(cheermote.bits) &&
      words !== ''
    ) {
      parts.push({
        kind: 'cheermote',
        text: words,
        prefix: /** @type {string} */ (cheermote.prefix).toLowerCase(),
        bits: /** @type {number} */ (cheermote.bits),
        tier: isBits(cheermote.tier) ? /** @type {number} */ (cheermote.tier) : 0,
      });
    } else {
      appendText(parts, words);
    }
  }
  return parts;
}

/**
 * A cheer's message: each word of the form `<prefix><amount>` with a known prefix (any case, as
 * Twitch matches them) is a cheermote; the rest is text. `Cheer0`, `Cheer01` and unknown
 * prefixes are text, as Twitch does not count them.
 * @param {string} message
 * @param {ReadonlySet<string>} prefixes  lower-case
 * @returns {MessagePart[]}
 */
export function cheerParts(message, prefixes) {
  /** @type {MessagePart[]} */
  const parts = [];
  for (const match of message.matchAll(/\s+|\S+/gu)) {
    const word = match[0];
    const cheer = /^([A-Za-z0-9]*?[A-Za-z])([1-9]\d{0,7})$/.exec(word);
    const prefix = cheer?.[1]?.toLowerCase() ?? '';
    const bits = Number(cheer?.[2]);
    if (cheer && prefixes.has(prefix) && isCheermotePrefix(prefix) && isBits(bits)) {
      parts.push({ kind: 'cheermote', text: word, prefix, bits, tier: 0 });
    } else {
      appendText(parts, word);
    }
  }
  return parts;
}

/**
 * Whether a message is nothing but emotes and cheermotes (white space aside): what
 * `emoteOnly=hide` leaves out.
 * @param {readonly MessagePart[]} parts
 */
export function isEmoteOnly(parts) {
  const images = parts.filter((part) => part.kind !== 'text');
  return images.length > 0 && parts.every((part) => part.kind !== 'text' || !/\S/u.test(part.text));
}

/**
 * Which image an emote fragment's `format` list allows: animated when it lists `animated`,
 * static when it lists only others, the CDN's default when it says nothing.
 * @param {unknown} formats
 * @returns {'default' | 'animated' | 'static'}
 */
function emoteFormat(formats) {
  if (!Array.isArray(formats) || formats.length === 0) return 'default';
  return formats.includes('animated') ? 'animated' : 'static';
}

/** @param {unknown} value */
function isBits(value) {
  return (
    Number.isInteger(value) &&
    /** @type {number} */ (value) > 0 &&
    /** @type {number} */ (value) <= MAX_CHEERMOTE_BITS
  );
}

/** @param {string} words */
function textParts(words) {
  return words === '' ? [] : [{ kind: /** @type {const} */ ('text'), text: words }];
}

/**
 * Adds text, joined to the text part before it so a message reads as few runs as it can.
 * @param {MessagePart[]} parts
 * @param {string} words
 */
function appendText(parts, words) {
  if (words === '') return;
  const last = parts[parts.length - 1];
  if (last?.kind === 'text') last.text += words;
  else parts.push({ kind: 'text', text: words });
}
