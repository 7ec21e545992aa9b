import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { releasePage, takePage, type PageKind, type PooledTestPage } from './page-pool.js';
import { describeNeeding, itNeeding, type TestDependency } from './missing-dependency.js';

/** Debian's Chromium; `CHROMIUM_PATH` points the browser tests at another build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Chromium, as the browser tests need it: whether it is here, and how to install it. */
export const CHROMIUM: TestDependency = {
  available: existsSync(CHROMIUM_PATH),
  hint:
    `Browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH}. ` +
    'Install it with "sudo apt-get install chromium" (Debian/Ubuntu; .ci/run does this when it is ' +
    'missing), or set CHROMIUM_PATH to a Chromium build, to run them.',
};

/** Where screenshots go (gitignored); CI keeps the folder as an artifact. */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../test-artifacts/widgets');

/**
 * `describe` for a suite that drives Chromium. Without Chromium the suite does not pass quietly:
 * it reports one skipped test named after the reason, and prints how to install Chromium.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  describeNeeding(CHROMIUM, name, suite);
}

/** `it` for one browser test in a suite that otherwise runs without Chromium (skipped likewise). */
export function itInBrowser(name: string, test: () => Promise<void>, timeout?: number): void {
  itNeeding(CHROMIUM, name, test, timeout);
}

/** How long one browser test may take on a loaded machine (it waits for conditions, not times). */
export const BROWSER_TEST_TIMEOUT = 90_000;

/**
 * The features Playwright 1.65 turns off with its own `--disable-features`. Chromium keeps only the
 * last `--disable-features` it is given, so ours must repeat these or they would be on again;
 * `chromium-flags.e2e-spec.ts` checks this list against the one Playwright passes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Headless Chromium 156 still builds each window's omnibox popups: two WebUI pages, each in a
 * renderer process of its own, started when a page first navigates. Nothing ever shows them, yet
 * they were half of the CPU a fresh page cost (an alert box: 2.4 CPU-s with them, 1.25 without,
 * counted per process in /proc), and the browser tests are CPU-bound.
 */
const OMNIBOX_POPUPS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** The flags CI runs Chromium with. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUPS].join(',')}`,
];

/**
 * Headless Chromium the way CI runs it, for one test file: a connection to the run's Chromium
 * (test/support/shared-chromium.mjs) when Jest started one, else a Chromium of its own. The file's
 * contexts and pages are its own either way, and closing the browser closes them.
 */
export async function launchChromium(): Promise<Browser> {
  const shared = process.env.SHARED_CHROMIUM_URL;
  if (!shared) return launchOwnChromium();
  const answer = await fetch(shared, {
    method: 'POST',
    body: JSON.stringify({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
  });
  if (!answer.ok) throw new Error(`The run's Chromium did not start: ${await answer.text()}`);
  const { wsEndpoint } = (await answer.json()) as { wsEndpoint: string };
  return chromium.connect(wsEndpoint, { timeout: 60_000 });
}

/** A Chromium process of the caller's own, started with CI's flags. */
export function launchOwnChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** A page in its own browser context (its own localStorage), with its console errors collected. */
export type TestPage = PooledTestPage;
export type { PageKind };

/** A page with nothing added: what most tests open. */
export const PLAIN_PAGE: PageKind = { name: 'plain' };

/**
 * A page of the given size (an OBS browser source's size) in a context of its own, of `kind` (what
 * is set up on it once): a clean one an earlier test handed back (`closePages`), else a new one.
 */
export function openPage(
  browser: Browser,
  size: { width: number; height: number } = { width: 1280, height: 800 },
  kind: PageKind = PLAIN_PAGE,
): Promise<TestPage> {
  return takePage(browser, size, kind);
}

/** Saves a screenshot under test-artifacts/widgets/, keeping a widget's transparency. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), omitBackground: true });
}

/**
 * Hands back the pages a test opened (emptying `pages`), then checks that none logged an error. A
 * page the test only navigated and used is cleared for the next test; any other is closed.
 */
export async function closePages(pages: TestPage[]): Promise<void> {
  const handedBack = pages.splice(0);
  const errors = handedBack.map((test) => [...test.errors]);
  for (const test of handedBack) await releasePage(test);
  for (const logged of errors) expect(logged).toEqual([]);
}
