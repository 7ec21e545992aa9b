// @ts-check
import { DEFAULT_ALERT_EVENT_TYPES } from './alert-events.js';
import { EVENT_LABELS, TWITCH_EVENT_TYPES } from './contract.js';
import { EVENT_KEYS } from './event-keys.js';
import { LIST_TEMPLATES, PLACEHOLDERS } from './event-templates.js';
import { DEBUG_OPTION, LOOK_OPTIONS } from './widget-spec.js';

/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

/** The event list, `/widgets/events`: the last few events, newest first. @type {WidgetSpec} */
export const EVENT_LIST_WIDGET = {
  name: 'events',
  title: 'Event list',
  path: '/widgets/events',
  size: { width: 400, height: 500 },
  options: [
    {
      name: 'events',
      label: 'Events',
      kind: 'multi',
      choices: TWITCH_EVENT_TYPES,
      // The same events as the alert box plays unless told otherwise, so the two agree.
      default: DEFAULT_ALERT_EVENT_TYPES.join(','),
      help: 'Which events are listed (comma-separated EventSub types).',
    },
    {
      name: 'limit',
      label: 'Rows',
      kind: 'number',
      default: '6',
      min: 1,
      max: 50,
      step: 1,
      help: 'How many events are listed; older ones leave.',
    },
    {
      name: 'order',
      label: 'Order',
      kind: 'choice',
      choices: ['newest-first', 'oldest-first'],
      default: 'newest-first',
      help: 'newest-first: a new event enters at the top; oldest-first: at the bottom.',
    },
    {
      name: 'minBits',
      label: 'Minimum bits',
      kind: 'number',
      default: '1',
      min: 1,
      max: 1_000_000,
      step: 1,
      help: 'Cheers of fewer bits are not listed.',
    },
    {
      name: 'giftedSubs',
      label: 'Gifted subs',
      kind: 'choice',
      choices: ['hide', 'show'],
      default: 'hide',
      help: 'hide: a gift bomb is one row, not also one row per gifted sub.',
    },
    {
      name: 'recovered',
      label: 'Missed while away',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'Events recovered after the connection to Twitch was lost: listed or not.',
    },
    {
      name: 'tests',
      label: 'Test alerts',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'The dashboard’s test alerts: listed or not.',
    },
    {
      name: 'message',
      label: 'Viewer message',
      kind: 'choice',
      choices: ['hide', 'show'],
      default: 'hide',
      help: 'show: a cheer’s, resub’s or Power-up’s message follows its row, emotes and cheermotes as images (as {message} in a row’s text does).',
    },
    {
      name: 'emoteOnly',
      label: 'Emote-only messages',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'hide: a message of nothing but emotes and cheermotes is left out of its row.',
    },
    ...LOOK_OPTIONS,
    ...TWITCH_EVENT_TYPES.map((event) => ({
      name: `text.${EVENT_KEYS[event]}`,
      label: `${EVENT_LABELS[event]}: text`,
      kind: /** @type {const} */ ('text'),
      default: LIST_TEMPLATES[event],
      advanced: true,
      help: `A ${EVENT_LABELS[event].toLowerCase()} row; can use ${PLACEHOLDERS.join(' ')}.`,
    })),
    DEBUG_OPTION,
  ],
};
