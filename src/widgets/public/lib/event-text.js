// @ts-check
// What an event says in words: the names the query options use for each event type, the default
// alert templates, and the values a template can use. Shared by the alert box and the dashboard.

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * The short name of each event type, used in query options (`text.follow=…`) and CSS classes.
 * @type {Readonly<Record<TwitchEventType, string>>}
 */
export const EVENT_KEYS = {
  'channel.follow': 'follow',
  'channel.subscribe': 'sub',
  'channel.subscription.gift': 'gift',
  'channel.cheer': 'cheer',
  'channel.raid': 'raid',
  'stream.online': 'online',
  'stream.offline': 'offline',
};

/**
 * What each event type is called on the dashboard.
 * @type {Readonly<Record<TwitchEventType, string>>}
 */
export const EVENT_LABELS = {
  'channel.follow': 'Follow',
  'channel.subscribe': 'Sub',
  'channel.subscription.gift': 'Gift subs',
  'channel.cheer': 'Cheer',
  'channel.raid': 'Raid',
  'stream.online': 'Stream online',
  'stream.offline': 'Stream offline',
};

/**
 * The alert box's default title and text per event type; `{name}` and friends are filled in.
 * @type {Readonly<Record<TwitchEventType, { title: string; text: string }>>}
 */
export const DEFAULT_TEMPLATES = {
  'channel.follow': { title: 'New follower', text: '{name} just followed!' },
  'channel.subscribe': { title: 'New subscriber', text: '{name} subscribed at {tier}!' },
  'channel.subscription.gift': { title: 'Gift subs', text: '{name} gifted {gifts}!' },
  'channel.cheer': { title: 'Cheer', text: '{name} cheered {bits} bits!' },
  'channel.raid': { title: 'Raid', text: '{name} is raiding with {viewers} viewers!' },
  'stream.online': { title: 'Live', text: '{name} is live!' },
  'stream.offline': { title: 'Offline', text: 'Thanks for watching, see you next time!' },
};

/**
 * The event list's default row per event type: shorter than an alert's line.
 * @type {Readonly<Record<TwitchEventType, string>>}
 */
export const LIST_TEMPLATES = {
  'channel.follow': '{name} followed',
  'channel.subscribe': '{name} subscribed ({tier})',
  'channel.subscription.gift': '{name} gifted {gifts}',
  'channel.cheer': '{name} cheered {bits} bits',
  'channel.raid': '{name} raided with {viewers}',
  'stream.online': '{name} went live',
  'stream.offline': '{name} went offline',
};

/** The placeholders a template can use, for help texts. */
export const PLACEHOLDERS = [
  '{name}',
  '{login}',
  '{bits}',
  '{tier}',
  '{months}',
  '{count}',
  '{gifts}',
  '{total}',
  '{viewers}',
  '{message}',
];

const numberFormat = new Intl.NumberFormat();

/**
 * The values a template can use for `message`: `name` (who did it: the user, the raider, or the
 * broadcaster for online/offline; "Anonymous" for anonymous gifts and cheers), `login`, `bits`,
 * `tier` ("Tier 1"), `months`, `count` (subs gifted), `gifts` ("5 subs"), `total` (subs this user
 * has gifted in the channel), `viewers` and `message`. A value the event does not have is "".
 * @param {EventMessage} message
 * @returns {Record<string, string>}
 */
export function templateValues(message) {
  const data = message.data;
  const anonymous = data.is_anonymous === true;
  const [name, login] =
    message.event === 'channel.raid'
      ? [text(data.from_broadcaster_user_name), text(data.from_broadcaster_user_login)]
      : message.event.startsWith('stream.')
        ? [text(data.broadcaster_user_name), text(data.broadcaster_user_login)]
        : [text(data.user_name), text(data.user_login)];
  const count = amount(data.total);
  return {
    name: anonymous ? 'Anonymous' : name || login || 'Someone',
    login: anonymous ? '' : login,
    bits: amount(data.bits),
    tier: tierName(data.tier),
    months: amount(data.cumulative_months ?? data.duration_months),
    count,
    gifts: count === '' ? '' : `${count} ${count === '1' ? 'sub' : 'subs'}`,
    total: amount(data.cumulative_total),
    viewers: amount(data.viewers),
    message: text(data.message),
  };
}

/**
 * A template cut into literal text and filled-in values (which the alert box highlights).
 * An unknown `{placeholder}` stays as written, so a typo shows instead of vanishing.
 * @param {string} template
 * @param {Record<string, string>} values
 * @returns {Array<{ text: string; value: boolean }>}
 */
export function fillTemplate(template, values) {
  /** @type {Array<{ text: string; value: boolean }>} */
  const parts = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const value = values[match[1] ?? ''];
    if (value === undefined) continue;
    if (match.index > last) parts.push({ text: template.slice(last, match.index), value: false });
    parts.push({ text: value, value: true });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last), value: false });
  return parts;
}

/**
 * One line that says what happened, for the dashboard's feed ("PixelPanda cheered 100 bits!").
 * @param {EventMessage} message
 * @returns {string}
 */
export function describeEvent(message) {
  return fillTemplate(DEFAULT_TEMPLATES[message.event].text, templateValues(message))
    .map((part) => part.text)
    .join('');
}

/** @param {unknown} value */
function text(value) {
  return typeof value === 'string' ? value : '';
}

/** @param {unknown} value */
function amount(value) {
  return typeof value === 'number' && Number.isFinite(value) ? numberFormat.format(value) : '';
}

/** @param {unknown} tier  Twitch's "1000" | "2000" | "3000" */
function tierName(tier) {
  if (tier === '1000' || tier === '2000' || tier === '3000') return `Tier ${tier[0]}`;
  return typeof tier === 'string' ? tier : '';
}
