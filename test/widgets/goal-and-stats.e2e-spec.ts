import type { Page } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import type { StatsData, StreamMessage, TwitchEventType } from '../../src/contract/sse-contract.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { startTestApp } from '../support/test-app.js';
import { widgetBrowser, type SourceSize } from '../support/widget-browser.js';

const stats = (data: Partial<StatsData>): StreamMessage => ({
  type: 'stats',
  data: { live: true, viewers: 128, followers: 41, subs: 7, ...data },
});
const event = (name: TwitchEventType, data = {}): StreamMessage => ({
  type: 'event',
  event: name,
  data: { user_name: 'Someone', user_login: 'someone', ...data },
  sentAt: new Date().toISOString(),
});

describeInBrowser('the goal bar and stats widgets in Chromium', () => {
  const harness = widgetBrowser(() => startTestApp());
  const open = (path: string, size: SourceSize) => harness.open(path, size);
  let bus: EventBus;

  /** The goal bar's fill, in % of its track. */
  const fillPercent = (page: Page) =>
    page.$eval('.goal__fill', (fill) => parseFloat((fill as HTMLElement).style.width));

  /** Waits until the fill has slid to its width, for a picture of where it ends. */
  const fillSettled = (page: Page) =>
    page.waitForFunction(() =>
      document
        .querySelector('.goal__fill')!
        .getAnimations()
        .every((animation) => !(animation instanceof CSSTransition)),
    );

  beforeAll(() => {
    bus = harness.service.app.get(EventBus);
  });

  it(
    'moves the goal bar on a follow and on each poll, and shows the goal reached',
    async () => {
      bus.publish(stats({ followers: 41 }));
      const page = await open('/widgets/goal?target=50&label=Road%20to%2050', {
        width: 800,
        height: 140,
      });
      await page.waitForSelector('#goal[data-value="41"][data-target="50"]');
      await expect(page.textContent('.goal__label')).resolves.toBe('Road to 50');
      await expect(page.textContent('.goal__count')).resolves.toBe('41 / 50');
      await fillSettled(page);
      await screenshot(page, 'goal');
      const before = await fillPercent(page);

      bus.publish(event('channel.follow'));
      await page.waitForSelector('#goal[data-value="42"]');
      expect(await fillPercent(page)).toBeGreaterThan(before);

      bus.publish(stats({ followers: 50 }));
      await page.waitForSelector('#goal[data-value="50"][data-reached="true"]');
      await expect(page.textContent('.goal__count')).resolves.toBe('Goal reached! · 50 / 50');
      await fillSettled(page);
      await screenshot(page, 'goal-reached');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'counts subs on a subs goal: a gift adds its total, its gifted subs are not counted twice',
    async () => {
      bus.publish(stats({ subs: 7 }));
      const page = await open('/widgets/goal?metric=subs&target=20', { width: 800, height: 140 });
      await page.waitForSelector('#goal[data-value="7"]');
      await expect(page.textContent('.goal__label')).resolves.toBe('Sub goal');
      bus.publish(event('channel.subscription.gift', { total: 5, tier: '1000' }));
      bus.publish(event('channel.subscribe', { is_gift: true, tier: '1000' }));
      bus.publish(event('channel.subscribe', { is_gift: false, tier: '1000' }));
      await page.waitForSelector('#goal[data-value="13"]');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'picks a round goal above the first polled count when none is given',
    async () => {
      // Before its first poll the service publishes placeholder numbers: no goal from those.
      bus.publish(stats({ followers: 0, polledAt: null }));
      const page = await open('/widgets/goal', { width: 800, height: 140 });
      await expect(page.textContent('.goal__count')).resolves.toBe('…');
      bus.publish(stats({ followers: 86, polledAt: new Date().toISOString() }));
      await page.waitForSelector('#goal[data-value="86"][data-target="90"]');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows live/offline and the chosen numbers, moving on events and polls',
    async () => {
      bus.publish(stats({ live: true, viewers: 1234, followers: 5678, subs: 90 }));
      const page = await open('/widgets/stats', { width: 1000, height: 80 });
      await page.waitForSelector('#stats[data-live="true"]');
      const numbers = () => page.$$eval('.stats__item', (items) => items.map((i) => i.textContent));
      await expect(numbers()).resolves.toEqual(['1,234 viewers', '5,678 followers', '90 subs']);
      await expect(page.textContent('.stats__live')).resolves.toBe('LIVE');
      await screenshot(page, 'stats');

      bus.publish(event('channel.follow'));
      bus.publish(event('stream.offline'));
      await page.waitForSelector('#stats[data-live="false"]');
      await expect(numbers()).resolves.toEqual(['0 viewers', '5,679 followers', '90 subs']);
      await expect(page.textContent('.stats__live')).resolves.toBe('OFFLINE');
      await screenshot(page, 'stats-offline');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows only the numbers asked for, in a column if asked',
    async () => {
      bus.publish(stats({ followers: 300, subs: 12 }));
      const page = await open('/widgets/stats?show=subs,followers&layout=column&live=hide', {
        width: 400,
        height: 200,
      });
      await page.waitForSelector('.stats--column');
      await page.waitForFunction(
        () => document.querySelector('.stats__number')?.textContent === '12',
      );
      await expect(
        page.$$eval('.stats__item', (items) => items.map((i) => i.textContent)),
      ).resolves.toEqual(['12 subs', '300 followers']);
      expect(await page.locator('.stats__live').count()).toBe(0);
      await screenshot(page, 'stats-column');
    },
    BROWSER_TEST_TIMEOUT,
  );
});
