// @ts-check
// A chat message or notice cut into what the chat box draws: text, Twitch emotes, cheermotes,
// mentions and (when asked for) third-party emotes; and the chatter's name colour. Everything in
// a chat message is viewer-controlled: ids pass message-parts.js's checks before they become
// URLs, colours must be `#rrggbb`, and a fragment of a kind Twitch adds later is its text.
import { list, record, text } from './event-fields.js';
import { fragmentParts } from './message-parts.js';

/** @typedef {import('./message-parts.js').MessagePart} MessagePart */
/** @typedef {import('./third-party-emotes.js').ThirdPartyEmote} ThirdPartyEmote */

/**
 * One piece of a chat message: a `MessagePart`, a mention (`@name`, highlighted) or a
 * third-party emote.
 * @typedef {MessagePart
 *   | { kind: 'mention'; text: string }
 *   | { kind: 'third-party'; text: string; emote: ThirdPartyEmote }} ChatPart
 */

const COLOR = /^#[0-9A-Fa-f]{6}$/;

/**
 * The parts of a chat message's `message` (`{text, fragments}`): each fragment as
 * `fragmentParts` reads it, mentions as mentions, and in text the words that are third-party
 * emote codes as those emotes.
 * @param {unknown} body  the event's `message`
 * @param {ReadonlyMap<string, ThirdPartyEmote>} thirdParty
 * @returns {ChatPart[]}
 */
export function chatParts(body, thirdParty) {
  const message = record(body);
  const fragments = Array.isArray(message.fragments) ? list(message.fragments) : null;
  /** @type {ChatPart[]} */
  const pieces = [];
  for (const fragment of fragments ?? [{ type: 'text', text: message.text }]) {
    if (fragment.type === 'mention' && text(fragment.text) !== '') {
      pieces.push({ kind: 'mention', text: text(fragment.text) });
    } else {
      pieces.push(...fragmentParts({ fragments: [fragment] }));
    }
  }
  if (thirdParty.size === 0) return joinText(pieces);
  return joinText(pieces).flatMap((piece) =>
    piece.kind === 'text' ? withThirdParty(piece.text, thirdParty) : [piece],
  );
}

/**
 * The parts with neighbouring text joined, so a message reads as few runs as it can.
 * @param {ChatPart[]} parts
 * @returns {ChatPart[]}
 */
function joinText(parts) {
  /** @type {ChatPart[]} */
  const joined = [];
  for (const part of parts) {
    const last = joined[joined.length - 1];
    if (part.kind === 'text' && last?.kind === 'text') {
      joined[joined.length - 1] = { kind: 'text', text: last.text + part.text };
    } else {
      joined.push(part);
    }
  }
  return joined;
}

/**
 * Text with its words that are third-party emote codes as those emotes.
 * @param {string} words
 * @param {ReadonlyMap<string, ThirdPartyEmote>} thirdParty
 * @returns {ChatPart[]}
 */
function withThirdParty(words, thirdParty) {
  /** @type {ChatPart[]} */
  const parts = [];
  let plain = '';
  for (const match of words.matchAll(/\s+|\S+/gu)) {
    const emote = thirdParty.get(match[0]);
    if (emote) {
      if (plain !== '') parts.push({ kind: 'text', text: plain });
      plain = '';
      parts.push({ kind: 'third-party', text: match[0], emote });
    } else {
      plain += match[0];
    }
  }
  if (plain !== '') parts.push({ kind: 'text', text: plain });
  return parts;
}

/**
 * The chatter's name colour as CSS, or "" (the box's readable default) when they have none or it
 * is not `#rrggbb`. A colour too dark to read on the chat's dark outline is lightened, as Twitch
 * does in dark mode.
 * @param {unknown} color
 */
export function nameColor(color) {
  if (typeof color !== 'string' || !COLOR.test(color)) return '';
  const channels = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  if (luminance >= 0.12) return color.toLowerCase();
  // Mix with white until it reads on dark: a pure #0000ff becomes a light blue.
  const amount = 0.5 - luminance * 2;
  const mixed = channels.map((c) => Math.round(c + (255 - c) * amount));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Whether a message came from another channel under shared chat: `source_broadcaster_user_id`
 * names a channel other than this one.
 * @param {Record<string, unknown>} data
 */
export function fromOtherChannel(data) {
  const source = text(data.source_broadcaster_user_id);
  return source !== '' && source !== text(data.broadcaster_user_id);
}
