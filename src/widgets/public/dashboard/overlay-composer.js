// @ts-check
import { MAX_LAYERS, OVERLAY_SIZE, overlayUrl } from '../lib/overlay-layers.js';

/** @typedef {import('../lib/overlay-layers.js').OverlayLayer} OverlayLayer */

/**
 * Composes an overlay: the widgets the URL builder adds to it, each placed on a 1920 × 1080
 * canvas, as one URL for one OBS browser source (one source, one connection, whatever it holds).
 */
export class OverlayComposer {
  /** @type {OverlayLayer[]} */
  #layers = [];

  /**
   * @param {HTMLElement} root
   * @param {string} origin  the service's address as this browser reaches it
   */
  constructor(root, origin) {
    this.origin = origin;
    root.classList.add('overlay-composer');
    const heading = document.createElement('h3');
    heading.textContent = 'Overlay: several widgets in one browser source';
    const help = document.createElement('p');
    help.className = 'muted';
    help.textContent = `“Add to overlay” puts the widget above here on a ${OVERLAY_SIZE.width} × ${OVERLAY_SIZE.height} canvas; set where each sits, then add the overlay in OBS as one Browser source of that size.`;
    this.list = document.createElement('ol');
    this.list.className = 'overlay-composer__layers';
    const output = document.createElement('div');
    output.className = 'builder__output';
    this.url = document.createElement('input');
    this.url.id = 'overlay-url';
    this.url.readOnly = true;
    this.url.setAttribute('aria-label', 'Overlay URL');
    this.open = document.createElement('a');
    this.open.target = '_blank';
    this.open.rel = 'noopener';
    this.open.textContent = 'Open';
    output.append(this.url, this.open);
    root.append(heading, help, this.list, output);
    this.#render();
  }

  /**
   * Adds a widget below the lowest one so far (the streamer moves it where it belongs).
   * @param {string} url  the widget's URL, as the builder made it
   * @param {{ width: number, height: number }} size
   */
  add(url, size) {
    if (this.#layers.length >= MAX_LAYERS) return;
    const { pathname, search } = new URL(url);
    const bottom = Math.max(0, ...this.#layers.map((layer) => layer.y + layer.height));
    const y = bottom + size.height <= OVERLAY_SIZE.height ? bottom : 0;
    this.#layers.push({ x: 0, y, width: size.width, height: size.height, path: pathname + search });
    this.#render();
  }

  #render() {
    this.list.replaceChildren(...this.#layers.map((layer) => this.#row(layer)));
    const url = this.#layers.length > 0 ? overlayUrl(this.origin, this.#layers) : '';
    this.url.value = url;
    this.url.placeholder = 'Add a widget to start an overlay';
    this.open.hidden = url === '';
    this.open.href = url;
  }

  /** @param {OverlayLayer} layer */
  #row(layer) {
    const row = document.createElement('li');
    row.className = 'overlay-composer__layer';
    const name = document.createElement('code');
    name.textContent = layer.path;
    /** @param {'x' | 'y'} axis */
    const place = (axis) => {
      const input = document.createElement('input');
      input.type = 'number';
      input.min = '0';
      input.max = String(axis === 'x' ? OVERLAY_SIZE.width : OVERLAY_SIZE.height);
      input.step = '1';
      input.value = String(layer[axis]);
      input.setAttribute('aria-label', `${axis} of ${layer.path}`);
      input.addEventListener('change', () => {
        const value = Number(input.value);
        if (Number.isInteger(value) && value >= 0 && value <= 8192) layer[axis] = value;
        this.#render();
      });
      const label = document.createElement('label');
      label.append(`${axis} `, input);
      return label;
    };
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => {
      this.#layers.splice(this.#layers.indexOf(layer), 1);
      this.#render();
    });
    row.append(name, place('x'), place('y'), ` ${layer.width} × ${layer.height} `, remove);
    return row;
  }
}
