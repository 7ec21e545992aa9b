// @ts-check
import { DEBUG_OPTION, LOOK_OPTIONS } from './widget-spec.js';

/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

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
