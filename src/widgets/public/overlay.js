// @ts-check
import { MAX_LAYERS, OVERLAY_SIZE, parseLayer } from './lib/overlay-layers.js';

/**
 * The overlay (`/widgets/overlay?layer=x,y,width,height,/widgets/<name>?<options>&layer=…`):
 * several widgets in one OBS browser source, each in a frame at its place. The frames are pages
 * of this service, so they share the browser's one stream like any other widget.
 */

const params = new URLSearchParams(location.search);
const root = /** @type {HTMLElement} */ (document.getElementById('overlay'));
root.style.width = `${size('width', OVERLAY_SIZE.width)}px`;
root.style.height = `${size('height', OVERLAY_SIZE.height)}px`;

const layers = params.getAll('layer');
if (layers.length > MAX_LAYERS) {
  console.warn(`The overlay shows its first ${MAX_LAYERS} layers of ${layers.length}.`);
}
for (const text of layers.slice(0, MAX_LAYERS)) {
  const parsed = parseLayer(text, location.origin);
  if ('error' in parsed) {
    console.warn(`An overlay layer was left out: ${parsed.error}.`);
    continue;
  }
  const { layer } = parsed;
  const frame = document.createElement('iframe');
  frame.className = 'overlay__layer';
  frame.title = layer.path;
  frame.style.left = `${layer.x}px`;
  frame.style.top = `${layer.y}px`;
  frame.width = String(layer.width);
  frame.height = String(layer.height);
  frame.src = layer.path;
  root.append(frame);
}
root.dataset.layers = String(root.childElementCount);

/**
 * @param {string} name
 * @param {number} fallback
 */
function size(name, fallback) {
  const value = Number(params.get(name) ?? fallback);
  return Number.isInteger(value) && value > 0 && value <= 8192 ? value : fallback;
}
