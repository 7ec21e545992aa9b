// @ts-check
// The options of the widgets drawn from the service's `stats`: the goal bar, the stats line, the
// hype train bar, the poll / prediction card and the ad break countdown.
import { GOAL_NAMES } from './contract.js';
import { DEBUG_OPTION, LOOK_OPTIONS } from './widget-spec.js';

/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

/** The goal bar, `/widgets/goal`. @type {WidgetSpec} */
export const GOAL_WIDGET = {
  name: 'goal',
  title: 'Goal bar',
  path: '/widgets/goal',
  size: { width: 800, height: 140 },
  options: [
    {
      name: 'metric',
      label: 'Metric',
      kind: 'choice',
      choices: ['followers', 'subs', 'twitch', 'charity'],
      default: 'followers',
      help: 'What the goal counts; twitch: the channel’s own creator goal as set on Twitch (needs the channel.goal events in EVENTSUB_EVENTS); charity: the channel’s charity campaign, raised of its target (needs the channel.charity_campaign events).',
    },
    {
      name: 'goalType',
      label: 'Twitch goal',
      kind: 'choice',
      // The goal types the contract names (GOAL_NAMES), so a new one is offered here too.
      choices: ['any', ...Object.keys(GOAL_NAMES)],
      default: 'any',
      help: 'With metric=twitch: which of the channel’s goals; any: the newest one running.',
    },
    {
      name: 'target',
      label: 'Target',
      kind: 'number',
      default: '',
      min: 1,
      max: 100_000_000,
      step: 1,
      help: 'The goal; empty: the next round number above the count when the bar first loads.',
    },
    {
      name: 'label',
      label: 'Label',
      kind: 'text',
      default: '',
      help: 'The text over the bar; empty: "Follower goal", "Sub goal", the Twitch goal’s own description, or the charity’s name.',
    },
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};

/** The stats line, `/widgets/stats`. @type {WidgetSpec} */
export const STATS_WIDGET = {
  name: 'stats',
  title: 'Stats',
  path: '/widgets/stats',
  size: { width: 1000, height: 80 },
  options: [
    {
      name: 'show',
      label: 'Numbers',
      kind: 'multi',
      choices: ['viewers', 'followers', 'subs'],
      default: 'viewers,followers,subs',
      help: 'Which numbers to show, in this order.',
    },
    {
      name: 'live',
      label: 'Live badge',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'Show LIVE / OFFLINE in front of the numbers.',
    },
    {
      name: 'layout',
      label: 'Layout',
      kind: 'choice',
      choices: ['row', 'column'],
      default: 'row',
      help: 'Numbers side by side, or one under the other.',
    },
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};

/** The hype train bar, `/widgets/hypetrain`: shown while a train runs. @type {WidgetSpec} */
export const HYPE_TRAIN_WIDGET = {
  name: 'hypetrain',
  title: 'Hype train',
  path: '/widgets/hypetrain',
  size: { width: 800, height: 140 },
  options: [
    {
      name: 'label',
      label: 'Label',
      kind: 'text',
      default: 'Hype train',
      help: 'The text over the bar; the level follows it.',
    },
    {
      name: 'ended',
      label: 'After it ends (s)',
      kind: 'number',
      default: '15',
      min: 0,
      max: 600,
      step: 1,
      help: 'How long "Hype train over: level 4" stays after a train ends; 0: hide at once.',
    },
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};

/** The poll and prediction widget, `/widgets/poll`. @type {WidgetSpec} */
export const POLL_WIDGET = {
  name: 'poll',
  title: 'Poll / prediction',
  path: '/widgets/poll',
  size: { width: 600, height: 320 },
  options: [
    {
      name: 'show',
      label: 'Show',
      kind: 'choice',
      choices: ['both', 'poll', 'prediction'],
      default: 'both',
      help: 'Polls, predictions, or whichever started last.',
    },
    {
      name: 'hideAfter',
      label: 'Hide after the end (s)',
      kind: 'number',
      default: '30',
      min: 0,
      max: 3600,
      step: 5,
      help: 'How long the result stays after a poll or prediction ends; 0: until the next one.',
    },
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};

/** The ad break countdown, `/widgets/adbreak`: shown while ads run. @type {WidgetSpec} */
export const AD_BREAK_WIDGET = {
  name: 'adbreak',
  title: 'Ad break',
  path: '/widgets/adbreak',
  size: { width: 800, height: 140 },
  options: [
    {
      name: 'label',
      label: 'Label',
      kind: 'text',
      default: 'Ads',
      help: 'The text over the bar; the time left follows it ("Ads · 1:23 left").',
    },
    {
      name: 'automatic',
      label: 'Automatic breaks',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'show: say "scheduled" when Twitch’s ad schedule started the break, not the channel.',
    },
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};
