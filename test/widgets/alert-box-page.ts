import type { Browser, Page } from 'playwright-core';
import type { AlertNotice } from '../../src/widgets/public/alerts.js';
import { openPage, type TestPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';

/** The alert box's recommended OBS size. */
export const ALERT_BOX_SIZE = { width: 1000, height: 400 };

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
    const box = new AlertBoxPage(
      await openPage(browser, ALERT_BOX_SIZE),
      `${baseUrl}/widgets/alerts?${query}`,
    );
    await box.page.exposeFunction('recordAlertNotice', (notice: AlertNotice) =>
      box.notices.push(notice),
    );
    await box.page.exposeFunction('recordAlertsOnScreen', (count: number) => {
      box.mostOnScreen = Math.max(box.mostOnScreen, count);
    });
    await box.page.addInitScript(() => {
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

  async close(): Promise<void> {
    await this.test.context.close();
  }
}
