import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SubathonData } from '../../src/contract/sse-contract.js';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  launchChromium,
  openPage,
  screenshot,
  type TestPage,
} from '../support/browser.js';
import {
  buildIfNeeded,
  exited,
  spawnService,
  untilSpawnedReceiving,
} from '../support/built-service.js';
import { freePort } from '../support/free-port.js';

/**
 * The subathon timer is held by the service and kept in its event log: a widget that reloads,
 * and one that stays open while the service is killed and started again, show the same time
 * (within a second) — paused, the very same; running, the same end time.
 */
describeInBrowser('the subathon timer across a page reload and a restart of the service', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'twitch-realtime-subathon-')), 'data');
  let port: number;
  let simulatorPort: number;
  let service: ReturnType<typeof spawnService> | undefined;
  let browser: Browser;
  let widget: TestPage;
  const url = () => `http://127.0.0.1:${port}`;

  async function start(): Promise<void> {
    service = spawnService({
      PORT: String(port),
      SIMULATOR_PORT: String(simulatorPort),
      DEMO_ACTIVITY: 'false',
      DATA_DIR: dataDir,
      // The open widget comes back as soon as the new service listens, not seconds later.
      SSE_RETRY_MS: '300',
    });
    await untilSpawnedReceiving(service, url());
  }

  async function killAndRestart(): Promise<void> {
    service!.kill('SIGKILL');
    await exited(service!);
    await start();
  }

  const admin = (action: string, body: unknown = {}) =>
    fetch(`${url()}/api/admin/subathon/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => {
      expect(response.status).toBe(200);
    });
  const timer = async () => (await (await fetch(`${url()}/api/subathon`)).json()) as SubathonData;
  const shownSeconds = async (page: Page) =>
    Number(await page.getAttribute('#subathon', 'data-remaining-seconds'));
  /** Seconds a running timer has left now, by its end time. */
  const secondsUntil = (endsAt: string) => Math.ceil((Date.parse(endsAt) - Date.now()) / 1000);

  beforeAll(async () => {
    buildIfNeeded();
    [port, simulatorPort] = [await freePort(), await freePort()];
    [browser] = await Promise.all([launchChromium(), start()]);
    widget = await openPage(browser, { width: 600, height: 160 });
  }, 300_000);

  afterAll(async () => {
    expect(widget?.errors.filter((error) => !/Failed to load resource|ERR_/.test(error))).toEqual(
      [],
    );
    await browser?.close();
    service?.kill('SIGKILL');
    if (service) await exited(service);
  });

  it(
    'paused: the same time to the second after a reload, and after the service was killed and started again',
    async () => {
      await admin('settings', { startSeconds: 7200 });
      await admin('reset');
      await admin('resume');
      await admin('add', { seconds: 125 });
      await admin('pause');
      const paused = await timer();
      const seconds = Math.ceil(paused.remainingMs / 1000);

      const page = widget.page;
      await page.goto(`${url()}/widgets/subathon`);
      await page.waitForSelector(
        `#subathon[data-state="paused"][data-remaining-seconds="${seconds}"]`,
      );
      await page.reload();
      await page.waitForSelector(
        `#subathon[data-state="paused"][data-remaining-seconds="${seconds}"]`,
      );

      await killAndRestart();
      expect(await timer()).toMatchObject({
        state: 'paused',
        remainingMs: paused.remainingMs,
        elapsedMs: paused.elapsedMs,
      });
      // The open widget reconnects by itself; a reload after the restart shows the same.
      await page.waitForSelector('body[data-connection="open"]', { timeout: 30_000 });
      expect(await shownSeconds(page)).toBe(seconds);
      await page.reload();
      await page.waitForSelector(
        `#subathon[data-state="paused"][data-remaining-seconds="${seconds}"]`,
      );
      await screenshot(page, 'subathon-after-restart');
    },
    BROWSER_TEST_TIMEOUT * 2,
  );

  it(
    'running: it ran on while the service was down, and every copy shows the same end within a second',
    async () => {
      await admin('resume');
      const { endsAt } = await timer();
      expect(endsAt).not.toBeNull();
      const page = widget.page;
      await page.waitForSelector('#subathon[data-state="running"]');
      expect(Math.abs((await shownSeconds(page)) - secondsUntil(endsAt!))).toBeLessThanOrEqual(1);

      await page.reload();
      await page.waitForSelector('#subathon[data-state="running"]');
      expect(Math.abs((await shownSeconds(page)) - secondsUntil(endsAt!))).toBeLessThanOrEqual(1);

      await killAndRestart();
      // The end is a time of day: the restart did not move it.
      expect(await timer()).toMatchObject({ state: 'running', endsAt });
      await page.waitForSelector('body[data-connection="open"]', { timeout: 30_000 });
      expect(Math.abs((await shownSeconds(page)) - secondsUntil(endsAt!))).toBeLessThanOrEqual(1);
      await page.reload();
      await page.waitForSelector('#subathon[data-state="running"]');
      expect(Math.abs((await shownSeconds(page)) - secondsUntil(endsAt!))).toBeLessThanOrEqual(1);
    },
    BROWSER_TEST_TIMEOUT * 2,
  );
});
