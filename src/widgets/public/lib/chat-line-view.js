// @ts-check
// One line of the chat box as elements: a message (badges, name in its colour, text with its
// emotes, cheermotes and mentions) or a notice, with the message a reply answers and the channel
// a shared-chat message came from. Only text nodes and checked URLs (see chat-message-parts.js,
// chat-badges.js): everything in a chat message is typed by a viewer.
import { shownBadges } from './chat-badges.js';
import { chatParts, fromOtherChannel, nameColor } from './chat-message-parts.js';
import { record, text } from './event-fields.js';
import { messageNodes } from './message-view.js';
import { thirdPartyImage } from './third-party-emotes.js';

/** @typedef {import('../state/chat-state.js').ChatLine} ChatLine */
/** @typedef {import('./message-view.js').MessageLook} MessageLook */
/** @typedef {import('./chat-message-parts.js').ChatPart} ChatPart */

/**
 * How the chat box draws its lines.
 * @typedef {object} ChatLook
 * @property {import('./chat-badges.js').ChatBadgeSource} badges  the service's badges
 * @property {boolean} showBadges
 * @property {number} scale  the widget's `scale`
 * @property {MessageLook} messages  Twitch emotes and cheermotes
 * @property {import('./third-party-emotes.js').ThirdPartyEmoteSource} thirdParty
 */

/** An emote's height at scale 1: 1.5 × the chat's 22 px text (chat.css). */
export const EMOTE_PX = 33;
/** Announcement colours Twitch sends, each a class of its own. */
const ANNOUNCEMENT_COLOURS = new Set(['blue', 'green', 'orange', 'purple']);

/**
 * One line: a message (badges, name, text) or a notice (Twitch's words, then what the viewer
 * wrote), with the channel it came from under shared chat and the message it answers.
 * @param {ChatLine} line
 * @param {ChatLook} settings
 */
export function chatLineElement(line, settings) {
  const { message } = line;
  const data = message.data;
  const element = document.createElement('li');
  element.className = 'chat-line';
  element.dataset.id = String(line.id);
  element.dataset.messageId = line.messageId;
  const parts = chatParts(data.message, settings.thirdParty.current);

  if (message.event === 'channel.chat.notification') {
    element.classList.add('chat-line--notice');
    const notice = text(data.notice_type);
    element.dataset.notice = notice;
    const colour = text(record(data[notice]).color);
    if (notice.endsWith('announcement') && ANNOUNCEMENT_COLOURS.has(colour)) {
      element.classList.add(`chat-line--announcement-${colour}`);
    }
    const system = text(data.system_message);
    if (fromOtherChannel(data)) element.append(sourceMarker(data));
    if (system !== '') {
      const said = document.createElement('span');
      said.className = 'chat-line__system';
      said.textContent = system;
      element.append(said);
    }
    if (parts.length > 0) element.append(who(data, settings), ': ', partNodes(parts, settings));
    return element;
  }

  const reply = record(data.reply);
  if (text(reply.parent_user_name) !== '' || text(reply.parent_user_login) !== '') {
    const answered = document.createElement('span');
    answered.className = 'chat-line__reply';
    const body = text(reply.parent_message_body);
    answered.textContent = `↪ @${text(reply.parent_user_name) || text(reply.parent_user_login)}: ${body}`;
    element.append(answered);
  }
  if (fromOtherChannel(data)) element.append(sourceMarker(data));
  element.append(who(data, settings), ': ');
  const said = document.createElement('span');
  said.className = 'chat-line__text';
  said.append(partNodes(parts, settings));
  element.append(said);
  return element;
}

/**
 * The chatter's badges and name, in their colour.
 * @param {Record<string, unknown>} data
 * @param {ChatLook} settings
 */
function who(data, settings) {
  const fragment = document.createDocumentFragment();
  if (settings.showBadges) {
    const shown = shownBadges(data.badges, settings.badges.current, settings.scale);
    if (shown.length > 0) {
      const holder = document.createElement('span');
      holder.className = 'chat-line__badges';
      for (const badge of shown) holder.append(badgeNode(badge));
      fragment.append(holder);
    }
  }
  const name = document.createElement('span');
  name.className = 'chat-line__name';
  name.textContent = text(data.chatter_user_name) || text(data.chatter_user_login) || 'Someone';
  const colour = nameColor(data.color);
  if (colour) name.style.color = colour; // #rrggbb, checked: nothing else reaches the style
  fragment.append(name);
  return fragment;
}

/**
 * A badge's image (its name as alt text and tooltip), or its name as text when it has none or
 * the image does not load.
 * @param {import('./chat-badges.js').ShownBadge} badge
 */
function badgeNode(badge) {
  const asText = () => {
    const label = document.createElement('span');
    label.className = 'chat-badge chat-badge--text';
    label.dataset.badge = badge.key;
    label.textContent = badge.title;
    return label;
  };
  if (!badge.url) return asText();
  const image = document.createElement('img');
  image.className = 'chat-badge';
  image.dataset.badge = badge.key;
  image.setAttribute('alt', badge.title);
  image.setAttribute('title', badge.title);
  image.addEventListener('error', () => image.replaceWith(asText()), { once: true });
  image.setAttribute('src', badge.url);
  return image;
}

/**
 * The mark of a message from another channel under shared chat: that channel's name.
 * @param {Record<string, unknown>} data
 */
function sourceMarker(data) {
  const marker = document.createElement('span');
  marker.className = 'chat-line__source';
  marker.textContent =
    text(data.source_broadcaster_user_name) || text(data.source_broadcaster_user_login) || 'shared';
  return marker;
}

/**
 * A message's parts as nodes: mentions highlighted, third-party emotes as images (their code
 * when an image does not load), the rest as the alert box draws messages.
 * @param {readonly ChatPart[]} parts
 * @param {ChatLook} settings
 */
function partNodes(parts, settings) {
  const fragment = document.createDocumentFragment();
  for (const part of parts) {
    if (part.kind === 'mention') {
      const mention = document.createElement('span');
      mention.className = 'chat-mention';
      mention.textContent = part.text;
      fragment.append(mention);
    } else if (part.kind === 'third-party') {
      const url = thirdPartyImage(part.emote, EMOTE_PX * settings.scale);
      const image = document.createElement('img');
      image.className = 'chat-emote';
      image.dataset.service = part.emote.service;
      image.setAttribute('alt', part.text);
      image.addEventListener('error', () => image.replaceWith(part.text), { once: true });
      image.setAttribute('src', url);
      fragment.append(image);
    } else {
      fragment.append(messageNodes([part], settings.messages));
    }
  }
  return fragment;
}
