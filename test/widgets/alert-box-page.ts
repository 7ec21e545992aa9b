import type { Browser, Page } from 'playwright-core';
import type { AlertNotice } from '../../src/widgets/public/alerts.js';
import { openPage, type PageKind, type TestPage } from '../support/browser.js';
import { releasePage } from '../support/page-pool.js';
import { eventually } from '../support/eventually.js';

/** The alert box's recommended OBS size. */
export const ALERT_BOX_SIZE = { width: 1000, height: 400 };

/** The alert box each recording page shows now: a page is reused by later tests' boxes. */
const recording = new WeakMap<Page, AlertBoxPage>();

/**
 * A page that reports each `twitch-alert` event and how many alerts are on screen, to the
 * `AlertBoxPage` it shows. Bindings and init scripts cannot be taken off a page, so they are set up
 * once and kept when the page is reused.
 */
const RECORDING_PAGE: PageKind = {
  name: 'alert-box-recording',
  async prepare(page) {
    await page.exposeFunction('recordAlertNotice', (notice: AlertNotice) =>
      recording.get(page)?.notices.push(notice),
    );
    await page.exposeFunction('recordAlertsOnScreen', (count: number) => {
      const box = recording.get(page);
      if (box) box.mostOnScreen = Math.max(box.mostOnScreen, count);
    });
    await page.addInitScript(() => {
      const record = window as unknown as {
        recordAlertNotice(notice: unknown): void;
        recordAlertsOnScreen(count: number): void;
      };
      window.addEventListener('twitch-alert', (event) =>
        record.recordAlertNotice((event as CustomEvent).detail),
      );
      new MutationObserver(() =>
        record.recordAlertsOnScreen(document.querySelectorAll('.alert').length),
      ).observe(document, { childList: true, subtree: true });
    });
  },
};

/**
 * An alert box in a browser page, with what it announced (`twitch-alert` events) recorded in the
 * test across reloads, and the most alerts it ever had on screen at once.
 */
export class AlertBoxPage {
  readonly notices: AlertNotice[] = [];
  mostOnScreen = 0;

  private constructor(
    readonly test: TestPage,
    readonly url: string,
  ) {}

  get page(): Page {
    return this.test.page;
  }

  /** Opens `/widgets/alerts?<query>` and waits until it is connected. */
  static async open(browser: Browser, baseUrl: string, query: string): Promise<AlertBoxPage> {
    const test = await openPage(browser, ALERT_BOX_SIZE, RECORDING_PAGE);
    const box = new AlertBoxPage(test, `${baseUrl}/widgets/alerts?${query}`);
    recording.set(test.page, box);
    await box.load();
    return box;
  }

  /** (Re)loads the alert box's URL and waits until its stream is open. */
  async load(): Promise<void> {
    await this.page.goto(this.url);
    await this.connected();
  }

  /** Waits until the stream is open. */
  async connected(): Promise<void> {
    await this.page.waitForSelector('body[data-connection="open"]');
  }

  /** The notices of one phase, in order. */
  phase(phase: AlertNotice['phase']): AlertNotice[] {
    return this.notices.filter((notice) => notice.phase === phase);
  }

  /** Waits until the alert for event `id` reached `phase`. */
  async waitFor(phase: AlertNotice['phase'], id: number): Promise<AlertNotice> {
    await eventually(
      () => this.notices.some((notice) => notice.phase === phase && notice.id === id),
      `alert ${id} to ${phase}; got ${JSON.stringify(this.notices)}`,
    );
    return this.notices.find((notice) => notice.phase === phase && notice.id === id)!;
  }

  /** Hands the page back (its console errors are not checked: some tests expect them). */
  async close(): Promise<void> {
    recording.delete(this.page);
    await releasePage(this.test);
  }
}
