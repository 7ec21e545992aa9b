// @ts-check
// The chat box (`/widgets/chat`): the channel's chat, newest at the bottom, with Twitch emotes
// (animated where they are), cheermotes, mentions, badges and name colours, replies and shared
// chat. It opens on the recent chat in the service's event log (`GET /api/events`), moderation
// included, so a reload or a second copy shows the same lines and none a moderator removed; then
// it follows the stream. Everything drawn from a message is text nodes and checked URLs (see
// chat-line-view.js). See CHAT_WIDGET for its URL options.
import { ChatBadgeSource } from './lib/chat-badges.js';
import { chatLineElement, EMOTE_PX } from './lib/chat-line-view.js';
import { CHAT_WIDGET } from './lib/chat-options.js';
import { text } from './lib/event-fields.js';
import { loadEventHistory } from './lib/event-history.js';
import { MessageImagesSource } from './lib/message-view.js';
import { mountWidget } from './lib/mount-widget.js';
import { ThirdPartyEmoteSource } from './lib/third-party-emotes.js';
import { CHAT_EVENTS, EMPTY_CHAT, reduceChat } from './state/chat-state.js';

/** @typedef {import('../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('./state/chat-state.js').ChatFilter} ChatFilter */
/** @typedef {import('./state/chat-state.js').ChatLine} ChatLine */
/** @typedef {import('./state/chat-state.js').ChatState} ChatState */
/** @typedef {import('./lib/mount-widget.js').DrawPhase} DrawPhase */

/**
 * @typedef {object} ChatSettings
 * @property {ChatFilter} filter
 * @property {number} fadeAfterMs  0: lines stay
 * @property {import('./lib/chat-line-view.js').ChatLook} look
 */

/** How long a fading line takes to go (chat.css). */
const FADE_MS = 600;

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
    look: {
      badges,
      showBadges: query.choice('badges') === 'show',
      scale: query.number('scale'),
      messages: {
        images: messageImages,
        scale: query.number('scale'),
        drawnPx: EMOTE_PX,
        hideEmoteOnly: false,
      },
      thirdParty: new ThirdPartyEmoteSource(query.multi('thirdPartyEmotes')),
    },
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
  let lines = 0;
  return loadEventHistory({
    events: CHAT_EVENTS,
    pageSize: 200,
    take: (message, id) => {
      take(message, id);
      if (message.event === 'channel.chat.message') lines++;
    },
    enough: () => lines >= filter.limit,
  });
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
      const element = chatLineElement(line, settings.look);
      const next = [...drawn.entries()].find(([other]) => other > line.id)?.[1] ?? null;
      box.insertBefore(element, next);
      drawn.set(line.id, element);
      if (settings.fadeAfterMs > 0) fadeLater(line.id, element, sentAt);
    }
    box.dataset.count = String(drawn.size);
    box.dataset.loaded = String(caughtUp);
  };
}
