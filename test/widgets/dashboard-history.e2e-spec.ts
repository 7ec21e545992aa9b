import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import type { EventMessage } from '../../src/contract/sse-contract.js';
import {
  BROWSER_TEST_TIMEOUT,
  closePages,
  describeInBrowser,
  launchChromium,
  openPage,
  screenshot,
  type TestPage,
} from '../support/browser.js';
import { chatMessage } from '../support/chat-flood.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const yesterday = new Date(Date.now() - 26 * 3600_000).toISOString();

const follow = (n: number): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: {
    user_id: `${n}`,
    user_login: `viewer${n}`,
    user_name: `Viewer${n}`,
    followed_at: yesterday,
  },
  sentAt: yesterday,
});
const cheer = (n: number): EventMessage => ({
  type: 'event',
  event: 'channel.cheer',
  data: { is_anonymous: false, user_name: `Cheerer${n}`, user_login: `cheerer${n}`, bits: 100 * n },
  sentAt: yesterday,
});

describeInBrowser('the dashboard’s event feed, from the event log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'twitch-realtime-feed-'));
  let service: TestApp;
  let browser: Browser;
  const pages: TestPage[] = [];
  /** Ids of the events published before the restart, oldest first. */
  const published: number[] = [];
  let cheers: number[] = [];

  const start = () =>
    startTestApp({ EVENT_LOG: 'sqlite', DATA_DIR: dataDir, SSE_REPLAY_BUFFER_SIZE: '10' });

  async function openDashboard(): Promise<Page> {
    const test = await openPage(browser, { width: 1440, height: 1100 });
    pages.push(test);
    await test.page.goto(`${service.baseUrl}/`);
    await test.page.waitForSelector('#connection.pill--good');
    return test.page;
  }

  const feedIds = (page: Page) =>
    page.$$eval('#feed .feed__item', (items) =>
      items.map((item) => Number((item as HTMLElement).dataset.id)),
    );
  /** Waits until the feed lists `count` rows. */
  const rows = (page: Page, count: number) =>
    page.waitForFunction((n) => document.querySelectorAll('#feed .feed__item').length === n, count);

  beforeAll(async () => {
    [service, browser] = await Promise.all([start(), launchChromium()]);
    const bus = service.app.get(EventBus);
    for (let n = 1; n <= 64; n++) {
      const { id } = bus.publish(n % 8 === 0 ? cheer(n / 8) : follow(n));
      published.push(id);
      if (n % 8 === 0) cheers.push(id);
    }
    // What the feed shows comes from the log on disk, not from this run's memory.
    await service.close();
    service = await start();
  }, BROWSER_TEST_TIMEOUT);

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it(
    'opens on the newest 50 events after a restart, pages back with "Older events" to the end, and puts live events on top',
    async () => {
      const page = await openDashboard();
      await rows(page, 50);
      expect(await feedIds(page)).toEqual(published.slice(-50).reverse());
      // From yesterday: the row says which day.
      await expect(page.locator('#feed .feed__item time').first().textContent()).resolves.toMatch(
        /\d{4}/,
      );
      await expect(page.isVisible('#feed-end')).resolves.toBe(false);

      await page.click('#feed-older');
      await rows(page, 64);
      expect(await feedIds(page)).toEqual([...published].reverse());
      await page.waitForSelector('#feed-end:not([hidden])');
      await expect(page.isHidden('#feed-older')).resolves.toBe(true);

      const live = service.app.get(EventBus).publish({
        type: 'event',
        event: 'channel.raid',
        data: { from_broadcaster_user_name: 'Raider', viewers: 12 },
      }).id;
      await rows(page, 65);
      expect((await feedIds(page))[0]).toBe(live);
      await screenshot(page, 'dashboard-history');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows one type only when chosen, from the log and live',
    async () => {
      const page = await openDashboard();
      await rows(page, 50);
      await page.selectOption('#feed-filter', 'channel.cheer');
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll<HTMLElement>('#feed .feed__item')].every(
            (item) => item.dataset.event === 'channel.cheer',
          ) && document.querySelectorAll('#feed .feed__item').length > 0,
      );
      expect(await feedIds(page)).toEqual([...cheers].reverse());
      await page.waitForSelector('#feed-end:not([hidden])');

      const bus = service.app.get(EventBus);
      bus.publish(follow(100));
      const liveCheer = bus.publish(cheer(9)).id;
      await page.waitForSelector(`#feed .feed__item[data-id="${liveCheer}"]`);
      expect(await feedIds(page)).toEqual([liveCheer, ...[...cheers].reverse()]);
      cheers = [...cheers, liveCheer];

      await page.selectOption('#feed-filter', 'stream.offline');
      await page.waitForSelector('#feed-empty:text("No stream offline events in the log.")');
      await page.selectOption('#feed-filter', '');
      await rows(page, 50);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'leaves chat out unless its type is chosen, from the log and live',
    async () => {
      const page = await openDashboard();
      await rows(page, 50);
      const newestBefore = (await feedIds(page))[0];
      const bus = service.app.get(EventBus);
      const chat = (n: number): EventMessage => ({
        type: 'event',
        event: 'channel.chat.message',
        data: chatMessage(n),
      });
      const chatIds = [1, 2, 3].map((n) => bus.publish(chat(n)).id);
      const marker = bus.publish(follow(300)).id;
      await page.waitForSelector(`#feed .feed__item[data-id="${marker}"]`);
      expect((await feedIds(page)).slice(0, 2)).toEqual([marker, newestBefore]);

      await page.selectOption('#feed-filter', 'channel.chat.message');
      await page.waitForSelector(`#feed .feed__item[data-id="${chatIds[2]}"]`);
      expect(await feedIds(page)).toEqual([...chatIds].reverse());
      const live = bus.publish(chat(4)).id;
      await page.waitForSelector(`#feed .feed__item[data-id="${live}"]`);
      await page.selectOption('#feed-filter', '');
      await page.waitForSelector(`#feed .feed__item[data-id="${marker}"]`);
      expect(await feedIds(page)).not.toContain(live);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'marks a recovered event, and shows when it happened rather than when it was recovered',
    async () => {
      const page = await openDashboard();
      await rows(page, 50);
      const gap = { start: '2026-11-30T10:00:00.000Z', end: '2026-11-30T10:05:00.000Z' };
      const id = service.app.get(EventBus).publish({
        ...follow(200),
        data: { ...follow(200).data, followed_at: '2026-11-30T10:02:00.000Z' },
        sentAt: new Date().toISOString(),
        recovered: true,
        gap,
      }).id;
      const row = page.locator(`#feed .feed__item[data-id="${id}"]`);
      await expect(row.locator('.badge--recovered').textContent()).resolves.toBe('recovered');
      await expect(row.locator('.badge--recovered').getAttribute('title')).resolves.toContain(
        `${gap.start} to ${gap.end}`,
      );
      await expect(row.locator('time').getAttribute('datetime')).resolves.toBe(
        '2026-11-30T10:02:00.000Z',
      );
    },
    BROWSER_TEST_TIMEOUT,
  );
});
