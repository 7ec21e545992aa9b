// @ts-check
// The chat badges the chat box draws, from the service (GET /api/twitch/chat-badges: Helix's,
// cached there). A message names its badges by set and version; only those two, checked, are
// looked up, and an image URL is taken only whole from the service's answer, never built from a
// message.
import { list, text } from './event-fields.js';

/** @typedef {import('../../../chat/chat-api.js').ChatBadgeImage} ChatBadgeImage */

/** Where the chat box reads the badges (see ChatController). */
const CHAT_BADGES_PATH = '/api/twitch/chat-badges';
/** Until the service has read the badges, ask again this often. */
const RETRY_MS = 60_000;
/** A first answer that takes longer than this is not waited for (badges show as text meanwhile). */
const FIRST_ANSWER_MS = 5_000;

const BADGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A badge's height at scale 1 (chat.css: 1.1em of 22 px). */
const BADGE_PX = 24;

/**
 * A badge as a message names it, and what the chat box draws for it: an image (when the service
 * knows it) and a text for when there is none or it does not load.
 * @typedef {object} ShownBadge
 * @property {string} key  `set/version`
 * @property {string} title  the badge's name (or its set's id)
 * @property {string} url  "" when there is no image to load
 */

/**
 * The service's badges by `set/version`, asked for once (and every minute while the service has
 * read none yet). `data-chat-badges` on the page says `loaded` or `none`.
 */
export class ChatBadgeSource {
  /** @type {ReadonlyMap<string, ChatBadgeImage>} */
  current = new Map();

  /** Resolves once the first answer came (or did not, in time). */
  ready = this.#load();

  async #load() {
    try {
      const response = await fetch(CHAT_BADGES_PATH, {
        cache: 'no-store',
        signal: AbortSignal.timeout(FIRST_ANSWER_MS),
      });
      if (!response.ok) throw new Error(`${CHAT_BADGES_PATH} answered ${response.status}`);
      const answer = await response.json();
      this.current = badgesFrom(answer);
      document.documentElement.dataset.chatBadges = 'loaded';
      if (answer?.updatedAt === null) window.setTimeout(() => void this.#load(), RETRY_MS);
    } catch (error) {
      document.documentElement.dataset.chatBadges ??= 'none';
      console.warn(
        `twitch-realtime: chat badges could not be loaded (${error}); badges show as text. Retrying in a minute.`,
      );
      window.setTimeout(() => void this.#load(), RETRY_MS);
    }
  }
}

/**
 * The service's answer as a map, keeping only entries with checked ids and http(s) image URLs.
 * @param {unknown} answer
 * @returns {Map<string, ChatBadgeImage>}
 */
export function badgesFrom(answer) {
  /** @type {Map<string, ChatBadgeImage>} */
  const badges = new Map();
  const body = typeof answer === 'object' && answer !== null ? answer : {};
  for (const badge of list(/** @type {{ badges?: unknown }} */ (body).badges)) {
    const setId = text(badge.set_id);
    const id = text(badge.id);
    const urls = [badge.image_url_1x, badge.image_url_2x, badge.image_url_4x];
    if (!BADGE_ID.test(setId) || !BADGE_ID.test(id) || !urls.every(isHttpUrl)) continue;
    badges.set(`${setId}/${id}`, /** @type {ChatBadgeImage} */ (/** @type {unknown} */ (badge)));
  }
  return badges;
}

/**
 * The badges a message carries (`badges`: `{set_id, id}` each), as the chat box draws them. One
 * whose ids do not check out is left out; one the service does not know is its set's id as text.
 * @param {unknown} carried
 * @param {ReadonlyMap<string, ChatBadgeImage>} known
 * @param {number} scale  the widget's `scale`: which image size is sharp enough
 * @returns {ShownBadge[]}
 */
export function shownBadges(carried, known, scale) {
  return list(carried).flatMap((badge) => {
    const setId = text(badge.set_id);
    const id = text(badge.id);
    if (!BADGE_ID.test(setId) || !BADGE_ID.test(id)) return [];
    const key = `${setId}/${id}`;
    const image = known.get(key);
    if (!image) return [{ key, title: setId, url: '' }];
    // Drawn at 1.1em of the chat's 22 px text, about 24 px at scale 1: the 36 px image is sharp.
    const drawn = BADGE_PX * scale;
    const url =
      drawn <= 18 ? image.image_url_1x : drawn <= 36 ? image.image_url_2x : image.image_url_4x;
    return [{ key, title: text(image.title) || setId, url }];
  });
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
