// @ts-check
// The goal bar (`/widgets/goal`): followers or subs towards a target, moving live on follows,
// subs and each poll; or (`metric=twitch`) the channel's own creator goal, or (`metric=charity`) its
// charity campaign. See GOAL_WIDGET for its URL options.
import { GOAL_NAMES } from './lib/contract.js';
import { mountWidget } from './lib/mount-widget.js';
import { moneyText } from './lib/support-values.js';
import { GOAL_WIDGET } from './lib/widget-options.js';
import {
  goalProgress,
  reduceGoalBar,
  restoreGoalBar,
  shownCharity,
  shownTwitchGoal,
} from './state/goal-state.js';

/** @typedef {import('./state/goal-state.js').GoalBarState} GoalBarState */
/** @typedef {import('./state/goal-state.js').GoalMetric} GoalMetric */

/**
 * @typedef {object} GoalSettings
 * @property {GoalMetric} metric
 * @property {string} goalType
 * @property {number} target  NaN: the bar sets its own
 * @property {string} label  as given; "" for the default
 */

mountWidget({
  spec: GOAL_WIDGET,
  settings: (query) => ({
    metric: /** @type {GoalMetric} */ (query.choice('metric')),
    goalType: query.choice('goalType'),
    target: query.number('target'),
    label: query.text('label'),
  }),
  query: ({ metric }) => ({
    types: 'stats,event,status',
    // A Twitch goal moves with the stats' `goals` (the service applies the goal events there).
    events: {
      followers: 'channel.follow',
      subs: 'channel.subscribe,channel.subscription.gift',
      twitch: 'channel.goal.begin',
      charity: 'channel.charity_campaign.start',
    }[metric],
  }),
  initial: ({ metric }, kept) => restoreGoalBar(metric, kept),
  reduce: (state, message, id, { metric }) => reduceGoalBar(state, message, id, metric),
  keep: (state) => state,
  view: goalView,
});

/**
 * @param {GoalSettings} settings
 * @returns {(state: GoalBarState) => void}
 */
function goalView(settings) {
  const goal = /** @type {HTMLElement} */ (document.getElementById('goal'));
  const labelElement = /** @type {HTMLElement} */ (goal.querySelector('.goal__label'));
  const countElement = /** @type {HTMLElement} */ (goal.querySelector('.goal__count'));
  const fillElement = /** @type {HTMLElement} */ (goal.querySelector('.goal__fill'));
  const { metric } = settings;
  labelElement.textContent =
    settings.label || GOAL_NAMES[metric === 'subs' ? 'subscription' : 'follower'];
  const numberFormat = new Intl.NumberFormat();

  /**
   * @param {GoalBarState} state
   * @param {'followers' | 'subs'} counted
   */
  const drawCount = (state, counted) => {
    const progress = goalProgress(state, counted, settings.target);
    if (!progress) return;
    const { value, target, reached } = progress;
    fillElement.style.width = `${Math.min(100, (value / target) * 100)}%`;
    countElement.textContent = `${reached ? 'Goal reached! · ' : ''}${numberFormat.format(value)} / ${numberFormat.format(target)}`;
    goal.dataset.value = String(value);
    goal.dataset.target = String(target);
    goal.dataset.reached = String(reached);
  };

  /**
   * An empty bar that says there is nothing to show (yet).
   * @param {string} label  the label when the URL sets none
   * @param {string} text
   */
  const drawNone = (label, text) => {
    labelElement.textContent = settings.label || label;
    countElement.textContent = text;
    fillElement.style.width = '0%';
    goal.dataset.reached = 'false';
    delete goal.dataset.value;
  };

  /** The channel's own creator goal; a placeholder while there is none. @param {GoalBarState} state */
  const drawTwitchGoal = (state) => {
    const current = shownTwitchGoal(state, settings.goalType);
    if (!current) {
      drawNone('Twitch goal', 'No goal right now');
      return;
    }
    const { current_amount: value, target_amount: target, description, type } = current.data;
    const reached =
      current.event === 'channel.goal.end' ? current.data.is_achieved : value >= target;
    const ended = current.event === 'channel.goal.end' && !reached ? 'Ended · ' : '';
    labelElement.textContent = settings.label || description || GOAL_NAMES[type];
    fillElement.style.width = `${target > 0 ? Math.min(100, (value / target) * 100) : 100}%`;
    countElement.textContent = `${reached ? 'Goal reached! · ' : ended}${numberFormat.format(value)} / ${numberFormat.format(target)}`;
    goal.dataset.value = String(value);
    goal.dataset.target = String(target);
    goal.dataset.reached = String(reached);
  };

  /** The channel's charity campaign; a placeholder while there is none. @param {GoalBarState} state */
  const drawCharity = (state) => {
    const campaign = shownCharity(state);
    goal.dataset.state = campaign ? (campaign.ended ? 'ended' : 'running') : 'none';
    if (!campaign) {
      drawNone('Charity', 'No charity campaign right now');
      return;
    }
    const { charity, raised, target, share, ended, reached } = campaign;
    labelElement.textContent = settings.label || charity || 'Charity';
    fillElement.style.width = `${share * 100}%`;
    const prefix = ended ? 'Ended · ' : reached ? 'Goal reached! · ' : '';
    countElement.textContent = `${prefix}${moneyText(raised)} / ${moneyText(target)}`;
    goal.dataset.value = String(raised.value);
    goal.dataset.target = String(target.value);
    goal.dataset.reached = String(reached);
  };

  if (metric === 'twitch') return drawTwitchGoal;
  if (metric === 'charity') return drawCharity;
  return (state) => drawCount(state, metric);
}
