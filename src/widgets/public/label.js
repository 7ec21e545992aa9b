// @ts-check
// A label (`/widgets/label?show=…`): one line about the latest follower, sub, gift, cheer or raid,
// this stream's top cheerer or gifter, or a count since the stream went live. The service works
// these out from the events and sends them as its `labels` state, so every copy and every reload
// shows the same line at once. See LABEL_WIDGET for its URL options.
import { connectionBadge } from './lib/connection-badge.js';
import { LABEL_TEXTS, labelLine } from './lib/label-text.js';
import { StreamConnection } from './lib/stream-connection.js';
import { LABEL_WIDGET, WidgetQuery } from './lib/widget-options.js';
import { applyLook } from './lib/widget-look.js';

/** @typedef {import('../../contract/sse-contract.js').LabelsData} LabelsData */

const query = new WidgetQuery(LABEL_WIDGET, location.search);
const kind = query.choice('show');
const defaults = LABEL_TEXTS[kind] ?? { text: '', empty: '' };
const template = query.text('text') || defaults.text;
const empty = query.text('empty') || defaults.empty;
applyLook(query);

const label = /** @type {HTMLElement} */ (document.getElementById('label'));
label.classList.add(`label--${query.choice('align')}`);
label.dataset.show = kind;

/** @type {StreamConnection<null>} */
const connection = new StreamConnection({
  // Nothing to keep between loads: the service sends its labels to every client that connects.
  storageKey: null,
  query: { types: 'labels' },
  onMessage: (message) => {
    if (message.type === 'labels') render(message.data);
  },
  onStateChange: connectionBadge(query.choice('debug') === 'on'),
});

/** @param {LabelsData | null} labels  null until the service has sent them */
function render(labels) {
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
}

render(null);
connection.start();
