// @ts-check

/**
 * Sets a widget's look from its query as CSS variables: `--accent` and a lighter `--accent-light`
 * (for text on the dark card), and `--scale`. The light shade is mixed here rather than with CSS
 * color-mix(), which the Chromium in OBS 30 does not know.
 * @param {import('./widget-query.js').WidgetQuery} query
 */
export function applyLook(query) {
  const accent = query.color('color');
  const style = document.documentElement.style;
  style.setProperty('--accent', accent);
  style.setProperty('--accent-light', mixWithWhite(accent, 0.4));
  style.setProperty('--scale', String(query.number('scale')));
}

/**
 * @param {string} hex  `#rgb`, `#rrggbb` or `#rrggbbaa`
 * @param {number} amount  0..1 of white
 */
function mixWithWhite(hex, amount) {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits.slice(0, 6);
  const channels = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  const mixed = channels.map((c) => Math.round(c + (255 - c) * amount));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
