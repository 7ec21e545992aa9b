// @ts-check
// The goal bar's state: the channel's numbers, and the target it fixed itself when `?target=` is
// not given. Pure, so the bar's rules have unit specs.
import {
  knownNumbers,
  reduceChannelNumbers,
  restoreChannelNumbers,
} from '../lib/channel-numbers.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').GoalState} GoalState */
/** @typedef {import('../lib/channel-numbers.js').ChannelNumbersState} ChannelNumbersState */
/** @typedef {import('../../../contract/sse-contract.js').CharityState} CharityState */
/** @typedef {'followers' | 'subs' | 'twitch' | 'charity'} GoalMetric */

/**
 * What the goal bar keeps between loads.
 * @typedef {object} GoalBarState
 * @property {ChannelNumbersState} numbers
 * @property {number | null} autoTarget  without `?target=`: the goal fixed at the first count the
 *   bar saw, kept across loads so the bar does not move its own goal
 */

/**
 * What the bar shows for followers or subs.
 * @typedef {object} GoalProgress
 * @property {number} value
 * @property {number} target
 * @property {boolean} reached
 */

/**
 * The state an earlier load kept, or a fresh one.
 * @param {GoalMetric} metric
 * @param {Partial<GoalBarState> | null} kept
 * @returns {GoalBarState}
 */
export function restoreGoalBar(metric, kept) {
  return withAutoTarget(metric, {
    numbers: restoreChannelNumbers(kept?.numbers),
    autoTarget: kept?.autoTarget ?? null,
  });
}

/**
 * The state after a message; the same object when it changes nothing.
 * @param {GoalBarState} state
 * @param {StreamMessage} message
 * @param {number} id
 * @param {GoalMetric} metric
 * @returns {GoalBarState}
 */
export function reduceGoalBar(state, message, id, metric) {
  const numbers = reduceChannelNumbers(state.numbers, message, id);
  return numbers === state.numbers ? state : withAutoTarget(metric, { ...state, numbers });
}

/**
 * Followers or subs against the target: `?target=` when given (`fixedTarget` finite), else the
 * bar's own; null while the count is unknown.
 * @param {GoalBarState} state
 * @param {'followers' | 'subs'} metric
 * @param {number} fixedTarget  NaN when not given
 * @returns {GoalProgress | null}
 */
export function goalProgress(state, metric, fixedTarget) {
  const value = knownNumbers(state.numbers)?.[metric];
  if (value === undefined || state.autoTarget === null) return null;
  const target = Number.isFinite(fixedTarget) ? fixedTarget : state.autoTarget;
  return { value, target, reached: value >= target };
}

/**
 * The channel's creator goal to show, from the stats' `goals`: of the type asked for, or (`any`)
 * the newest one running, else the newest.
 * @param {GoalBarState} state
 * @param {string} type  a goal type, or `any`
 * @returns {GoalState | null}
 */
export function shownTwitchGoal(state, type) {
  const goals = state.numbers.stats?.goals ?? [];
  const candidates = type === 'any' ? goals : goals.filter((kept) => kept.data.type === type);
  const running = candidates.filter((kept) => kept.event !== 'channel.goal.end');
  return running.at(-1) ?? candidates.at(-1) ?? null;
}

/**
 * What a charity bar shows: raised and target in the campaign's money (minor units, as Twitch
 * sends them), and whether it ended.
 * @typedef {object} CharityProgress
 * @property {string} charity  the charity's name
 * @property {CharityState['data']['current_amount']} raised
 * @property {CharityState['data']['target_amount']} target
 * @property {number} share  raised of target, 0..1 (1 when the target is not a positive amount in
 *   the same currency and places)
 * @property {boolean} ended
 * @property {boolean} reached
 */

/**
 * The channel's charity campaign from the stats' `charity`, or null while there is none.
 * @param {GoalBarState} state
 * @returns {CharityProgress | null}
 */
export function shownCharity(state) {
  const campaign = state.numbers.stats?.charity;
  if (!campaign) return null;
  const { current_amount: raised, target_amount: target, charity_name: charity } = campaign.data;
  const comparable =
    raised.currency === target.currency && raised.decimal_places === target.decimal_places;
  const share =
    comparable && target.value > 0 ? Math.max(0, Math.min(1, raised.value / target.value)) : 1;
  return {
    charity,
    raised,
    target,
    share,
    ended: campaign.event === 'channel.charity_campaign.stop',
    reached: comparable && raised.value >= target.value && target.value > 0,
  };
}

/**
 * The next round number above `count`: 86 → 90, 150 → 200, 1,234 → 1,500.
 * @param {number} count
 */
export function nextMilestone(count) {
  const digits = String(Math.max(1, Math.floor(count))).length;
  const step = Math.max(10, 5 * 10 ** (digits - 2));
  return (Math.floor(count / step) + 1) * step;
}

/**
 * Fixes the bar's own target at the first count it knows, once.
 * @param {GoalMetric} metric
 * @param {GoalBarState} state
 * @returns {GoalBarState}
 */
function withAutoTarget(metric, state) {
  if (metric === 'twitch' || metric === 'charity' || state.autoTarget !== null) return state;
  const value = knownNumbers(state.numbers)?.[metric];
  return value === undefined ? state : { ...state, autoTarget: nextMilestone(value) };
}
