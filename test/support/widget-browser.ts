import type { Browser, FrameLocator, Page } from 'playwright-core';
import {
  BROWSER_TEST_TIMEOUT,
  closePages,
  launchChromium,
  openPage,
  type TestPage,
} from './browser.js';

/** What a widget spec's service must offer here: its address, and a way to stop it. */
interface StartedService {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** An OBS browser source's size. */
export interface SourceSize {
  readonly width: number;
  readonly height: number;
}

/** The service and Chromium of one widget spec (`widgetBrowser`). */
export interface WidgetBrowser<S extends StartedService> {
  /** The service, started before the tests. */
  readonly service: S;
  readonly browser: Browser;
  /**
   * Opens `path` on the service in a fresh page of `size`, and waits for `ready` (a selector: by
   * default, the widget's stream is open). The page is closed after the test, which fails if the
   * page logged a console error.
   */
  open(path: string, size: SourceSize, ready?: string): Promise<Page>;
  /**
   * Loads `path` afresh in a page `open` gave, and waits for `ready` as `open` does: the next
   * widget of a test that looks at several one after another, without a new browser context.
   */
  load(page: Page, path: string, ready?: string): Promise<void>;
  /** Closes the pages opened so far now (checked for console errors), rather than after the test. */
  closePages(): Promise<void>;
}

/**
 * The set-up each widget spec had a copy of: before the tests, the service (`start`) and Chromium
 * start together, then `ready(service)` is awaited (EventSub receiving, say); after each test, its
 * pages close, checked for console errors; at the end, both stop. Call it inside
 * `describeInBrowser`, before the spec's own hooks.
 */
export function widgetBrowser<S extends StartedService>(
  start: () => Promise<S>,
  ready?: (service: S) => Promise<void>,
): WidgetBrowser<S> {
  let service: S | undefined;
  let browser: Browser | undefined;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    // Each is kept as soon as it is up, so that one failing to start still lets the other stop.
    await Promise.all([
      start().then((started) => (service = started)),
      launchChromium().then((launched) => (browser = launched)),
    ]);
    await ready?.(service!);
  }, BROWSER_TEST_TIMEOUT);

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} starts in beforeAll; it is not up (yet).`);
    return value;
  };
  const load = async (page: Page, path: string, readySelector = 'body[data-connection="open"]') => {
    await page.goto(`${started(service, 'The service').baseUrl}${path}`);
    await page.waitForSelector(readySelector);
  };
  return {
    get service() {
      return started(service, 'The service');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    async open(path, size, readySelector) {
      const test = await openPage(started(browser, 'Chromium'), size);
      pages.push(test);
      await load(test.page, path, readySelector);
      return test.page;
    },
    load,
    closePages: () => closePages(pages),
  };
}

/**
 * The dashboard URL builder's live preview, scrolled on screen: the dashboard loads the preview
 * only once it has been seen, as a streamer scrolling down to it would.
 */
export async function builderPreview(page: Page): Promise<FrameLocator> {
  await page.locator('.builder__preview').scrollIntoViewIfNeeded();
  return page.frameLocator('.builder__preview iframe');
}
