// @ts-check

/** @typedef {import('./stream-connection.js').ConnectionState} ConnectionState */

/**
 * Shows a widget's connection state: always as `data-connection` on <body> (for tests and custom
 * CSS), and, with `?debug=on`, in a small corner badge. Nothing shows on stream by default, since
 * a widget that reconnects does so by itself.
 * @param {boolean} visible
 * @returns {(state: ConnectionState, detail?: string) => void}
 */
export function connectionBadge(visible) {
  /** @type {HTMLElement | null} */
  let badge = null;
  if (visible) {
    badge = document.createElement('div');
    badge.className = 'debug-badge';
    document.body.append(badge);
  }
  return (state, detail = '') => {
    document.body.dataset.connection = state;
    if (badge) badge.textContent = `${state}${detail ? ` · ${detail}` : ''}`;
  };
}
