// @ts-check

/**
 * One widget of an overlay: where it sits on the overlay's canvas, and the widget page (path and
 * query, on this service) it shows.
 * @typedef {object} OverlayLayer
 * @property {number} x
 * @property {number} y
 * @property {number} width
 * @property {number} height
 * @property {string} path  `/widgets/<name>?<options>`
 */

/** The overlay page itself. */
export const OVERLAY_PATH = '/widgets/overlay';

/** An OBS canvas: the overlay's size unless its URL says otherwise. */
export const OVERLAY_SIZE = { width: 1920, height: 1080 };

/** Layers past this are left out: an overlay is a scene's widgets, not a stress test. */
export const MAX_LAYERS = 24;

/** Any coordinate or size above this is refused (OBS canvases stop well before). */
const MAX_PIXELS = 8192;

/** A widget page of this service: one word under /widgets/, not the dashboard, not an overlay. */
const WIDGET_PAGE = /^\/widgets\/[a-z][a-z0-9-]*$/;
const NOT_LAYERS = new Set(['/widgets/dashboard', OVERLAY_PATH]);

/**
 * Reads a `layer` parameter, `x,y,width,height,/widgets/<name>?<options>`, as a layer on this
 * service (`origin`). Only a widget page of the same origin is taken: a layer's address is never
 * another site, a script URL, the dashboard (admin buttons) or another overlay.
 * @param {string} text
 * @param {string} origin
 * @returns {{ layer: OverlayLayer } | { error: string }}
 */
export function parseLayer(text, origin) {
  const parts = text.split(',');
  const numbers = parts
    .slice(0, 4)
    .map((part) => (/^\d{1,5}$/.test(part.trim()) ? Number(part) : NaN));
  const [x, y, width, height] = numbers;
  if (
    numbers.length < 4 ||
    numbers.some((number) => !(number <= MAX_PIXELS)) ||
    width === 0 ||
    height === 0
  ) {
    return { error: `"${text}" does not start with x,y,width,height in pixels (0–${MAX_PIXELS})` };
  }
  const address = parts.slice(4).join(',').trim();
  let url;
  try {
    url = new URL(address, origin);
  } catch {
    return { error: `"${address}" is no address` };
  }
  if (url.origin !== origin || !address.startsWith('/')) {
    return { error: `"${address}" is not a page of this service (give it as /widgets/…)` };
  }
  if (!WIDGET_PAGE.test(url.pathname) || NOT_LAYERS.has(url.pathname)) {
    return { error: `"${url.pathname}" is not a widget page` };
  }
  return {
    layer: {
      x: /** @type {number} */ (x),
      y: /** @type {number} */ (y),
      width: /** @type {number} */ (width),
      height: /** @type {number} */ (height),
      path: `${url.pathname}${url.search}`,
    },
  };
}

/**
 * The overlay's URL for `layers` on a canvas of `size`.
 * @param {string} origin
 * @param {OverlayLayer[]} layers
 * @param {{ width: number, height: number }} [size]
 */
export function overlayUrl(origin, layers, size = OVERLAY_SIZE) {
  const params = new URLSearchParams();
  if (size.width !== OVERLAY_SIZE.width) params.set('width', String(size.width));
  if (size.height !== OVERLAY_SIZE.height) params.set('height', String(size.height));
  for (const layer of layers) {
    params.append('layer', [layer.x, layer.y, layer.width, layer.height, layer.path].join(','));
  }
  return `${origin}${OVERLAY_PATH}?${params}`;
}
