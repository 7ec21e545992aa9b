// @ts-check
// The goal bar (`/widgets/goal`): followers or subs towards a target, moving live on follows,
// subs and each poll; or (`metric=twitch`) the channel's own creator goal. See GOAL_WIDGET for its URL options.
import { GOAL_NAMES } from './lib/contract.js';
import { ChannelNumbers } from './lib/channel-numbers.js';
import { connectionBadge } from './lib/connection-badge.js';
import { StreamConnection, placeKey } from './lib/stream-connection.js';
import { GOAL_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('./lib/channel-numbers.js').ChannelNumbersState} ChannelNumbersState */
/** @typedef {import('../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('../../contract/sse-contract.js').GoalState} GoalState */

const query = new WidgetQuery(GOAL_WIDGET, location.search);
const metric = /** @type {'followers' | 'subs' | 'twitch'} */ (query.choice('metric'));
const goalType = query.choice('goalType');
const label = query.text('label') || (metric === 'subs' ? 'Sub goal' : 'Follower goal');
applyLook(query);

const goal = /** @type {HTMLElement} */ (document.getElementById('goal'));
const labelElement = /** @type {HTMLElement} */ (goal.querySelector('.goal__label'));
const countElement = /** @type {HTMLElement} */ (goal.querySelector('.goal__count'));
const fillElement = /** @type {HTMLElement} */ (goal.querySelector('.goal__fill'));
labelElement.textContent = label;
const numberFormat = new Intl.NumberFormat();

/** @type {StreamConnection<{ numbers: ChannelNumbersState; autoTarget: number | null }>} */
const connection = new StreamConnection({
  storageKey: placeKey('goal'),
  query: {
    types: 'stats,event,status',
    // A Twitch goal moves with the stats' `goals` (the service applies the goal events there).
    events: {
      followers: 'channel.follow',
      subs: 'channel.subscribe,channel.subscription.gift',
      twitch: 'channel.goal.begin',
    }[metric],
  },
  onMessage: (message, id) => {
    if (numbers.apply(message, id)) render();
  },
  place: () => ({ cursor: connection.lastId, state: { numbers: numbers.toJSON(), autoTarget } }),
  onStateChange: connectionBadge(query.choice('debug') === 'on'),
});
const numbers = new ChannelNumbers(connection.savedState?.numbers);
/** Without `?target=`, the goal is fixed at the first count this bar sees, and kept across loads. */
let autoTarget = connection.savedState?.autoTarget ?? null;

function render() {
  if (metric === 'twitch') {
    renderTwitchGoal();
    return;
  }
  const value = numbers.known?.[metric];
  if (value === undefined) return;
  const fixed = query.number('target');
  autoTarget ??= nextMilestone(value);
  const target = Number.isFinite(fixed) ? fixed : autoTarget;
  const reached = value >= target;
  fillElement.style.width = `${Math.min(100, (value / target) * 100)}%`;
  countElement.textContent = `${reached ? 'Goal reached! · ' : ''}${numberFormat.format(value)} / ${numberFormat.format(target)}`;
  goal.dataset.value = String(value);
  goal.dataset.target = String(target);
  goal.dataset.reached = String(reached);
}

/** The channel's own creator goal, from the stats' `goals`; a placeholder while there is none. */
function renderTwitchGoal() {
  const current = twitchGoal(numbers.stats?.goals ?? [], goalType);
  if (!current) {
    labelElement.textContent = query.text('label') || 'Twitch goal';
    countElement.textContent = 'No goal right now';
    fillElement.style.width = '0%';
    goal.dataset.reached = 'false';
    delete goal.dataset.value;
    return;
  }
  const { current_amount: value, target_amount: target, description, type } = current.data;
  const reached = current.event === 'channel.goal.end' ? current.data.is_achieved : value >= target;
  const ended = current.event === 'channel.goal.end' && !reached ? 'Ended · ' : '';
  labelElement.textContent = query.text('label') || description || GOAL_NAMES[type];
  fillElement.style.width = `${target > 0 ? Math.min(100, (value / target) * 100) : 100}%`;
  countElement.textContent = `${reached ? 'Goal reached! · ' : ended}${numberFormat.format(value)} / ${numberFormat.format(target)}`;
  goal.dataset.value = String(value);
  goal.dataset.target = String(target);
  goal.dataset.reached = String(reached);
}

/**
 * The goal to show: of the type asked for, or (`any`) the newest one running, else the newest.
 * @param {GoalState[]} goals
 * @param {string} type
 * @returns {GoalState | null}
 */
function twitchGoal(goals, type) {
  const candidates = type === 'any' ? goals : goals.filter((kept) => kept.data.type === type);
  const running = candidates.filter((kept) => kept.event !== 'channel.goal.end');
  return running.at(-1) ?? candidates.at(-1) ?? null;
}

/**
 * The next round number above `count`: 86 → 90, 150 → 200, 1,234 → 1,500.
 * @param {number} count
 */
function nextMilestone(count) {
  const digits = String(Math.max(1, Math.floor(count))).length;
  const step = Math.max(10, 5 * 10 ** (digits - 2));
  return (Math.floor(count / step) + 1) * step;
}

render();
connection.start();
