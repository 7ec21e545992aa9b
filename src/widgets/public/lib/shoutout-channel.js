// @ts-check
// The other channel of a shoutout, as the alert box's shoutout card shows it: looked up on the
// service (`GET /api/twitch/channels/{id}`), by an id checked to be digits, with its image URL
// checked before it may become an <img>'s src.

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */

/**
 * What the card shows of the other channel, once checked.
 * @typedef {object} ShoutoutChannel
 * @property {string} avatarUrl  https:, or the simulator's http://localhost; "" for none
 * @property {string} gameName  "" when unknown
 */

const USER_ID = /^\d{1,20}$/;

/**
 * The id of the channel a shoutout is about (to whom, or from whom), or null for another event or
 * an id that is not a Twitch user id.
 * @param {EventMessage} message
 * @returns {string | null}
 */
export function shoutoutChannelId(message) {
  const id =
    message.event === 'channel.shoutout.create'
      ? message.data.to_broadcaster_user_id
      : message.event === 'channel.shoutout.receive'
        ? message.data.from_broadcaster_user_id
        : undefined;
  return typeof id === 'string' && USER_ID.test(id) ? id : null;
}

/**
 * `value` as an image URL the card may load: https (Twitch's CDN), or plain http on this machine
 * (the simulator, in tests and demo mode); "" for anything else (javascript:, data:, other hosts
 * over http, credentials in the URL).
 * @param {unknown} value
 * @returns {string}
 */
export function safeImageUrl(value) {
  if (typeof value !== 'string' || value === '') return '';
  let url;
  try {
    url = new URL(value);
  } catch {
    return '';
  }
  if (url.username || url.password) return '';
  if (url.protocol === 'https:') return url.href;
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  return url.protocol === 'http:' && local ? url.href : '';
}

/**
 * The service's answer, checked field by field: anything else in it is ignored.
 * @param {unknown} body
 * @returns {ShoutoutChannel | null}
 */
export function readShoutoutChannel(body) {
  if (typeof body !== 'object' || body === null) return null;
  const { profileImageUrl, gameName } = /** @type {Record<string, unknown>} */ (body);
  return {
    avatarUrl: safeImageUrl(profileImageUrl),
    gameName: typeof gameName === 'string' ? gameName : '',
  };
}

/** A lookup not answered by then is given up (the card shows what the event itself says). */
const LOOKUP_LIMIT_MS = 15_000;

/**
 * Looks the channel up on the service; null when it cannot be (never rejects).
 * @param {string} id  from `shoutoutChannelId`
 * @returns {Promise<ShoutoutChannel | null>}
 */
export async function lookUpShoutoutChannel(id) {
  if (!USER_ID.test(id)) return null;
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), LOOKUP_LIMIT_MS);
  try {
    const response = await fetch(`/api/twitch/channels/${id}`, {
      signal: controller.signal,
      headers: { accept: 'application/json' },
    });
    // 204: the service has nothing to show for this channel now (it says why in its own log).
    if (response.status === 204) return null;
    if (!response.ok) {
      console.warn(
        `twitch-realtime: the shoutout's channel ${id} could not be looked up (${response.status}); the alert shows it without avatar and game.`,
      );
      return null;
    }
    return readShoutoutChannel(await response.json());
  } catch {
    console.warn(
      `twitch-realtime: the shoutout's channel ${id} could not be looked up; the alert shows it without avatar and game.`,
    );
    return null;
  } finally {
    window.clearTimeout(timer);
  }
}
