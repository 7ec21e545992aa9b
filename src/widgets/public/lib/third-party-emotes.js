// @ts-check
// The channel's 7TV, BetterTTV and FrankerFaceZ emotes, for a chat box whose `thirdPartyEmotes`
// option names them: the browser asks each service's public API (the URLs the service gives at
// GET /api/twitch/chat-emotes, so tests point them at a local stub). What the services answer is
// not trusted either: an emote's id must look like an id before it becomes part of an image URL
// on the configured CDN, and its code is only ever compared with words and shown as text.
import { list, record, text } from './event-fields.js';

/** @typedef {import('../../../chat/chat-api.js').ChatEmotesResponse} ChatEmotesResponse */
/** @typedef {'7tv' | 'bttv' | 'ffz'} EmoteService */

/**
 * A third-party emote: its image at the sizes its CDN has, smallest first.
 * @typedef {object} ThirdPartyEmote
 * @property {EmoteService} service
 * @property {readonly [number, string][]} images  [pixels, URL]
 */

const CHAT_EMOTES_PATH = '/api/twitch/chat-emotes';
/** Each answer is waited for this long at most; the chat shows without those emotes meanwhile. */
const ANSWER_MS = 8_000;
/** When the service is not signed in yet (no channel id), or a service failed, ask again this often. */
const RETRY_MS = 5 * 60_000;

/** An emote id that may become part of a URL: no dots, slashes, percent signs or spaces. */
const EMOTE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A Twitch user id, as the services take it. */
const CHANNEL_ID = /^\d{1,20}$/;

/** Lower services first: a code two services both have is drawn as the later one's (7TV's). */
const SERVICE_ORDER = /** @type {const} */ (['ffz', 'bttv', '7tv']);

/**
 * The emotes of the services asked for, by code (case-sensitive, as the services match them).
 * Empty until the services answer; each service's channel emotes replace its global ones.
 */
export class ThirdPartyEmoteSource {
  /** @type {ReadonlyMap<string, ThirdPartyEmote>} */
  current = new Map();

  /** @type {Map<EmoteService, Map<string, ThirdPartyEmote>>} */
  #byService = new Map();

  /** @param {readonly string[]} services  the chat box's `thirdPartyEmotes` */
  constructor(services) {
    this.services = /** @type {EmoteService[]} */ (
      SERVICE_ORDER.filter((service) => services.includes(service))
    );
    if (this.services.length > 0) void this.#load();
  }

  async #load() {
    /** @type {ChatEmotesResponse} */
    let where;
    try {
      const response = await fetch(CHAT_EMOTES_PATH, {
        cache: 'no-store',
        signal: AbortSignal.timeout(ANSWER_MS),
      });
      if (!response.ok) throw new Error(`${CHAT_EMOTES_PATH} answered ${response.status}`);
      where = await response.json();
    } catch (error) {
      console.warn(`twitch-realtime: third-party emotes unavailable (${error}); retrying later.`);
      window.setTimeout(() => void this.#load(), RETRY_MS);
      return;
    }
    const channelId = text(where?.channelId);
    if (!CHANNEL_ID.test(channelId)) {
      window.setTimeout(() => void this.#load(), RETRY_MS);
      return;
    }
    const failed = await Promise.all(
      this.services.map(async (service) => {
        const urls = record(record(where.services)[service]);
        const api = httpBase(urls.api);
        const cdn = httpBase(urls.cdn);
        if (!api || !cdn) return false;
        try {
          this.#byService.set(service, await SERVICES[service](api, cdn, channelId));
          this.#merge();
          return false;
        } catch (error) {
          console.warn(`twitch-realtime: ${service} emotes could not be loaded (${error}).`);
          return true;
        }
      }),
    );
    document.documentElement.dataset.thirdPartyEmotes = String(this.current.size);
    if (failed.some(Boolean)) window.setTimeout(() => void this.#load(), RETRY_MS);
  }

  #merge() {
    /** @type {Map<string, ThirdPartyEmote>} */
    const merged = new Map();
    for (const service of SERVICE_ORDER) {
      for (const [code, emote] of this.#byService.get(service) ?? []) merged.set(code, emote);
    }
    this.current = merged;
  }
}

/**
 * Each service: its global emotes, then the channel's (which win), as `code → emote`.
 * @type {Record<EmoteService, (api: string, cdn: string, channelId: string) => Promise<Map<string, ThirdPartyEmote>>>}
 */
const SERVICES = {
  // 7TV v3: a user's active emote set, and the global set; images <cdn>/<id>/<n>x.webp.
  '7tv': async (api, cdn, channelId) => {
    const [global, user] = await Promise.all([
      getJson(`${api}/emote-sets/global`),
      getJson(`${api}/users/twitch/${channelId}`, true),
    ]);
    const emotes = [...list(record(global).emotes), ...list(record(record(user).emote_set).emotes)];
    return byCode(
      emotes.map((emote) => ({ code: emote.name, id: emote.id })),
      '7tv',
      (id) => [
        [32, `${cdn}/${id}/1x.webp`],
        [64, `${cdn}/${id}/2x.webp`],
        [128, `${cdn}/${id}/4x.webp`],
      ],
    );
  },
  // BetterTTV v3: global emotes, a channel's own and shared ones; images <cdn>/<id>/<n>x.
  bttv: async (api, cdn, channelId) => {
    const [global, user] = await Promise.all([
      getJson(`${api}/cached/emotes/global`),
      getJson(`${api}/cached/users/twitch/${channelId}`, true),
    ]);
    const channel = record(user);
    const emotes = [...list(global), ...list(channel.channelEmotes), ...list(channel.sharedEmotes)];
    return byCode(
      emotes.map((emote) => ({ code: emote.code, id: emote.id })),
      'bttv',
      (id) => [
        [28, `${cdn}/${id}/1x`],
        [56, `${cdn}/${id}/2x`],
        [112, `${cdn}/${id}/3x`],
      ],
    );
  },
  // FrankerFaceZ v1: the global default sets and the room's sets; images <cdn>/<id>/<n>, and
  // <cdn>/<id>/animated/<n> for an animated one.
  ffz: async (api, cdn, channelId) => {
    const [global, room] = await Promise.all([
      getJson(`${api}/set/global`),
      getJson(`${api}/room/id/${channelId}`, true),
    ]);
    const defaultSets = record(global).default_sets;
    const defaults = new Set((Array.isArray(defaultSets) ? defaultSets : []).map(String));
    const setsOf = (/** @type {unknown} */ answer, /** @type {(id: string) => boolean} */ wanted) =>
      Object.entries(record(record(answer).sets))
        .filter(([id]) => wanted(id))
        .flatMap(([, set]) => list(record(set).emoticons));
    const emotes = [...setsOf(global, (id) => defaults.has(id)), ...setsOf(room, () => true)];
    return byCode(
      emotes.map((emote) => ({
        code: emote.name,
        id: typeof emote.id === 'number' ? String(emote.id) : emote.id,
        animated: typeof emote.animated === 'object' && emote.animated !== null,
      })),
      'ffz',
      (id, animated) =>
        [1, 2, 4].map((n) => [28 * n, `${cdn}/${id}/${animated ? 'animated/' : ''}${n}`]),
    );
  },
};

/**
 * The emotes whose code and id check out, by code (a later one of the same code wins).
 * @param {Array<{ code: unknown; id: unknown; animated?: boolean }>} emotes
 * @param {EmoteService} service
 * @param {(id: string, animated: boolean) => [number, string][]} images
 */
function byCode(emotes, service, images) {
  /** @type {Map<string, ThirdPartyEmote>} */
  const found = new Map();
  for (const { code, id, animated } of emotes) {
    if (typeof code !== 'string' || !/^\S{1,100}$/u.test(code)) continue;
    if (typeof id !== 'string' || !EMOTE_ID.test(id)) continue;
    found.set(code, { service, images: images(id, animated === true) });
  }
  return found;
}

/**
 * A JSON answer; with `missingIsEmpty`, a 404 (a channel the service does not know) is nothing.
 * @param {string} url
 * @param {boolean} [missingIsEmpty]
 */
async function getJson(url, missingIsEmpty = false) {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(ANSWER_MS),
    credentials: 'omit',
  });
  if (missingIsEmpty && response.status === 404) return {};
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
  return /** @type {unknown} */ (await response.json());
}

/**
 * An http(s) base URL without a trailing slash, or "" for anything else.
 * @param {unknown} value
 */
function httpBase(value) {
  if (typeof value !== 'string') return '';
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
    return value.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/**
 * The emote's image that is at least `wantedPx` tall, or its largest.
 * @param {ThirdPartyEmote} emote
 * @param {number} wantedPx
 */
export function thirdPartyImage(emote, wantedPx) {
  const found =
    emote.images.find(([px]) => px >= wantedPx) ?? emote.images[emote.images.length - 1];
  return found?.[1] ?? '';
}
