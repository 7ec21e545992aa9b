// @ts-check
// The chat box (`/widgets/chat`): the channel's chat, newest at the bottom, with Twitch emotes
// (animated where they are), cheermotes, mentions, badges and name colours, replies and shared
// chat. It opens on the recent chat in the service's event log (`GET /api/events`), moderation
// included, so a reload or a second copy shows the same lines and none a moderator removed; then
// it follows the stream. Everything drawn from a message is text nodes and checked URLs (see
// chat-message-parts.js, chat-badges.js). See CHAT_WIDGET for its URL options.
import { ChatBadgeSource, shownBadges } from './lib/chat-badges.js';
import { chatParts, nameColor } from './lib/chat-message-parts.js';
import { CHAT_WIDGET } from './lib/chat-options.js';
import { record, text } from './lib/event-fields.js';
import { MessageImagesSource, messageNodes } from './lib/message-view.js';
import { mountWidget } from './lib/mount-widget.js';
import { ThirdPartyEmoteSource, thirdPartyImage } from './lib/third-party-emotes.js';
import { CHAT_EVENTS, EMPTY_CHAT, fromOtherChannel, reduceChat } from './state/chat-state.js';

/** @typedef {import('../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../alerts/alerts-api.js').EventHistoryResponse} EventHistoryResponse */
/** @typedef {import('./state/chat-state.js').ChatFilter} ChatFilter */
/** @typedef {import('./state/chat-state.js').ChatLine} ChatLine */
/** @typedef {import('./state/chat-state.js').ChatState} ChatState */
/** @typedef {import('./lib/message-view.js').MessageLook} MessageLook */
/** @typedef {import('./lib/chat-message-parts.js').ChatPart} ChatPart */
/** @typedef {import('./lib/mount-widget.js').DrawPhase} DrawPhase */

/**
 * @typedef {object} ChatSettings
 * @property {ChatFilter} filter
 * @property {number} fadeAfterMs  0: lines stay
 * @property {boolean} badges
 * @property {number} scale
 * @property {MessageLook} messages
 * @property {ThirdPartyEmoteSource} thirdParty
 */

/** History pages read at most, looking for enough lines. */
const MAX_HISTORY_PAGES = 5;
/** An emote's height at scale 1: 1.5 × the chat's 22 px text (chat.css). */
const EMOTE_PX = 33;
/** How long a fading line takes to go (chat.css). */
const FADE_MS = 600;
/** Announcement colours Twitch sends, each a class of its own. */
const ANNOUNCEMENT_COLOURS = new Set(['blue', 'green', 'orange', 'purple']);

const messageImages = new MessageImagesSource();
const badges = new ChatBadgeSource();
// The history's lines are drawn at once: with their emotes and badges.
await Promise.all([messageImages.ready, badges.ready]);

mountWidget({
  spec: CHAT_WIDGET,
  settings: (query) => ({
    filter: {
      limit: Math.round(query.number('limit')),
      hideCommands: query.choice('commands') === 'hide',
      bots: new Set(
        query
          .text('bots')
          .split(',')
          .map((login) => login.trim().toLowerCase())
          .filter(Boolean),
      ),
      sharedChat: query.choice('sharedChat') === 'show',
      notices: query.choice('notices') === 'show',
    },
    fadeAfterMs: query.number('fadeAfter') * 1000,
    badges: query.choice('badges') === 'show',
    scale: query.number('scale'),
    messages: {
      images: messageImages,
      scale: query.number('scale'),
      drawnPx: EMOTE_PX,
      hideEmoteOnly: false,
    },
    thirdParty: new ThirdPartyEmoteSource(query.multi('thirdPartyEmotes')),
  }),
  query: () => ({ types: 'event', events: CHAT_EVENTS.join(',') }),
  initial: () => EMPTY_CHAT,
  reduce: (state, message, id, { filter }) => reduceChat(state, message, id, filter),
  view: chatView,
  catchUp: async ({ filter }, take) => {
    try {
      return await loadRecentChat(filter, take);
    } catch (error) {
      // The box still fills with live chat; the recent chat comes with the next load.
      console.warn(
        `The chat box could not load the recent chat (${error}); showing live chat only.`,
      );
      return 0;
    }
  },
});

/**
 * Takes the recent chat from the event log, newest first, moderation included (a delete may
 * come before the message it removes: the state keeps removals as facts), and gives the id to
 * resume the stream after.
 * @param {ChatFilter} filter
 * @param {(message: StreamMessage, id: number) => void} take
 * @returns {Promise<number>}
 */
async function loadRecentChat(filter, take) {
  const params = new URLSearchParams({ limit: '200', events: CHAT_EVENTS.join(',') });
  let lastId = 0;
  let lines = 0;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const response = await fetch(`/api/events?${params}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`/api/events answered ${response.status}`);
    /** @type {EventHistoryResponse} */
    const history = await response.json();
    if (page === 0) lastId = history.lastId;
    for (const { id, message } of history.events) {
      take(message, id);
      if (message.event === 'channel.chat.message') lines++;
    }
    if (lines >= filter.limit || history.nextCursor === null) break;
    params.set('before', String(history.nextCursor));
  }
  return lastId;
}

/**
 * Draws the lines: a line already drawn stays put, a new one is added in its place, one the
 * state no longer has (pushed out, deleted, timed out, cleared) goes at once. With `fadeAfter`,
 * a line fades out that long after it was sent, and one older than that is not drawn.
 * @param {ChatSettings} settings
 * @returns {(state: ChatState, phase: DrawPhase) => void}
 */
function chatView(settings) {
  const box = /** @type {HTMLOListElement} */ (document.getElementById('chat'));
  /** Drawn lines by id. @type {Map<number, HTMLLIElement>} */
  const drawn = new Map();
  /** Lines that faded out: never drawn again. @type {Set<number>} */
  const faded = new Set();

  /** @param {number} id @param {HTMLLIElement} element @param {number} sentAt */
  const fadeLater = (id, element, sentAt) => {
    const left = sentAt + settings.fadeAfterMs - Date.now();
    window.setTimeout(
      () => {
        element.classList.add('chat-line--fading');
        window.setTimeout(() => {
          faded.add(id);
          drawn.delete(id);
          element.remove();
          box.dataset.count = String(drawn.size);
        }, FADE_MS);
      },
      Math.max(0, left),
    );
  };

  return ({ lines }, { caughtUp }) => {
    const kept = new Set(lines.map((line) => line.id));
    for (const [id, element] of drawn) {
      if (kept.has(id)) continue;
      element.remove();
      drawn.delete(id);
    }
    for (const line of lines) {
      if (drawn.has(line.id) || faded.has(line.id)) continue;
      const sentAt = Date.parse(text(line.message.sentAt)) || Date.now();
      if (settings.fadeAfterMs > 0 && Date.now() - sentAt >= settings.fadeAfterMs) {
        faded.add(line.id);
        continue;
      }
      const element = lineElement(line, settings);
      const next = [...drawn.entries()].find(([other]) => other > line.id)?.[1] ?? null;
      box.insertBefore(element, next);
      drawn.set(line.id, element);
      if (settings.fadeAfterMs > 0) fadeLater(line.id, element, sentAt);
    }
    box.dataset.count = String(drawn.size);
    box.dataset.loaded = String(caughtUp);
  };
}

/**
 * One line: a message (badges, name, text) or a notice (Twitch's words, then what the viewer
 * wrote), with the channel it came from under shared chat and the message it answers.
 * @param {ChatLine} line
 * @param {ChatSettings} settings
 */
function lineElement(line, settings) {
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
 * @param {ChatSettings} settings
 */
function who(data, settings) {
  const fragment = document.createDocumentFragment();
  if (settings.badges) {
    const shown = shownBadges(data.badges, badges.current, settings.scale);
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
 * @param {import('./lib/chat-badges.js').ShownBadge} badge
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
 * @param {ChatSettings} settings
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
