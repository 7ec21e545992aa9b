// @ts-check
import { parseVariantOption, readVariants } from './alert-variants.js';
import { mediaUrl } from './media-url.js';

/** @typedef {import('./widget-spec.js').OptionSpec} OptionSpec */
/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */
/** @typedef {import('./alert-variants.js').AlertVariant} AlertVariant */

/**
 * Parameters every page takes besides its widget's options: `share=off` gives the page a stream
 * connection of its own instead of the browser's shared one (`StreamConnection`).
 */
const PAGE_PARAMS = ['share'];

/** Reads a widget's options from its URL query, falling back to each option's default. */
export class WidgetQuery {
  /**
   * @param {WidgetSpec} widget
   * @param {string} search  `location.search`
   */
  constructor(widget, search) {
    this.widget = widget;
    this.params = new URLSearchParams(search);
  }

  /**
   * A number within the option's range; the default when absent or not a number, and NaN when
   * the default is empty too.
   * @param {string} name
   */
  number(name) {
    const spec = this.#spec(name);
    const value = Number(this.#raw(spec) || spec.default || NaN);
    if (!Number.isFinite(value)) return Number(spec.default || NaN);
    return Math.min(spec.max ?? Infinity, Math.max(spec.min ?? -Infinity, value));
  }

  /** @param {string} name */
  text(name) {
    const spec = this.#spec(name);
    return this.#raw(spec) ?? spec.default;
  }

  /**
   * One of the option's choices; the default for anything else.
   * @param {string} name
   */
  choice(name) {
    const spec = this.#spec(name);
    const value = this.#raw(spec);
    return value !== null && spec.choices?.includes(value) ? value : spec.default;
  }

  /**
   * The known choices of a comma-separated list, in the order given; the default when none.
   * @param {string} name
   */
  multi(name) {
    const spec = this.#spec(name);
    const known = (this.#raw(spec) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => spec.choices?.includes(item));
    return known.length > 0 ? [...new Set(known)] : spec.default.split(',').filter(Boolean);
  }

  /**
   * A CSS hex color (`#rrggbb`), from `9146ff`, `#9146ff` or `abc`.
   * @param {string} name
   */
  color(name) {
    const spec = this.#spec(name);
    const value = (this.#raw(spec) ?? '').replace(/^#/, '');
    return `#${/^([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value) ? value : spec.default}`;
  }

  /**
   * An http(s) or same-site URL; "" for anything else.
   * @param {string} name
   */
  url(name) {
    const spec = this.#spec(name);
    const value = this.#raw(spec) ?? spec.default;
    if (value === '') return '';
    try {
      const url = new URL(value, location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
    } catch {
      return '';
    }
  }

  /**
   * A `media` option: an http(s) URL as given, or a file of the media folder as `/media/<name>`;
   * "" when absent or when the name would leave the folder (a console warning says so).
   * @param {string} name
   */
  media(name) {
    const spec = this.#spec(name);
    return mediaUrl(this.#raw(spec) ?? spec.default, name);
  }

  /**
   * The variations by amount in the query (`variant.cheer.1000.title=…`), newest settings for
   * each (event, min), highest `min` first; malformed ones are left out (`unknownOptions` names
   * them).
   * @returns {AlertVariant[]}
   */
  variants() {
    return readVariants(this.params);
  }

  /**
   * The query's parameters that are no option of this widget (nor a well-formed variation, where
   * `variants` are taken), for a console warning: a typo should not fail silently.
   * @param {{ variants?: boolean }} [accepts]
   */
  unknownOptions(accepts = {}) {
    const known = new Set([...this.widget.options.map((option) => option.name), ...PAGE_PARAMS]);
    /** @type {string[]} */
    const unknown = [];
    for (const key of new Set(this.params.keys())) {
      if (known.has(key)) continue;
      if (accepts.variants && parseVariantOption(key)) continue;
      unknown.push(key);
    }
    return unknown;
  }

  /** @param {OptionSpec} spec */
  #raw(spec) {
    const value = this.params.get(spec.name);
    return value === null || value.trim() === '' ? null : value.trim();
  }

  /** @param {string} name */
  #spec(name) {
    const spec = this.widget.options.find((option) => option.name === name);
    if (!spec) throw new Error(`${this.widget.name} has no option ${name}`);
    return spec;
  }
}
