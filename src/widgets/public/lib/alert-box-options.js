// @ts-check
import { ALERT_EVENT_TYPES, DEFAULT_ALERT_EVENT_TYPES } from './alert-events.js';
import { EVENT_LABELS } from './contract.js';
import { EVENT_KEYS } from './event-keys.js';
import { DEFAULT_TEMPLATES, PLACEHOLDERS } from './event-templates.js';
import { DEBUG_OPTION, LOOK_OPTIONS } from './widget-spec.js';

/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */
/** @typedef {import('./widget-spec.js').OptionSpec} OptionSpec */
/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

/** The alert box's summary of recovered events (`recovered=summary`). @type {readonly OptionSpec[]} */
const SUMMARY_OPTIONS = [
  {
    name: 'title.summary',
    label: 'Missed while away: title',
    kind: 'text',
    default: 'While we were away',
    advanced: true,
    help: 'The heading of the alert that sums up the events recovered after a lost connection.',
  },
  {
    name: 'text.summary',
    label: 'Missed while away: text',
    kind: 'text',
    default: '{summary}',
    advanced: true,
    help: 'Its line; {summary} is what was missed, e.g. "3 follows, 1 sub, 500 bits".',
  },
  {
    name: 'sound.summary',
    label: 'Missed while away: sound',
    kind: 'media',
    default: '',
    advanced: true,
    help: 'A sound for that alert: a URL or a file in the media folder.',
  },
];

/** The alert box, `/widgets/alerts`. @type {WidgetSpec} */
export const ALERT_BOX_WIDGET = {
  name: 'alerts',
  title: 'Alert box',
  path: '/widgets/alerts',
  size: { width: 1000, height: 400 },
  options: [
    {
      name: 'events',
      label: 'Events',
      kind: 'multi',
      choices: ALERT_EVENT_TYPES,
      default: DEFAULT_ALERT_EVENT_TYPES.join(','),
      help: 'Which events show an alert (comma-separated EventSub types; channel.hype_train.progress shows a new level).',
    },
    {
      name: 'duration',
      label: 'Duration (s)',
      kind: 'number',
      default: '6',
      min: 0.1,
      max: 120,
      step: 0.5,
      help: 'Seconds each alert stays on screen.',
    },
    {
      name: 'gap',
      label: 'Gap (s)',
      kind: 'number',
      default: '0.5',
      min: 0,
      max: 30,
      step: 0.5,
      help: 'Seconds between one alert leaving and the next entering.',
    },
    {
      name: 'animation',
      label: 'Animation',
      kind: 'choice',
      choices: ['pop', 'slide', 'fade', 'none'],
      default: 'pop',
      help: 'How an alert enters and leaves.',
    },
    {
      name: 'minBits',
      label: 'Minimum bits',
      kind: 'number',
      default: '1',
      min: 1,
      max: 1_000_000,
      step: 1,
      help: 'Cheers of fewer bits show no alert.',
    },
    {
      name: 'maxAge',
      label: 'Max age (s)',
      kind: 'number',
      default: '120',
      min: 0,
      max: 86_400,
      step: 10,
      help: 'After a reload or reconnect, alerts older than this are skipped, not played late; 0 plays all.',
    },
    {
      name: 'giftedSubs',
      label: 'Gifted subs',
      kind: 'choice',
      choices: ['hide', 'show'],
      default: 'hide',
      help: 'hide: a gift bomb shows one gift alert, not also one sub alert per gifted sub.',
    },
    {
      name: 'recovered',
      label: 'Missed while away',
      kind: 'choice',
      choices: ['summary', 'play', 'skip'],
      default: 'summary',
      help: 'Events recovered after the connection to Twitch was lost: summary shows one alert ("While we were away: 3 follows, 1 sub, 500 bits"); play plays each; skip shows none.',
    },
    {
      name: 'message',
      label: 'Viewer message',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: "Show the viewer's message (a cheer's, a resub's, a Power-up's; emotes and cheermotes as images), or what the viewer typed for a reward, under the alert.",
    },
    {
      name: 'emoteOnly',
      label: 'Emote-only messages',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'hide: a message of nothing but emotes and cheermotes is left out (the alert still plays).',
    },
    {
      name: 'image',
      label: 'Image',
      kind: 'media',
      default: '',
      help: 'An image, GIF or WebM video over every alert: a URL or a file in the media folder (an event’s own wins).',
    },
    {
      name: 'sound',
      label: 'Sound',
      kind: 'media',
      default: '',
      help: 'A sound for every alert: a URL or a file in the media folder (an event’s own sound wins).',
    },
    {
      name: 'volume',
      label: 'Volume (%)',
      kind: 'number',
      default: '80',
      min: 0,
      max: 100,
      step: 5,
      help: 'Sound volume.',
    },
    ...LOOK_OPTIONS,
    ...ALERT_EVENT_TYPES.flatMap((event) => perEventOptions(event)),
    ...SUMMARY_OPTIONS,
    {
      name: 'instance',
      label: 'Instance',
      kind: 'text',
      default: '',
      advanced: true,
      help: 'Tells two alert boxes with the same settings apart, so each keeps its own place in the stream.',
    },
    DEBUG_OPTION,
  ],
};

/**
 * @param {TwitchEventType} event
 * @returns {OptionSpec[]}
 */
function perEventOptions(event) {
  const key = EVENT_KEYS[event];
  const label = EVENT_LABELS[event];
  return [
    {
      name: `title.${key}`,
      label: `${label}: title`,
      kind: 'text',
      default: DEFAULT_TEMPLATES[event].title,
      advanced: true,
      help: `The heading of a ${label.toLowerCase()} alert.`,
    },
    {
      name: `text.${key}`,
      label: `${label}: text`,
      kind: 'text',
      default: DEFAULT_TEMPLATES[event].text,
      advanced: true,
      help: `The line of a ${label.toLowerCase()} alert; can use ${PLACEHOLDERS.join(' ')}.`,
    },
    {
      name: `sound.${key}`,
      label: `${label}: sound`,
      kind: 'media',
      default: '',
      advanced: true,
      help: `A sound for ${label.toLowerCase()} alerts: a URL or a file in the media folder.`,
    },
    {
      name: `image.${key}`,
      label: `${label}: image`,
      kind: 'media',
      default: '',
      advanced: true,
      help: `An image, GIF or WebM for ${label.toLowerCase()} alerts: a URL or a file in the media folder.`,
    },
  ];
}
