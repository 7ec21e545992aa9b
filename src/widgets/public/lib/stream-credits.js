// @ts-check
// Who a stream's events name in the credits roll, and how a viewer's amounts add up: the one
// module the server's tally of the log (src/credits/credits-tally.ts) and the roll's live state
// (state/credits-state.js) both fold events with. It imports nothing at run time, so the server
// imports it as it is.

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../../credits/credits-api.js').CreditsSection} CreditsSection */
/** @typedef {import('../../../credits/credits-api.js').CreditsName} CreditsName */
/** @typedef {import('../../../credits/credits-api.js').CreditsBitsSource} CreditsBitsSource */

/**
 * What one event puts in the credits: a name in a section, and how much it adds.
 * @typedef {object} Credit
 * @property {CreditsSection} section
 * @property {string} key  who, for adding up: the login in lower case; "" for anonymous
 * @property {string | null} name
 * @property {string | null} login
 * @property {number} amount
 */

/** Every section, in the order the roll shows them by default. @type {readonly CreditsSection[]} */
export const CREDITS_SECTIONS = Object.freeze([
  'followers',
  'subscribers',
  'gifters',
  'cheerers',
  'raiders',
  'redeemers',
]);

/** Sections whose amount is a level (months), not a sum. @type {ReadonlySet<CreditsSection>} */
const HIGHEST_AMOUNT = new Set(['followers', 'subscribers']);

/**
 * Where an event names a viewer in the credits, or null. Test alerts and replays are not the
 * stream's; a gifted sub is its gifter's; Bits count from one type only (Twitch sends a cheer as
 * both `channel.cheer` and `channel.bits.use`).
 * @param {EventMessage} message
 * @param {CreditsBitsSource} bitsFrom
 * @returns {Credit | null}
 */
export function creditOf(message, bitsFrom) {
  if (message.test || message.replayOf !== undefined) return null;
  const { data } = message;
  switch (message.event) {
    case 'channel.follow':
      return viewer('followers', data.user_login, data.user_name, 1);
    case 'channel.subscribe':
      return data.is_gift === true
        ? null
        : viewer('subscribers', data.user_login, data.user_name, 1);
    case 'channel.subscription.message':
      return viewer(
        'subscribers',
        data.user_login,
        data.user_name,
        whole(data.cumulative_months, 1),
      );
    case 'channel.subscription.gift':
      return data.is_anonymous === true
        ? anonymous('gifters', whole(data.total, 1))
        : viewer('gifters', data.user_login, data.user_name, whole(data.total, 1));
    case 'channel.cheer':
    case 'channel.bits.use': {
      const bits = whole(data.bits, 0);
      if (message.event !== bitsFrom || bits === 0) return null;
      return data.is_anonymous === true
        ? anonymous('cheerers', bits)
        : viewer('cheerers', data.user_login, data.user_name, bits);
    }
    case 'channel.raid':
      return viewer(
        'raiders',
        data.from_broadcaster_user_login,
        data.from_broadcaster_user_name,
        whole(data.viewers, 0),
      );
    case 'channel.channel_points_custom_reward_redemption.add':
      return viewer('redeemers', data.user_login, data.user_name, 1);
    default:
      return null;
  }
}

/**
 * Who a name already in the credits is, for adding up: as a `Credit`'s key.
 * @param {CreditsName} name
 */
export function creditKey(name) {
  return name.login?.toLowerCase() ?? '';
}

/**
 * A viewer's amount once another credit of theirs comes: the highest of the two for a level
 * (followers, subscribers' months), else the sum.
 * @param {CreditsSection} section
 * @param {number} known
 * @param {number} added
 */
export function addedAmount(section, known, added) {
  return HIGHEST_AMOUNT.has(section) ? Math.max(known, added) : known + added;
}

/**
 * @param {CreditsSection} section
 * @param {unknown} login
 * @param {unknown} name
 * @param {number} amount
 * @returns {Credit | null}
 */
function viewer(section, login, name, amount) {
  if (typeof login !== 'string' || login === '') return null;
  const shown = typeof name === 'string' && name !== '' ? name : login;
  return { section, key: login.toLowerCase(), name: shown, login, amount };
}

/**
 * @param {CreditsSection} section
 * @param {number} amount
 * @returns {Credit}
 */
function anonymous(section, amount) {
  return { section, key: '', name: null, login: null, amount };
}

/**
 * A whole number of at least 0, or `fallback` when the value is not a number.
 * @param {unknown} value
 * @param {number} fallback
 */
function whole(value, fallback) {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.floor(value))
    : fallback;
}
