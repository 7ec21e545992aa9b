// @ts-check
import { EVENT_KEYS, EVENT_LABELS, VARIANT_AMOUNTS } from '../lib/event-text.js';
import {
  ALERT_BOX_WIDGET,
  VARIANT_FIELDS,
  WIDGETS,
  variantOptionName,
  widgetUrl,
} from '../lib/widget-options.js';

/** @typedef {import('../lib/widget-options.js').WidgetSpec} WidgetSpec */
/** @typedef {import('../lib/widget-options.js').OptionSpec} OptionSpec */

/** Wait this long after the last keystroke before reloading the preview. */
const PREVIEW_DELAY_MS = 400;

/**
 * The widget URL builder: pick a widget, set its options (drawn from the same option list the
 * widgets read), copy the URL for an OBS browser source, and watch a live preview of it.
 */
export class WidgetUrlBuilder {
  /** @type {WidgetSpec} */
  #widget = ALERT_BOX_WIDGET;
  /** @type {Map<string, () => string>} */
  #readers = new Map();
  /** @type {number | undefined} */
  #previewTimer;
  /**
   * Whether the preview has been on screen. Until then it stays empty: a preview is a whole widget
   * (its modules, its place on the shared stream), and loading it with the dashboard made the
   * dashboard's own stream wait behind it (HTTP/1.1 gives a page six connections per host).
   */
  #previewSeen = false;
  /** The alert box's variations by amount, each a reader of its `variant.…` options. */
  /** @type {Set<() => Record<string, string>>} */
  #variants = new Set();

  /**
   * @param {HTMLElement} root
   * @param {string} origin  the service's address as this browser reaches it
   * @param {(url: string, size: { width: number, height: number }) => void} [addToOverlay]
   */
  constructor(root, origin, addToOverlay) {
    this.origin = origin;
    root.classList.add('builder');

    const picker = document.createElement('div');
    picker.className = 'builder__picker';
    picker.setAttribute('role', 'radiogroup');
    picker.setAttribute('aria-label', 'Widget');
    for (const widget of WIDGETS) {
      const label = document.createElement('label');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'widget';
      radio.value = widget.name;
      radio.checked = widget === this.#widget;
      radio.addEventListener('change', () => this.#choose(widget));
      label.append(radio, ` ${widget.title}`);
      picker.append(label);
    }

    this.form = document.createElement('form');
    this.form.className = 'builder__form';
    this.form.addEventListener('submit', (event) => event.preventDefault());
    this.form.addEventListener('input', () => this.#update());
    this.form.addEventListener('change', () => this.#update());

    const output = document.createElement('div');
    output.className = 'builder__output';
    this.url = document.createElement('input');
    this.url.id = 'widget-url';
    this.url.readOnly = true;
    this.url.setAttribute('aria-label', 'Widget URL');
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.id = 'copy-url';
    copy.className = 'primary';
    copy.textContent = 'Copy';
    copy.addEventListener('click', () => void this.#copy(copy));
    this.open = document.createElement('a');
    this.open.target = '_blank';
    this.open.rel = 'noopener';
    this.open.textContent = 'Open';
    output.append(this.url, copy, this.open);
    if (addToOverlay) {
      const add = document.createElement('button');
      add.type = 'button';
      add.id = 'add-to-overlay';
      add.textContent = 'Add to overlay';
      add.addEventListener('click', () => addToOverlay(this.url.value, this.#widget.size));
      output.append(add);
    }

    this.sizeHint = document.createElement('p');
    this.sizeHint.className = 'muted';

    this.frameBox = document.createElement('div');
    this.frameBox.className = 'builder__preview';
    this.frame = document.createElement('iframe');
    this.frame.title = 'Widget preview';
    this.frameBox.append(this.frame);

    // The media folder's files, offered by every image and sound field.
    this.mediaList = document.createElement('datalist');
    this.mediaList.id = 'media-files';
    void this.#loadMediaList();

    root.append(picker, this.form, output, this.sizeHint, this.frameBox, this.mediaList);
    new ResizeObserver(() => this.#fitPreview()).observe(this.frameBox);
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      seen.disconnect();
      this.#previewSeen = true;
      this.#update(true);
    });
    seen.observe(this.frameBox);
    this.#choose(this.#widget);
  }

  /** @param {WidgetSpec} widget */
  #choose(widget) {
    this.#widget = widget;
    this.#readers.clear();
    const basic = widget.options.filter((option) => !option.advanced);
    const advanced = widget.options.filter((option) => option.advanced);
    const fields = document.createElement('div');
    fields.className = 'builder__fields';
    fields.append(...basic.map((option) => this.#field(option)));
    this.form.replaceChildren(fields);
    if (advanced.length > 0) {
      const more = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'More options';
      const moreFields = document.createElement('div');
      moreFields.className = 'builder__fields';
      moreFields.append(...advanced.map((option) => this.#field(option)));
      more.append(summary, moreFields);
      this.form.append(more);
    }
    this.#variants.clear();
    if (widget === ALERT_BOX_WIDGET) this.form.append(this.#variantSection());
    const { width, height } = widget.size;
    this.sizeHint.textContent = `Add it in OBS as a Browser source of ${width} × ${height}. The background is transparent.`;
    this.frame.width = String(width);
    this.frame.height = String(height);
    this.#fitPreview();
    this.#update(true);
  }

  /** @param {OptionSpec} option */
  #field(option) {
    const label = document.createElement('label');
    label.className = `field field--${option.kind}`;
    label.title = option.help;
    const name = document.createElement('span');
    name.textContent = option.label;
    label.append(name);

    if (option.kind === 'multi') {
      const group = document.createElement('span');
      group.className = 'field__choices';
      const defaults = option.default.split(',');
      for (const choice of option.choices ?? []) {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = choice;
        box.checked = defaults.includes(choice);
        const choiceLabel = document.createElement('label');
        choiceLabel.append(box, ` ${choice}`);
        if (option.ordered) choiceLabel.append(this.#moveUpButton(choiceLabel, choice));
        group.append(choiceLabel);
      }
      label.append(group);
      // In the order shown: an ordered option's choices can be moved.
      this.#readers.set(option.name, () =>
        [...group.querySelectorAll('input[type="checkbox"]')]
          .map((box) => /** @type {HTMLInputElement} */ (box))
          .filter((box) => box.checked)
          .map((box) => box.value)
          .join(','),
      );
      return label;
    }

    if (option.kind === 'choice') {
      const select = document.createElement('select');
      for (const choice of option.choices ?? []) select.add(new Option(choice, choice));
      select.value = option.default;
      label.append(select);
      this.#readers.set(option.name, () => select.value);
      return label;
    }

    const input = document.createElement('input');
    input.name = option.name;
    if (option.kind === 'color') {
      input.type = 'color';
      input.value = `#${option.default}`;
      this.#readers.set(option.name, () => input.value.replace('#', '').toLowerCase());
    } else {
      input.type = option.kind === 'number' ? 'number' : option.kind === 'url' ? 'url' : 'text';
      if (option.min !== undefined) input.min = String(option.min);
      if (option.max !== undefined) input.max = String(option.max);
      if (option.step !== undefined) input.step = String(option.step);
      input.placeholder =
        option.default ||
        (option.kind === 'url'
          ? 'https://…'
          : option.kind === 'media'
            ? 'https://… or a file in media/'
            : 'auto');
      if (option.kind === 'media') input.setAttribute('list', this.mediaList.id);
      this.#readers.set(option.name, () => input.value);
    }
    label.append(input);
    return label;
  }

  /**
   * "↑": moves a choice of an ordered option one place up.
   * @param {HTMLElement} choiceLabel
   * @param {string} choice
   */
  #moveUpButton(choiceLabel, choice) {
    const up = document.createElement('button');
    up.type = 'button';
    up.className = 'field__move-up';
    up.textContent = '↑';
    up.title = `Move ${choice} up`;
    up.setAttribute('aria-label', `Move ${choice} up`);
    up.addEventListener('click', (event) => {
      // Inside a label: without this, the click would also tick the box.
      event.preventDefault();
      const before = choiceLabel.previousElementSibling;
      if (!before) return;
      before.before(choiceLabel);
      this.#update();
    });
    return up;
  }

  /** @param {boolean} [now]  reload the preview at once */
  #update(now = false) {
    /** @type {Record<string, string>} */
    const values = {};
    for (const [name, read] of this.#readers) values[name] = read();
    for (const read of this.#variants) Object.assign(values, read());
    const url = widgetUrl(this.#widget, this.origin, values);
    this.url.value = url;
    this.open.href = url;
    window.clearTimeout(this.#previewTimer);
    if (!this.#previewSeen) return;
    this.#previewTimer = window.setTimeout(
      () => {
        if (this.frame.src !== url) this.frame.src = url;
      },
      now ? 0 : PREVIEW_DELAY_MS,
    );
  }

  /**
   * "Variations by amount": rows that each give cheers of N+ bits (raids of N+ viewers, gifts of
   * N+ subs, rewards of N+ points, hype train level N+) their own title, text, sound and image.
   */
  #variantSection() {
    const section = document.createElement('details');
    section.className = 'builder__variants';
    const summary = document.createElement('summary');
    summary.textContent = 'Variations by amount';
    const help = document.createElement('p');
    help.className = 'muted';
    help.textContent =
      'Big moments get their own alert: from the amount up, these replace the event’s title, text, sound or image (leave a field empty to keep the event’s own).';
    const rows = document.createElement('div');
    rows.className = 'builder__variant-rows';
    const add = document.createElement('button');
    add.type = 'button';
    add.id = 'add-variant';
    add.textContent = 'Add a variation';
    add.addEventListener('click', () => {
      rows.append(this.#variantRow());
      this.#update();
    });
    section.append(summary, help, rows, add);
    return section;
  }

  #variantRow() {
    const row = document.createElement('div');
    row.className = 'builder__variant field';
    const event = document.createElement('select');
    event.setAttribute('aria-label', 'Event');
    const keys = Object.keys(VARIANT_AMOUNTS);
    for (const key of keys) {
      const type = Object.entries(EVENT_KEYS).find(([, k]) => k === key)?.[0];
      const label = type ? EVENT_LABELS[/** @type {keyof typeof EVENT_LABELS} */ (type)] : key;
      event.add(new Option(`${label} (${VARIANT_AMOUNTS[key]?.label})`, key));
    }
    const min = document.createElement('input');
    min.type = 'number';
    min.min = '1';
    min.step = '1';
    min.value = '1000';
    min.setAttribute('aria-label', 'From');
    const from = document.createElement('label');
    from.append('from ', min, ' up');
    /** @type {Record<string, HTMLInputElement>} */
    const fields = {};
    const inputs = VARIANT_FIELDS.map((field) => {
      const input = document.createElement('input');
      input.type = 'text';
      input.placeholder = field === 'sound' || field === 'image' ? `${field}: URL or file` : field;
      input.setAttribute('aria-label', field);
      input.dataset.field = field;
      if (field === 'sound' || field === 'image') input.setAttribute('list', this.mediaList.id);
      fields[field] = input;
      return input;
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    const read = () => {
      const amount = Number(min.value);
      /** @type {Record<string, string>} */
      const values = {};
      if (!Number.isInteger(amount) || amount < 1) return values;
      for (const field of VARIANT_FIELDS) {
        const value = fields[field]?.value.trim() ?? '';
        if (value) values[variantOptionName(event.value, amount, field)] = value;
      }
      return values;
    };
    this.#variants.add(read);
    remove.addEventListener('click', () => {
      this.#variants.delete(read);
      row.remove();
      this.#update();
    });
    row.append(event, from, ...inputs, remove);
    return row;
  }

  /** Fills the list of the media folder's files (none when it cannot be read). */
  async #loadMediaList() {
    try {
      const response = await fetch('/api/media');
      if (!response.ok) return;
      const { files } = /** @type {{ files: string[] }} */ (await response.json());
      this.mediaList.replaceChildren(...files.map((file) => new Option(file, file)));
    } catch {
      // No list: the fields still take any URL or name.
    }
  }

  /** Scales the preview so the widget's full OBS size fits the card. */
  #fitPreview() {
    const { width, height } = this.#widget.size;
    const scale = Math.min(1, this.frameBox.clientWidth / width);
    this.frame.style.transform = `scale(${scale})`;
    this.frameBox.style.height = `${Math.ceil(height * scale)}px`;
  }

  /** @param {HTMLButtonElement} button */
  async #copy(button) {
    try {
      await navigator.clipboard.writeText(this.url.value);
    } catch {
      // The clipboard API needs a secure context (not http://192.168.x.y); the old way works.
      this.url.select();
      document.execCommand('copy');
    }
    button.textContent = 'Copied!';
    window.setTimeout(() => (button.textContent = 'Copy'), 1500);
  }
}
