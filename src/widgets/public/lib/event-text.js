// @ts-check
// What an event says in words: the names the query options use for each event type, the default
// alert templates, and the values a template can use. Shared by the alert box and the dashboard.

import { EVENT_LABELS, GOAL_NAMES } from './contract.js';

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
  'channel.channel_points_custom_reward_redemption.add': 'redemption',
  'channel.hype_train.begin': 'hypetrain',
  'channel.hype_train.progress': 'hypetrain-level',
  'channel.hype_train.end': 'hypetrain-end',
  'channel.goal.begin': 'goal-begin',
  'channel.goal.progress': 'goal-progress',
  'channel.goal.end': 'goal-end',
  'channel.poll.begin': 'poll-begin',
  'channel.poll.progress': 'poll-progress',
  'channel.poll.end': 'poll-end',
  'channel.prediction.begin': 'prediction-begin',
  'channel.prediction.progress': 'prediction-progress',
  'channel.prediction.lock': 'prediction-lock',
  'channel.prediction.end': 'prediction-end',
};

/** What each event type is called on the dashboard (the contract's one list). */
export { EVENT_LABELS };

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
  'channel.channel_points_custom_reward_redemption.add': {
    title: 'Channel points',
    text: '{name} redeemed {reward}!',
  },
  'channel.hype_train.begin': { title: 'Hype train', text: 'The hype train has left the station!' },
  'channel.hype_train.progress': { title: 'Hype train', text: 'Hype train level {level}!' },
  'channel.hype_train.end': { title: 'Hype train', text: 'The hype train reached level {level}!' },
  'channel.goal.begin': { title: 'New goal', text: '{goal}: {amount} of {target}' },
  'channel.goal.progress': { title: 'Goal', text: '{goal}: {amount} of {target}' },
  'channel.goal.end': { title: 'Goal', text: '{goal}: {result}' },
  'channel.poll.begin': { title: 'Poll', text: '{title}' },
  'channel.poll.progress': { title: 'Poll', text: '{title}: {votes}' },
  'channel.poll.end': { title: 'Poll over', text: '{title}: {result}' },
  'channel.prediction.begin': { title: 'Prediction', text: '{title}' },
  'channel.prediction.progress': { title: 'Prediction', text: '{title}: {points}' },
  'channel.prediction.lock': { title: 'Predictions locked', text: '{title}' },
  'channel.prediction.end': { title: 'Prediction over', text: '{title}: {result}' },
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
  'channel.channel_points_custom_reward_redemption.add': '{name} redeemed {reward}',
  'channel.hype_train.begin': 'Hype train started!',
  'channel.hype_train.progress': 'Hype train level {level}',
  'channel.hype_train.end': 'Hype train ended at level {level}',
  'channel.goal.begin': 'New goal: {goal}',
  'channel.goal.progress': '{goal}: {amount} / {target}',
  'channel.goal.end': '{goal}: {result}',
  'channel.poll.begin': 'Poll: {title}',
  'channel.poll.progress': '{title}: {votes}',
  'channel.poll.end': 'Poll over: {result}',
  'channel.prediction.begin': 'Prediction: {title}',
  'channel.prediction.progress': '{title}: {points}',
  'channel.prediction.lock': 'Predictions locked: {title}',
  'channel.prediction.end': 'Prediction over: {result}',
};

/**
 * The event types the alert box can show as alerts, in the order the URL builder lists them. A
 * hype train's progress is an alert only when it reaches a new level.
 * @type {readonly TwitchEventType[]}
 */
export const ALERT_EVENT_TYPES = [
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.gift',
  'channel.cheer',
  'channel.raid',
  'stream.online',
  'stream.offline',
  'channel.channel_points_custom_reward_redemption.add',
  'channel.hype_train.begin',
  'channel.hype_train.progress',
];

/**
 * The amount that picks an alert's variation (`variant.<event>.<min>.…`), per event key: bits of a
 * cheer, raiders, subs in a gift, a reward's cost, a hype train's level.
 * @type {Readonly<Record<string, { label: string; of: (data: Record<string, unknown>) => number | null }>>}
 */
export const VARIANT_AMOUNTS = {
  cheer: { label: 'bits', of: (data) => finite(data.bits) },
  raid: { label: 'viewers', of: (data) => finite(data.viewers) },
  gift: { label: 'subs gifted', of: (data) => finite(data.total) },
  redemption: { label: 'reward cost', of: (data) => finite(record(data.reward).cost) },
  hypetrain: { label: 'level', of: (data) => finite(data.level) },
  'hypetrain-level': { label: 'level', of: (data) => finite(data.level) },
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
  '{reward}',
  '{cost}',
  '{input}',
  '{level}',
  '{goal}',
  '{amount}',
  '{target}',
  '{title}',
  '{votes}',
  '{points}',
  '{result}',
];

const numberFormat = new Intl.NumberFormat();

/**
 * The values a template can use for `message`: `name` (who did it: the user, the raider, the
 * broadcaster for online/offline, the top contributor of a hype train; "Anonymous" for anonymous
 * gifts and cheers), `login`, `bits`, `tier` ("Tier 1"), `months`, `count` (subs gifted), `gifts`
 * ("5 subs"), `total` (subs this user has gifted in the channel), `viewers`, `message`; for
 * redemptions `reward`, `cost` and `input` (what the viewer typed); for hype trains `level` and
 * `points`; for goals `goal` (its description, or what it counts), `amount`, `target` and
 * `result`; for polls and predictions `title`, `votes`, `points` and `result` ("Hades won").
 * A value the event does not have is "", never "undefined".
 * @param {EventMessage} message
 * @returns {Record<string, string>}
 */
export function templateValues(message) {
  const data = message.data;
  const anonymous = data.is_anonymous === true;
  const [name, login] = whoDidIt(message);
  const count = amount(data.total);
  const reward = record(data.reward);
  return {
    name: anonymous ? 'Anonymous' : name || login || 'Someone',
    login: anonymous ? '' : login,
    bits: amount(data.bits),
    tier: tierName(data.tier),
    months: amount(data.cumulative_months ?? data.duration_months),
    count: message.event.startsWith('channel.hype_train.') ? '' : count,
    gifts:
      message.event === 'channel.subscription.gift' && count !== '' ? plural(count, 'sub') : '',
    total: amount(data.cumulative_total),
    viewers: amount(data.viewers),
    message: text(data.message),
    reward: text(reward.title) || 'a reward',
    cost: amount(reward.cost),
    input: text(data.user_input),
    level: amount(data.level),
    ...engagementValues(message),
  };
}

/**
 * Who an event is about, as [display name, login].
 * @param {EventMessage} message
 * @returns {[string, string]}
 */
function whoDidIt(message) {
  const data = message.data;
  if (message.event === 'channel.raid') {
    return [text(data.from_broadcaster_user_name), text(data.from_broadcaster_user_login)];
  }
  if (message.event.startsWith('channel.hype_train.')) {
    const [top] = Array.isArray(data.top_contributions) ? data.top_contributions : [];
    const contributor = record(top);
    if (text(contributor.user_name) || text(contributor.user_login)) {
      return [text(contributor.user_name), text(contributor.user_login)];
    }
  }
  const aboutTheChannel = /^(stream|channel\.(goal|poll|prediction|hype_train))\./.test(
    message.event,
  );
  return aboutTheChannel
    ? [text(data.broadcaster_user_name), text(data.broadcaster_user_login)]
    : [text(data.user_name), text(data.user_login)];
}

/**
 * The values of goal, poll, prediction and hype train events: `goal`, `amount`, `target`,
 * `title`, `votes`, `points`, `result`.
 * @param {EventMessage} message
 * @returns {Record<string, string>}
 */
function engagementValues(message) {
  const data = message.data;
  const event = message.event;
  if (event.startsWith('channel.goal.')) {
    const reached = data.is_achieved === true;
    return {
      goal: text(data.description) || GOAL_NAMES[text(data.type)] || 'Goal',
      amount: amount(data.current_amount),
      target: amount(data.target_amount),
      title: text(data.description),
      votes: '',
      points: '',
      result: event === 'channel.goal.end' ? (reached ? 'reached!' : 'ended') : '',
    };
  }
  if (event.startsWith('channel.poll.')) {
    const choices = list(data.choices);
    const votes = choices.reduce((sum, choice) => sum + number(choice.votes), 0);
    return {
      goal: '',
      amount: '',
      target: '',
      title: text(data.title) || 'Poll',
      votes: plural(numberFormat.format(votes), 'vote'),
      points: '',
      result: event === 'channel.poll.end' ? pollResult(choices, votes) : '',
    };
  }
  if (event.startsWith('channel.prediction.')) {
    const outcomes = list(data.outcomes);
    const points = outcomes.reduce((sum, outcome) => sum + number(outcome.channel_points), 0);
    const winner = outcomes.find((outcome) => outcome.id === data.winning_outcome_id);
    return {
      goal: '',
      amount: '',
      target: '',
      title: text(data.title) || 'Prediction',
      votes: '',
      points: `${numberFormat.format(points)} channel points`,
      result:
        event !== 'channel.prediction.end'
          ? ''
          : data.status === 'canceled' || !winner
            ? 'canceled, points refunded'
            : `${text(winner.title) || 'an outcome'} won`,
    };
  }
  return {
    goal: '',
    amount: '',
    target: '',
    title: '',
    votes: '',
    points: event.startsWith('channel.hype_train.') ? amount(data.total) : '',
    result: '',
  };
}

/**
 * "Hades won", "a tie: Celeste and Hades", or "no votes".
 * @param {Record<string, unknown>[]} choices
 * @param {number} votes  all votes
 */
function pollResult(choices, votes) {
  if (votes === 0) return 'no votes';
  const most = Math.max(...choices.map((choice) => number(choice.votes)));
  const winners = choices
    .filter((choice) => number(choice.votes) === most)
    .map((choice) => text(choice.title) || 'a choice');
  return winners.length === 1 ? `${winners[0]} won` : `a tie: ${winners.join(' and ')}`;
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
function finite(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** @param {unknown} value */
function number(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * An object's fields, or none for anything else (null, a string…).
 * @param {unknown} value
 * @returns {Record<string, unknown>}
 */
function record(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? /** @type {Record<string, unknown>} */ (value)
    : {};
}

/**
 * The objects of a list (anything else in it is left out).
 * @param {unknown} value
 */
function list(value) {
  return Array.isArray(value) ? value.map(record) : [];
}

/**
 * "1 vote", "5 votes".
 * @param {string} count  already formatted
 * @param {string} noun
 */
function plural(count, noun) {
  return `${count} ${count === '1' ? noun : `${noun}s`}`;
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
