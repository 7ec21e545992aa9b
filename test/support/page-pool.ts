import type { EventEmitter } from 'node:events';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/**
 * Pages that browser tests hand back are kept for the next test of the same Chromium, each in its
 * own browser context as before: a reused page loads a widget for ~0.6 CPU-s where a new context
 * and page cost ~1.25 (renderer process, caches), and the browser tests are CPU-bound.
 *
 * A test must not find what an earlier one left, so a page goes back into the pool only when its
 * test did nothing to it but navigate and use it:
 * - it is left for `about:blank`, and kept only once every worker of its context has ended (the
 *   widgets' SharedWorker ends ~0.1 s after its last page leaves), so the service has seen the
 *   old stream go and the next page starts a worker of its own;
 * - the storage of every origin it visited (localStorage, where widgets keep their place) and the
 *   context's cookies are cleared;
 * - a page or context the test changed otherwise (routes, init scripts, bindings, permissions,
 *   offline, headers, listeners left attached, another page, a CDP session) is closed instead,
 *   as are pages a test closed itself.
 * What stays is what a reloaded OBS source keeps too, the HTTP cache, and the tab's history (a test
 * that goes back past its own first page would find about:blank).
 */

/** What a kind of page needs before its first use. It stays for each reuse of the page. */
export interface PageKind {
  readonly name: string;
  prepare?(page: Page, context: BrowserContext): Promise<void>;
}

/** A page as a test has it, with its console errors and uncaught exceptions collected in order. */
export interface PooledTestPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

interface PooledPage {
  readonly kind: string;
  readonly page: Page;
  readonly context: BrowserContext;
  readonly session: CDPSession;
  /** The context's id for CDP, to find its workers. */
  readonly contextId: string;
  /** Origins the page was on since it last went back into the pool. */
  readonly origins: Set<string>;
  /** The listeners Playwright and the pool keep on the page and its context. */
  listeners: string;
  /** Set when the test changed the page or its context in a way a reuse would inherit. */
  changed: boolean;
  /** The test using the page; none while it waits in the pool (its console is not collected). */
  test?: PooledTestPage;
}

/** What a test may change on a page or its context that a later test would inherit. */
const CHANGES_ON_BOTH = [
  'addInitScript',
  'exposeBinding',
  'exposeFunction',
  'route',
  'routeFromHAR',
  'routeWebSocket',
  'setDefaultNavigationTimeout',
  'setDefaultTimeout',
  'setExtraHTTPHeaders',
];
const PAGE_CHANGES = [...CHANGES_ON_BOTH, 'addLocatorHandler', 'emulateMedia'];
const CONTEXT_CHANGES = [
  ...CHANGES_ON_BOTH,
  'addCookies',
  'grantPermissions',
  'newCDPSession',
  'newPage',
  'setGeolocation',
  'setHTTPCredentials',
  'setOffline',
];
const CLOCK_CHANGES = ['install', 'pauseAt', 'setFixedTime', 'setSystemTime'];

/** How long a context's workers may take to end before the page is closed instead (~0.1 s). */
const WORKERS_END_WITHIN_MS = 5_000;

const pools = new WeakMap<Browser, PooledPage[]>();
const browserSessions = new WeakMap<Browser, Promise<CDPSession>>();
const byTest = new WeakMap<PooledTestPage, PooledPage>();

/** A page of `kind` and `size`: one the pool kept, else a new context and page. */
export async function takePage(
  browser: Browser,
  size: { width: number; height: number },
  kind: PageKind,
): Promise<PooledTestPage> {
  // Pages their tests closed themselves leave the pool.
  const pool = (pools.get(browser) ?? []).filter((pooled) => !pooled.page.isClosed());
  pools.set(browser, pool);
  let pooled = pool.find((candidate) => !candidate.test && candidate.kind === kind.name);
  if (pooled) {
    await pooled.page.setViewportSize(size);
  } else {
    pooled = await newPooledPage(browser, size, kind);
    pool.push(pooled);
  }
  const test = { page: pooled.page, context: pooled.context, errors: [] };
  pooled.test = test;
  byTest.set(test, pooled);
  return test;
}

/** Hands a test's page back: kept for a later test when nothing of this one can reach it. */
export async function releasePage(test: PooledTestPage): Promise<void> {
  const pooled = byTest.get(test);
  byTest.delete(test);
  if (!pooled) return test.context.close();
  pooled.test = undefined;
  const browser = pooled.context.browser()!;
  if (!(await cleared(browser, pooled))) {
    const pool = pools.get(browser) ?? [];
    if (pool.includes(pooled)) pool.splice(pool.indexOf(pooled), 1);
    await pooled.context.close().catch(() => undefined);
  }
}

async function newPooledPage(
  browser: Browser,
  size: { width: number; height: number },
  kind: PageKind,
): Promise<PooledPage> {
  const context = await browser.newContext({ viewport: size });
  // A loaded machine can be slow; conditions are awaited, never timed.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await kind.prepare?.(page, context);
  const session = await context.newCDPSession(page);
  const { targetInfo } = await session.send('Target.getTargetInfo');
  const origins = new Set<string>();
  const pooled: PooledPage = {
    kind: kind.name,
    page,
    context,
    session,
    contextId: targetInfo.browserContextId!,
    origins,
    listeners: '',
    changed: false,
  };
  page.on('console', (message) => {
    if (message.type() === 'error') pooled.test?.errors.push(message.text());
  });
  page.on('pageerror', (error) => pooled.test?.errors.push(String(error)));
  page.on('framenavigated', (frame) => {
    const { origin } = new URL(frame.url());
    if (origin !== 'null') origins.add(origin);
  });
  pooled.listeners = listenersOf(page, context);
  const changed = () => (pooled.changed = true);
  noteCalls(page, PAGE_CHANGES, changed);
  noteCalls(context, CONTEXT_CHANGES, changed);
  noteCalls(context.clock, CLOCK_CHANGES, changed);
  return pooled;
}

/** Makes each of `names` on `target` call `note` first. */
function noteCalls(target: object, names: readonly string[], note: () => void): void {
  for (const name of names) {
    const original = (target as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(target, name, {
      configurable: true,
      value(this: unknown, ...args: unknown[]) {
        note();
        return original.apply(this, args);
      },
    });
  }
}

/** Every event with listeners, and how many, on the page and its context (event emitters). */
function listenersOf(page: Page, context: BrowserContext): string {
  const count = (emitter: EventEmitter) =>
    emitter
      .eventNames()
      .map((event) => `${String(event)}:${emitter.listenerCount(event)}`)
      .sort()
      .join(',');
  return `${count(page as unknown as EventEmitter)} | ${count(context as unknown as EventEmitter)}`;
}

/** Leaves the page clean for another test; false when it cannot be (then it is closed). */
async function cleared(browser: Browser, pooled: PooledPage): Promise<boolean> {
  const { page, context } = pooled;
  if (pooled.changed || page.isClosed() || context.pages().length !== 1) return false;
  if (listenersOf(page, context) !== pooled.listeners) return false;
  try {
    await page.goto('about:blank');
    if (!(await workersEnded(browser, pooled.contextId))) return false;
    for (const origin of pooled.origins) {
      await pooled.session.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    }
    pooled.origins.clear();
    await context.clearCookies();
    return true;
  } catch {
    return false;
  }
}

/** Waits until the context has no worker left (shared, service or dedicated). */
async function workersEnded(browser: Browser, contextId: string): Promise<boolean> {
  if (!browserSessions.has(browser)) browserSessions.set(browser, browser.newBrowserCDPSession());
  const session = await browserSessions.get(browser)!;
  const deadline = Date.now() + WORKERS_END_WITHIN_MS;
  while (Date.now() < deadline) {
    const { targetInfos } = await session.send('Target.getTargets');
    const working = targetInfos.some(
      (target) => target.browserContextId === contextId && target.type.endsWith('worker'),
    );
    if (!working) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
