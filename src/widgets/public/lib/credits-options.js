// @ts-check
// The credits roll's URL options (`/widgets/credits`), and its sections with their headings.
import { DEBUG_OPTION, LOOK_OPTIONS } from './widget-spec.js';

/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */
/** @typedef {import('./widget-spec.js').OptionSpec} OptionSpec */
/** @typedef {import('../../../credits/credits-api.js').CreditsSection} CreditsSection */

/** Every section, in the order the roll shows them by default. @type {readonly CreditsSection[]} */
export const CREDITS_SECTIONS = [
  'followers',
  'subscribers',
  'gifters',
  'cheerers',
  'raiders',
  'redeemers',
];

/** Each section's heading unless the URL gives another (`heading.<section>`). */
export const CREDITS_HEADINGS = /** @type {const} */ ({
  followers: 'Followers',
  subscribers: 'Subscribers',
  gifters: 'Gifted subs',
  cheerers: 'Cheers',
  raiders: 'Raids',
  redeemers: 'Channel points',
});

/** The credits roll, `/widgets/credits`: a whole 1080p canvas the names roll up. @type {WidgetSpec} */
export const CREDITS_WIDGET = {
  name: 'credits',
  title: 'Credits',
  path: '/widgets/credits',
  size: { width: 1920, height: 1080 },
  options: [
    {
      name: 'sections',
      label: 'Sections',
      kind: 'multi',
      ordered: true,
      choices: CREDITS_SECTIONS,
      default: CREDITS_SECTIONS.join(','),
      help: 'Which sections roll, in this order (comma-separated; ↑ moves one up). A section without names is left out.',
    },
    {
      name: 'speed',
      label: 'Speed',
      kind: 'number',
      default: '60',
      min: 10,
      max: 2000,
      step: 5,
      help: 'How fast the names roll up, in pixels a second (at scale 1).',
    },
    {
      name: 'end',
      label: 'At the end',
      kind: 'choice',
      choices: ['stop', 'loop'],
      default: 'stop',
      help: 'stop: the roll leaves the screen after its last name; loop: it starts again, with the names that came in meanwhile, until Stop credits.',
    },
    {
      name: 'start',
      label: 'Starts',
      kind: 'choice',
      choices: ['button', 'offline'],
      default: 'button',
      help: 'button: when you press Roll credits on the dashboard; offline: also by itself when the stream goes offline.',
    },
    {
      name: 'title',
      label: 'Title',
      kind: 'text',
      default: 'Thanks for watching!',
      help: 'The line above the names; empty: none.',
    },
    {
      name: 'amounts',
      label: 'Amounts',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'show: beside each name, what the viewer gave (bits, gifted subs, raiders, months subscribed).',
    },
    ...CREDITS_SECTIONS.map(
      (section) =>
        /** @type {OptionSpec} */ ({
          name: `heading.${section}`,
          label: `Heading: ${section}`,
          kind: 'text',
          default: CREDITS_HEADINGS[section],
          advanced: true,
          help: `The heading over the ${section}.`,
        }),
    ),
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};
