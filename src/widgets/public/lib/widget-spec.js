// @ts-check
// What a widget's URL options are, and the options every widget has (its look, the debug badge).
// The widgets read their settings through these specs (WidgetQuery), the dashboard's URL builder
// draws its form from them, and the README documents the same list.

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
 * @property {'alerts' | 'goal' | 'stats' | 'label' | 'events' | 'subathon' | 'hypetrain' | 'poll' | 'adbreak' | 'chat'} name
 * @property {string} title
 * @property {string} path
 * @property {{ width: number; height: number }} size
 * @property {readonly OptionSpec[]} options
 */

/** A widget's look (`applyLook`). @type {readonly OptionSpec[]} */
export const LOOK_OPTIONS = [
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

/** The connection badge (`mountWidget`). @type {OptionSpec} */
export const DEBUG_OPTION = {
  name: 'debug',
  label: 'Debug',
  kind: 'choice',
  choices: ['off', 'on'],
  default: 'off',
  advanced: true,
  help: 'on: show the connection state in a corner.',
};
