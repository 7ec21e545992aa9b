// @ts-check
// Every widget's URL options in one place: the widgets read their settings with these, the
// dashboard's URL builder draws its form from them, and the README documents the same list.
import { TWITCH_EVENT_TYPES } from './contract.js';
import {
  ALERT_EVENT_TYPES,
  DEFAULT_TEMPLATES,
  EVENT_KEYS,
  EVENT_LABELS,
  LIST_TEMPLATES,
  PLACEHOLDERS,
  VARIANT_AMOUNTS,
} from './event-text.js';
import { LABEL_KINDS, LABEL_PLACEHOLDERS } from './label-text.js';

/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * One query option of a widget.
 * @typedef {object} OptionSpec
 * @property {string} name  the query parameter
 * @property {string} label  what the URL builder calls it
 * @property {'number' | 'text' | 'choice' | 'multi' | 'color' | 'url' | 'media'} kind  `media`: a
 *   URL, or the name of a file in the service's media folder (served at /media/<name>)
 * @property {string} default  the value when the parameter is absent, written as in a URL
 * @property {string} help  one sentence for the URL builder
 * @property {readonly string[]} [choices]  for `choice` and `multi`
 * @property {number} [min]
 * @property {number} [max]
 * @property {number} [step]
 * @property {boolean} [advanced]  folded away in the URL builder
 */

/**
 * A widget: where it is served, the OBS browser-source size it is designed for, its options.
 * @typedef {object} WidgetSpec
 * @property {'alerts' | 'goal' | 'stats' | 'label' | 'events' | 'subathon' | 'hypetrain' | 'poll'} name
 * @property {string} title
 * @property {string} path
 * @property {{ width: number; height: number }} size
 * @property {readonly OptionSpec[]} options
 */

/** The alert box's events unless told otherwise: the viewers' events, channel points and hype trains. */
const ALERT_EVENTS = /** @type {const} */ ([
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.gift',
  'channel.cheer',
  'channel.raid',
  'channel.channel_points_custom_reward_redemption.add',
  'channel.hype_train.begin',
  'channel.hype_train.progress',
]);

/** The parts of an alert a variation by amount can change. */
export const VARIANT_FIELDS = /** @type {const} */ (['title', 'text', 'sound', 'image']);

/** @type {readonly OptionSpec[]} */
const LOOK_OPTIONS = [
  {
    name: 'color',
    label: 'Accent color',
    kind: 'color',
    default: '9146ff',
    help: 'Hex color of the highlights (without #, or with # written as %23).',
  },
  {
    name: 'scale',
    label: 'Scale',
    kind: 'number',
    default: '1',
    min: 0.25,
    max: 4,
    step: 0.05,
    help: 'Text size multiplier; 1 suits a 1080p canvas.',
  },
];

/** @type {OptionSpec} */
const DEBUG_OPTION = {
  name: 'debug',
  label: 'Debug',
  kind: 'choice',
  choices: ['off', 'on'],
  default: 'off',
  advanced: true,
  help: 'on: show the connection state in a corner.',
};

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
      default: ALERT_EVENTS.join(','),
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
      help: "Show the cheer's message, or what the viewer typed for a reward, under the alert.",
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
      choices: ['followers', 'subs', 'twitch'],
      default: 'followers',
      help: 'What the goal counts; twitch: the channel’s own creator goal as set on Twitch (needs the channel.goal events in EVENTSUB_EVENTS).',
    },
    {
      name: 'goalType',
      label: 'Twitch goal',
      kind: 'choice',
      choices: [
        'any',
        'follower',
        'subscription',
        'subscription_count',
        'new_subscription',
        'new_subscription_count',
        'new_bit',
        'new_cheerer',
      ],
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
      help: 'The text over the bar; empty: "Follower goal", "Sub goal", or the Twitch goal’s own description.',
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

/**
 * A label, `/widgets/label`: one line about a latest viewer, a top supporter, or a count.
 * @type {WidgetSpec}
 */
export const LABEL_WIDGET = {
  name: 'label',
  title: 'Label',
  path: '/widgets/label',
  size: { width: 800, height: 60 },
  options: [
    {
      name: 'show',
      label: 'Show',
      kind: 'choice',
      choices: LABEL_KINDS,
      default: 'latest-follower',
      help: 'What the label says: a latest viewer, this stream’s top cheerer or gifter, or a count since the stream went live.',
    },
    {
      name: 'text',
      label: 'Text',
      kind: 'text',
      default: '',
      help: `The line; empty: e.g. "Latest follower: {name}". Can use ${LABEL_PLACEHOLDERS.join(' ')}.`,
    },
    {
      name: 'empty',
      label: 'Placeholder',
      kind: 'text',
      default: '',
      help: 'Shown while there is no one to name yet; empty: e.g. "Latest follower: no one yet".',
    },
    {
      name: 'align',
      label: 'Align',
      kind: 'choice',
      choices: ['left', 'center', 'right'],
      default: 'left',
      help: 'Where the line sits in the source.',
    },
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};

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
      default: ALERT_EVENTS.join(','),
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

/** The subathon timer, `/widgets/subathon`. @type {WidgetSpec} */
export const SUBATHON_WIDGET = {
  name: 'subathon',
  title: 'Subathon timer',
  path: '/widgets/subathon',
  size: { width: 600, height: 160 },
  options: [
    {
      name: 'label',
      label: 'Label',
      kind: 'text',
      default: '',
      help: 'A line over the time, e.g. "Subathon"; empty: none.',
    },
    {
      name: 'ended',
      label: 'When it ends',
      kind: 'text',
      default: 'Subathon over!',
      help: 'What shows once the timer reaches zero.',
    },
    {
      name: 'paused',
      label: 'Paused badge',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'Show "Paused" beside the time while the timer is paused.',
    },
    {
      name: 'added',
      label: 'Time added',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'Show "+1:00" for a moment when a sub, gift, cheer, follow or the dashboard adds time.',
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

/** Every widget, in the order the dashboard lists them. */
export const WIDGETS = [
  ALERT_BOX_WIDGET,
  GOAL_WIDGET,
  STATS_WIDGET,
  LABEL_WIDGET,
  EVENT_LIST_WIDGET,
  SUBATHON_WIDGET,
  HYPE_TRAIN_WIDGET,
  POLL_WIDGET,
];

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

/**
 * One variation of an alert for amounts from `min` up (`variant.cheer.1000.title=…`): what it
 * changes; what it leaves out comes from the event's own settings.
 * @typedef {object} AlertVariant
 * @property {string} event  the event key (`cheer`)
 * @property {number} min
 * @property {string} [title]
 * @property {string} [text]
 * @property {string} [sound]  as written: a URL or a media file name
 * @property {string} [image]
 */

/**
 * The name of a variation's option: `variant.<event>.<min>.<field>`.
 * @param {string} event  the event key
 * @param {number} min
 * @param {typeof VARIANT_FIELDS[number]} field
 */
export function variantOptionName(event, min, field) {
  return `variant.${event}.${min}.${field}`;
}

const VARIANT_OPTION = /^variant\.([a-z-]+)\.(\d+)\.([a-z]+)$/;

/** Reads a widget's options from its URL query, falling back to each option's default. */
export class WidgetQuery {
  /**
   * @param {WidgetSpec} widget
   * @param {string} search  `location.search`
   */
  constructor(widget, search) {
    this.widget = widget;
    this.params = new URLSearchParams(search);
  }

  /**
   * A number within the option's range; the default when absent or not a number, and NaN when
   * the default is empty too.
   * @param {string} name
   */
  number(name) {
    const spec = this.#spec(name);
    const value = Number(this.#raw(spec) || spec.default || NaN);
    if (!Number.isFinite(value)) return Number(spec.default || NaN);
    return Math.min(spec.max ?? Infinity, Math.max(spec.min ?? -Infinity, value));
  }

  /** @param {string} name */
  text(name) {
    const spec = this.#spec(name);
    return this.#raw(spec) ?? spec.default;
  }

  /**
   * One of the option's choices; the default for anything else.
   * @param {string} name
   */
  choice(name) {
    const spec = this.#spec(name);
    const value = this.#raw(spec);
    return value !== null && spec.choices?.includes(value) ? value : spec.default;
  }

  /**
   * The known choices of a comma-separated list, in the order given; the default when none.
   * @param {string} name
   */
  multi(name) {
    const spec = this.#spec(name);
    const known = (this.#raw(spec) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => spec.choices?.includes(item));
    return known.length > 0 ? [...new Set(known)] : spec.default.split(',').filter(Boolean);
  }

  /**
   * A CSS hex color (`#rrggbb`), from `9146ff`, `#9146ff` or `abc`.
   * @param {string} name
   */
  color(name) {
    const spec = this.#spec(name);
    const value = (this.#raw(spec) ?? '').replace(/^#/, '');
    return `#${/^([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value) ? value : spec.default}`;
  }

  /**
   * An http(s) or same-site URL; "" for anything else.
   * @param {string} name
   */
  url(name) {
    const spec = this.#spec(name);
    const value = this.#raw(spec) ?? spec.default;
    if (value === '') return '';
    try {
      const url = new URL(value, location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
    } catch {
      return '';
    }
  }

  /**
   * A `media` option: an http(s) URL as given, or a file of the media folder as `/media/<name>`;
   * "" when absent or when the name would leave the folder (a console warning says so).
   * @param {string} name
   */
  media(name) {
    const spec = this.#spec(name);
    return mediaUrl(this.#raw(spec) ?? spec.default, name);
  }

  /**
   * The variations by amount in the query, newest settings for each (event, min), highest `min`
   * first. Malformed ones are left out with a console warning.
   * @returns {AlertVariant[]}
   */
  variants() {
    /** @type {Map<string, AlertVariant>} */
    const found = new Map();
    for (const [key, raw] of this.params) {
      const match = VARIANT_OPTION.exec(key);
      if (!match) continue;
      const [, event = '', minText = '', field = ''] = match;
      const value = raw.trim();
      if (!(event in VARIANT_AMOUNTS) || !isVariantField(field) || value === '') continue;
      const id = `${event}.${minText}`;
      const variant = found.get(id) ?? { event, min: Number(minText) };
      variant[field] = value;
      found.set(id, variant);
    }
    return [...found.values()].sort((a, b) => b.min - a.min);
  }

  /**
   * The query's parameters that are no option of this widget (nor a well-formed variation, where
   * `variants` are taken), for a console warning: a typo should not fail silently.
   * @param {{ variants?: boolean }} [accepts]
   */
  unknownOptions(accepts = {}) {
    const known = new Set([...this.widget.options.map((option) => option.name), ...PAGE_PARAMS]);
    /** @type {string[]} */
    const unknown = [];
    for (const key of new Set(this.params.keys())) {
      if (known.has(key)) continue;
      const variant = VARIANT_OPTION.exec(key);
      if (
        accepts.variants &&
        variant &&
        variant[1] !== undefined &&
        variant[1] in VARIANT_AMOUNTS &&
        isVariantField(variant[3] ?? '')
      ) {
        continue;
      }
      unknown.push(key);
    }
    return unknown;
  }

  /** @param {OptionSpec} spec */
  #raw(spec) {
    const value = this.params.get(spec.name);
    return value === null || value.trim() === '' ? null : value.trim();
  }

  /** @param {string} name */
  #spec(name) {
    const spec = this.widget.options.find((option) => option.name === name);
    if (!spec) throw new Error(`${this.widget.name} has no option ${name}`);
    return spec;
  }
}

/**
 * Parameters every page takes besides its widget's options: `share=off` gives the page a stream
 * connection of its own instead of the browser's shared one (`StreamConnection`).
 */
const PAGE_PARAMS = ['share'];

/**
 * @param {string} field
 * @returns {field is typeof VARIANT_FIELDS[number]}
 */
function isVariantField(field) {
  return /** @type {readonly string[]} */ (VARIANT_FIELDS).includes(field);
}

/**
 * Where the alert box loads a `media` value from: an http(s) URL as given, a file name of the media
 * folder as `/media/<name>`; "" for nothing, and for a name that would leave the folder (warned).
 * @param {string} value
 * @param {string} option  the option's name, for the warning
 */
export function mediaUrl(value, option) {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return new URL(trimmed).href;
    } catch {
      console.warn(`twitch-realtime: ${option}=${trimmed} is not a URL; ignored.`);
      return '';
    }
  }
  const parts = trimmed.split('/');
  if (
    trimmed.includes('\\') ||
    /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ||
    parts.some((part) => part === '' || part === '.' || part === '..' || part.startsWith('.'))
  ) {
    console.warn(
      `twitch-realtime: ${option}=${trimmed} is neither an http(s) URL nor a file name inside the media folder (no "..", no leading "/"); ignored.`,
    );
    return '';
  }
  return `/media/${parts.map(encodeURIComponent).join('/')}`;
}

/**
 * A widget's URL with the options that differ from their defaults, for the URL builder.
 * @param {WidgetSpec} widget
 * @param {string} origin  e.g. `http://127.0.0.1:3000`
 * @param {Record<string, string>} values  option name → value as typed
 */
export function widgetUrl(widget, origin, values) {
  const params = new URLSearchParams();
  for (const spec of widget.options) {
    const value = (values[spec.name] ?? '').trim();
    if (value !== '' && value !== spec.default) params.set(spec.name, value);
  }
  // Variations (`variant.…`) are no fixed option: they go in as given.
  for (const [name, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (name.startsWith('variant.') && value !== '') params.set(name, value);
  }
  const query = params.toString();
  return `${origin}${widget.path}${query ? `?${query}` : ''}`;
}
