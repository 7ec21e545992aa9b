// @ts-check
import { LABEL_KINDS, LABEL_PLACEHOLDERS } from './label-text.js';
import { DEBUG_OPTION, LOOK_OPTIONS } from './widget-spec.js';

/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

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
