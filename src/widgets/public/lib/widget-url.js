// @ts-check

/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

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
