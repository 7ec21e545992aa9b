// @ts-check
// The values an event gives its templates: who did it, how much, and for goals, polls and
// predictions what they stand at. Shared by the alert box, the event list and the dashboard.
import { GOAL_NAMES } from './contract.js';
import { amount, list, number, plural, record, text } from './event-fields.js';
import { supportValues } from './support-values.js';

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */

const numberFormat = new Intl.NumberFormat();

/**
 * The values a template can use for `message`: `name` (who did it: the user, the raider, the
 * broadcaster for online/offline, the top contributor of a hype train; "Anonymous" for anonymous
 * gifts and cheers), `login`, `bits`, `tier` ("Tier 1"), `months`, `count` (subs gifted), `gifts`
 * ("5 subs"), `total` (subs this user has gifted in the channel), `viewers`, `message`; for
 * redemptions `reward`, `cost` and `input` (what the viewer typed); for hype trains `level` and
 * `points`; for chat notices `notice` (Twitch's words for it); for goals `goal` (its description, or what it counts), `amount`, `target` and
 * `result`; for polls and predictions `title`, `votes`, `points` and `result` ("Hades won").
 * For subs and resubs, `plan`: "with Prime" when the chat's notice of it said so (`context.prime`,
 * see the alert box), else its tier ("at Tier 1").
 * A value the event does not have is "", never "undefined".
 * @param {EventMessage} message
 * @param {{ prime?: boolean }} [context]  what the alert box learnt about it besides the event
 * @returns {Record<string, string>}
 */
export function templateValues(message, context = {}) {
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
    plan: planOf(message, context.prime === true),
    months: amount(data.cumulative_months ?? data.duration_months),
    count: message.event.startsWith('channel.hype_train.') ? '' : count,
    gifts:
      message.event === 'channel.subscription.gift' && count !== '' ? plural(count, 'sub') : '',
    total: amount(data.cumulative_total),
    viewers: amount(data.viewers ?? data.viewer_count),
    // A cheer's message is text; a resub's and a Bits use's are objects with their text.
    message: text(data.message) || text(record(data.message).text),
    // A chat notice's own words (Twitch's system message), else what the viewer wrote with it.
    notice: text(data.system_message) || text(record(data.message).text),
    reward: text(reward.title) || 'a reward',
    cost: amount(reward.cost),
    input: text(data.user_input),
    level: amount(data.level),
    ...engagementValues(message),
    ...supportValues(message),
  };
}

/**
 * Who an event is about, as [display name, login].
 * @param {EventMessage} message
 * @returns {[string, string]}
 */
function whoDidIt(message) {
  const data = message.data;
  if (message.event === 'channel.raid' || message.event === 'channel.shoutout.receive') {
    return [text(data.from_broadcaster_user_name), text(data.from_broadcaster_user_login)];
  }
  if (message.event === 'channel.shoutout.create') {
    return [text(data.to_broadcaster_user_name), text(data.to_broadcaster_user_login)];
  }
  if (message.event.startsWith('channel.chat.')) {
    // Moderation names its target; a message or notice its chatter; a clear the channel.
    if (data.target_user_id !== undefined) {
      return [text(data.target_user_name), text(data.target_user_login)];
    }
    if (data.chatter_user_id !== undefined) {
      return [text(data.chatter_user_name), text(data.chatter_user_login)];
    }
    return [text(data.broadcaster_user_name), text(data.broadcaster_user_login)];
  }
  if (message.event.startsWith('channel.hype_train.')) {
    const [top] = Array.isArray(data.top_contributions) ? data.top_contributions : [];
    const contributor = record(top);
    if (text(contributor.user_name) || text(contributor.user_login)) {
      return [text(contributor.user_name), text(contributor.user_login)];
    }
  }
  const aboutTheChannel =
    /^(stream\.|channel\.(goal|poll|prediction|hype_train|ad_break)\.|channel\.charity_campaign\.(start|progress|stop))/.test(
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
 * How a sub or resub was paid: "with Prime", or "at Tier 1"; "" for other events.
 * @param {EventMessage} message
 * @param {boolean} prime
 */
function planOf(message, prime) {
  if (message.event !== 'channel.subscribe' && message.event !== 'channel.subscription.message') {
    return '';
  }
  if (prime) return 'with Prime';
  const tier = tierName(message.data.tier);
  return tier ? `at ${tier}` : '';
}

/** @param {unknown} tier  Twitch's "1000" | "2000" | "3000" */
function tierName(tier) {
  if (tier === '1000' || tier === '2000' || tier === '3000') return `Tier ${tier[0]}`;
  return typeof tier === 'string' ? tier : '';
}
