// @ts-check
import { spanText, summaryText } from './recap-text.js';
import { StreamRecapView } from './stream-recap-view.js';

/** @typedef {import('../../../streams/streams-api.js').StreamListResponse} StreamListResponse */
/** @typedef {import('../../../streams/streams-api.js').StreamSummary} StreamSummary */
/** @typedef {import('../../../streams/streams-api.js').StreamRecap} StreamRecap */

/** Streams per page of the list. */
const PAGE_SIZE = 20;

/**
 * The dashboard's Streams view: the streams the service saw, newest first, a page at a time
 * (`GET /api/streams`), and, for the one picked, its recap (`GET /api/streams/{id}`) in place of
 * the list. The element says where it is: `data-view` `list` or `recap`.
 */
export class StreamsView {
  /** The stream whose recap is shown, or null on the list. */
  #openId = /** @type {number | null} */ (null);
  /** Tells an answer that arrives after the view moved on from one that still counts. */
  #generation = 0;

  /**
   * @param {HTMLElement} root
   * @param {<T>(path: string) => Promise<T>} fetchJson  GETs an API path (throws on an error status)
   */
  constructor(root, fetchJson) {
    this.root = root;
    this.fetchJson = fetchJson;
    root.classList.add('streams');

    this.listPart = document.createElement('div');
    this.list = document.createElement('ol');
    this.list.className = 'streams__list';
    this.empty = document.createElement('p');
    this.empty.className = 'muted';
    this.empty.hidden = true;
    this.empty.textContent =
      'No streams yet: each stream shows up here once the channel goes live, with its recap.';
    this.older = document.createElement('button');
    this.older.type = 'button';
    this.older.textContent = 'Older streams';
    this.older.hidden = true;
    this.older.addEventListener('click', () => void this.#loadPage(this.older.dataset.next ?? ''));
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'link';
    reload.textContent = 'Reload the list';
    reload.addEventListener('click', () => void this.showList(true));
    const more = document.createElement('div');
    more.className = 'row';
    more.append(this.older, reload);
    this.listPart.append(this.list, this.empty, more);

    this.error = document.createElement('p');
    this.error.className = 'error';
    this.error.setAttribute('role', 'alert');
    this.error.hidden = true;

    this.recap = new StreamRecapView({
      onBack: () => void this.showList(false),
      onRefresh: () => void (this.#openId !== null && this.open(this.#openId)),
    });
    root.append(this.error, this.listPart, this.recap.element);
    root.dataset.view = 'list';
  }

  /**
   * Shows the list: the newest page, (re)loaded when `reload` or never loaded.
   * @param {boolean} reload
   */
  async showList(reload) {
    this.#generation++;
    this.#openId = null;
    this.recap.hide();
    this.listPart.hidden = false;
    this.root.dataset.view = 'list';
    if (reload || this.list.childElementCount === 0) {
      this.list.replaceChildren();
      await this.#loadPage(`/api/streams?limit=${PAGE_SIZE}`);
    }
  }

  /**
   * Opens a stream's recap in place of the list.
   * @param {number} id
   */
  async open(id) {
    const generation = ++this.#generation;
    this.#openId = id;
    this.root.dataset.view = 'recap';
    this.listPart.hidden = true;
    try {
      const recap = await this.fetchJson(`/api/streams/${encodeURIComponent(String(id))}`);
      if (generation !== this.#generation) return;
      this.#showError('');
      await this.recap.show(/** @type {StreamRecap} */ (recap));
    } catch (error) {
      if (generation === this.#generation) {
        this.#showError(`Could not load stream ${id}’s recap (${error}). Try again.`);
        if (this.recap.element.hidden) void this.showList(false);
      }
    }
  }

  /**
   * Adds the page at `path` to the list.
   * @param {string} path
   */
  async #loadPage(path) {
    const generation = this.#generation;
    this.older.disabled = true;
    try {
      const page = /** @type {StreamListResponse} */ (await this.fetchJson(path));
      if (generation !== this.#generation) return;
      this.#showError('');
      this.list.append(...page.streams.map((stream) => this.#row(stream)));
      this.empty.hidden = this.list.childElementCount > 0;
      this.older.hidden = page.next === null;
      this.older.dataset.next = page.next ?? '';
    } catch (error) {
      if (generation === this.#generation) {
        this.#showError(`Could not load the streams (${error}). Reload the list to try again.`);
      }
    } finally {
      this.older.disabled = false;
    }
  }

  /**
   * One stream in the list: a button that opens its recap.
   * @param {StreamSummary} stream
   */
  #row(stream) {
    const item = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'streams__item';
    open.dataset.streamId = String(stream.id);
    const when = document.createElement('span');
    when.className = 'streams__when';
    when.textContent = spanText(stream);
    const what = document.createElement('span');
    what.className = 'streams__what muted';
    what.textContent = summaryText(stream);
    open.append(when, what);
    if (stream.live) {
      const live = document.createElement('span');
      live.className = 'pill pill--good';
      live.textContent = 'live';
      open.append(live);
    }
    open.addEventListener('click', () => void this.open(stream.id));
    item.append(open);
    return item;
  }

  /** @param {string} text  "" hides the error */
  #showError(text) {
    this.error.textContent = text;
    this.error.hidden = text === '';
  }
}
