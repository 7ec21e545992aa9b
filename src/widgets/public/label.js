// @ts-check
// A label (`/widgets/label?show=…`): one line about the latest follower, sub, gift, cheer or raid,
// this stream's top cheerer or gifter, or a count since the stream went live. The service works
// these out from the events and sends them as its `labels` state, so every copy and every reload
// shows the same line at once. See LABEL_WIDGET for its URL options.
import { LABEL_TEXTS, labelLine } from './lib/label-text.js';
import { mountWidget } from './lib/mount-widget.js';
import { LABEL_WIDGET } from './lib/widget-options.js';
import { reduceLabels } from './state/labels-state.js';

/** @typedef {import('../../contract/sse-contract.js').LabelsData} LabelsData */

mountWidget({
  spec: LABEL_WIDGET,
  settings: (query) => {
    const kind = query.choice('show');
    const defaults = LABEL_TEXTS[kind] ?? { text: '', empty: '' };
    return {
      kind,
      template: query.text('text') || defaults.text,
      empty: query.text('empty') || defaults.empty,
      align: query.choice('align'),
    };
  },
  query: () => ({ types: 'labels' }),
  initial: () => /** @type {LabelsData | null} */ (null),
  reduce: reduceLabels,
  view: labelView,
});

/**
 * @param {{ kind: string; template: string; empty: string; align: string }} settings
 * @returns {(labels: LabelsData | null) => void}  draws the labels, or null until the service
 *   has sent them
 */
function labelView({ kind, template, empty, align }) {
  const label = /** @type {HTMLElement} */ (document.getElementById('label'));
  label.classList.add(`label--${align}`);
  label.dataset.show = kind;

  return (labels) => {
    const line = labels
      ? labelLine(kind, labels, template, empty)
      : { parts: [{ text: empty, value: false }], known: false };
    label.replaceChildren(
      ...line.parts.map((part) => {
        if (!part.value) return document.createTextNode(part.text);
        const value = document.createElement('span');
        value.className = 'label__value';
        value.textContent = part.text;
        return value;
      }),
    );
    label.dataset.known = String(line.known);
    label.dataset.ready = String(labels !== null);
  };
}
