// @ts-check
// The credits roll's state: the names of this stream by section — opened from `GET /api/credits`
// (the live stream's, or the last one's), then added to by the stream's live events — and the
// latest roll or stop asked for. Pure, so the roll's rules have unit specs. The server folds the
// log's events the same way (src/credits/credits-tally.ts).
import { CREDITS_SECTIONS } from '../lib/credits-options.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../../credits/credits-api.js').StreamCredits} StreamCredits */
/** @typedef {import('../../../credits/credits-api.js').CreditsSection} CreditsSection */
/** @typedef {import('../../../credits/credits-api.js').CreditsName} CreditsName */
/** @typedef {import('../../../credits/credits-api.js').CreditsBitsSource} CreditsBitsSource */

/**
 * A roll or a stop, and the id of the message that asked for it: a new id is a new command, so
 * pressing Roll credits again starts the roll over.
 * @typedef {object} CreditsCue
 * @property {'roll' | 'stop'} action
 * @property {number} id
 */

/**
 * @typedef {object} CreditsState
 * @property {boolean} live  whether the stream the names are of is live: its events add names
 * @property {CreditsBitsSource} bitsFrom  the Bits type cheerers are counted from
 * @property {Readonly<Record<CreditsSection, readonly CreditsName[]>>} sections
 * @property {CreditsCue | null} cue  the latest roll or stop
 */

/** Sections whose amount is a level (months), not a sum. @type {ReadonlySet<CreditsSection>} */
const HIGHEST_AMOUNT = new Set(['followers', 'subscribers']);

/** @returns {Record<CreditsSection, CreditsName[]>} */
function noNames() {
  return {
    followers: [],
    subscribers: [],
    gifters: [],
    cheerers: [],
    raiders: [],
    redeemers: [],
  };
}

/**
 * The state the server's answer gives; without one (it could not be read), no names, and the
 * stream's events add names from its next `stream.online`.
 * @param {StreamCredits | null} answer
 * @returns {CreditsState}
 */
export function creditsFrom(answer) {
  const sections = noNames();
  for (const section of CREDITS_SECTIONS) {
    const names = answer?.sections?.[section];
    if (Array.isArray(names)) sections[section] = names.map((name) => ({ ...name }));
  }
  return {
    live: answer?.stream?.live === true,
    bitsFrom: answer?.bitsFrom ?? 'channel.cheer',
    sections,
    cue: null,
  };
}

/**
 * The state after a message; the same object when it changes nothing. `stream.online` begins a
 * new stream (no names yet); while live, its events add names (test alerts and replays do not);
 * `stream.offline` ends it and, with `autoStart`, rolls the credits; the dashboard's `credits`
 * messages roll or stop them.
 * @param {CreditsState} state
 * @param {StreamMessage} message
 * @param {number} id
 * @param {{ autoStart: boolean }} settings
 * @returns {CreditsState}
 */
export function reduceCredits(state, message, id, { autoStart }) {
  if (message.type === 'credits') return { ...state, cue: { action: message.data.action, id } };
  if (message.type !== 'event' || message.test || message.replayOf !== undefined) return state;
  if (message.event === 'stream.online') return { ...state, live: true, sections: noNames() };
  if (message.event === 'stream.offline') {
    if (!state.live) return state;
    // An offline gap recovery found came late: the stream ended a while ago, so no roll now.
    const roll = autoStart && !message.recovered;
    return { ...state, live: false, cue: roll ? { action: 'roll', id } : state.cue };
  }
  if (!state.live) return state;
  const credit = creditOf(message, state.bitsFrom);
  if (!credit) return state;
  const names = state.sections[credit.section];
  const key = credit.login?.toLowerCase() ?? null;
  const at = names.findIndex((known) => (known.login?.toLowerCase() ?? null) === key);
  /** @type {CreditsName[]} */
  let next;
  if (at === -1) {
    next = [...names, { name: credit.name, login: credit.login, amount: credit.amount }];
  } else {
    const known = /** @type {CreditsName} */ (names[at]);
    const amount = HIGHEST_AMOUNT.has(credit.section)
      ? Math.max(known.amount, credit.amount)
      : known.amount + credit.amount;
    if (amount === known.amount) return state;
    next = names.map((name, index) => (index === at ? { ...known, amount } : name));
  }
  return { ...state, sections: { ...state.sections, [credit.section]: next } };
}

/**
 * Where an event names a viewer in the credits, or null: as the server's `creditOf`. A gifted sub
 * is its gifter's; Bits count from one type only (Twitch sends a cheer as both).
 * @param {EventMessage} message
 * @param {CreditsBitsSource} bitsFrom
 * @returns {(CreditsName & { section: CreditsSection }) | null}
 */
export function creditOf(message, bitsFrom) {
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
 * The sections to roll, in the order asked, without the empty ones.
 * @param {CreditsState} state
 * @param {readonly CreditsSection[]} order
 * @returns {Array<[CreditsSection, readonly CreditsName[]]>}
 */
export function rolledSections(state, order) {
  return order
    .map(
      (section) =>
        /** @type {[CreditsSection, readonly CreditsName[]]} */ ([
          section,
          state.sections[section],
        ]),
    )
    .filter(([, names]) => names.length > 0);
}

/**
 * @param {CreditsSection} section
 * @param {unknown} login
 * @param {unknown} name
 * @param {number} amount
 * @returns {(CreditsName & { section: CreditsSection }) | null}
 */
function viewer(section, login, name, amount) {
  if (typeof login !== 'string' || login === '') return null;
  const shown = typeof name === 'string' && name !== '' ? name : login;
  return { section, name: shown, login, amount };
}

/**
 * @param {CreditsSection} section
 * @param {number} amount
 * @returns {CreditsName & { section: CreditsSection }}
 */
function anonymous(section, amount) {
  return { section, name: null, login: null, amount };
}

/**
 * @param {unknown} value
 * @param {number} fallback
 */
function whole(value, fallback) {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.floor(value))
    : fallback;
}
