// @ts-check
// The values of the events that carry months, Bits or money: resubs, `channel.bits.use`, ad breaks
// and charity campaigns (see template-values.js for the rest).
import { amount, finite, plural, record, text } from './event-fields.js';

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */

/** What each Power-up is called in an alert ("used a gigantified emote"). */
const POWER_UPS = /** @type {Readonly<Record<string, string>>} */ ({
  message_effect: 'a message effect',
  celebration: 'an on-screen celebration',
  gigantify_an_emote: 'a gigantified emote',
});

/** Kinds of Bits use or Power-ups this page has already warned about (once each). */
const warned = new Set();

/** @param {string} what */
function warnOnce(what) {
  if (warned.has(what)) return;
  warned.add(what);
  console.warn(`twitch-realtime: ${what}; shown as a plain Bits alert.`);
}

/**
 * "14 months, 6 in a row" (the streak only when the viewer shares it).
 * @param {Record<string, unknown>} data
 */
function resubText(data) {
  const months = amount(data.cumulative_months);
  if (!months) return '';
  const streak = finite(data.streak_months);
  const total = plural(months, 'month');
  return streak !== null && streak > 0 ? `${total}, ${amount(streak)} in a row` : total;
}

/**
 * "cheered 300 bits", "used a gigantified emote (50 bits)", "sent a Combo (100 bits)"; a kind
 * Twitch adds later reads "used 50 bits" (and is warned about once).
 * @param {Record<string, unknown>} data
 */
function spentText(data) {
  const bits = plural(amount(data.bits) || '0', 'bit');
  const kind = text(data.type);
  if (kind === 'cheer') return `cheered ${bits}`;
  if (kind === 'combo') return `sent a Combo (${bits})`;
  if (kind === 'power_up') {
    const powerUp = text(record(data.power_up).type);
    const name = POWER_UPS[powerUp];
    if (name) return `used ${name} (${bits})`;
    warnOnce(`a Power-up of an unknown kind ("${powerUp}")`);
    return `used a Power-up (${bits})`;
  }
  warnOnce(`a Bits use of an unknown kind ("${kind}")`);
  return `used ${bits}`;
}

/**
 * "$15.50" for `{value: 1550, decimal_places: 2, currency: "USD"}`; an amount this browser cannot
 * format (an unknown currency, odd decimal places) reads as its raw value and code: "1550 XYZ".
 * @param {unknown} value
 */
export function moneyText(value) {
  const money = record(value);
  const minor = finite(money.value);
  const places = finite(money.decimal_places);
  const currency = text(money.currency);
  if (minor === null) return '';
  if (places !== null && Number.isInteger(places) && places >= 0 && places <= 8 && currency) {
    try {
      return new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: Math.min(places, 2),
        maximumFractionDigits: places,
      }).format(minor / 10 ** places);
    } catch {
      // An unknown currency code: the raw value below.
    }
  }
  return `${minor} ${currency}`.trim();
}

/**
 * "1:30" for 90 seconds; "" for none (a break without a length has no countdown).
 * @param {unknown} seconds
 */
export function durationText(seconds) {
  const total = finite(seconds);
  if (total === null || total <= 0) return '';
  const whole = Math.round(total);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * The values of resubs, Bits uses, ad breaks and charity events: `resub`, `streak`, `spent`,
 * `powerup`, `duration`, `donation`, `charity`, and (for a campaign) `amount` and `target`.
 * @param {EventMessage} message
 * @returns {Record<string, string>}
 */
export function supportValues(message) {
  const data = message.data;
  const event = message.event;
  const streak = finite(data.streak_months);
  const powerUp = text(record(data.power_up).type);
  const campaign = event.startsWith('channel.charity_campaign.');
  return {
    resub: event === 'channel.subscription.message' ? resubText(data) : '',
    streak: streak !== null && streak > 0 ? amount(streak) : '',
    spent: event === 'channel.bits.use' ? spentText(data) : '',
    powerup: POWER_UPS[powerUp] ?? (powerUp ? 'a Power-up' : ''),
    duration: event === 'channel.ad_break.begin' ? durationText(data.duration_seconds) : '',
    donation: moneyText(data.amount),
    charity: text(data.charity_name) || (campaign ? 'charity' : ''),
    ...(campaign && event !== 'channel.charity_campaign.donate'
      ? { amount: moneyText(data.current_amount), target: moneyText(data.target_amount) }
      : {}),
  };
}
