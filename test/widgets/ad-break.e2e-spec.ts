import type { Page } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import { TwitchEventIngest } from '../../src/eventsub/twitch-event-ingest.js';
import type { AdBreakState } from '../../src/contract/sse-contract.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { builderPreview, widgetBrowser } from '../support/widget-browser.js';

const SOURCE = { width: 800, height: 140 };

/**
 * Ad breaks from the simulator, through Twurple and the service's `stats`, in the ad break widget
 * (`/widgets/adbreak`) and the dashboard's row: a countdown that runs down and is gone at zero, the
 * time left for a widget opened mid-break, and nothing for a break of no length.
 */
describeInBrowser('the ad break widget and the dashboard’s row, in Chromium', () => {
  const harness = widgetBrowser(
    () => startTwitchTestApp({ EVENTSUB_EVENTS: 'channel.ad_break.begin' }),
    async (service) => {
      await untilEventSubReceiving(service);
      // Twitch runs ads only on a live stream.
      service.simulator.trigger('stream.online');
    },
  );

  /** The ad break the service keeps in its stats, once one started at `after` or later is. */
  const keptBreak = async (after: number): Promise<AdBreakState> => {
    const bus = harness.service.app.get(EventBus);
    const kept = () => {
      const message = bus.snapshot('stats')?.message;
      const adBreak = message?.type === 'stats' ? message.data.adBreak : undefined;
      return adBreak && Date.parse(adBreak.data.started_at) >= after ? adBreak : undefined;
    };
    await eventually(() => kept() !== undefined, 'the ad break in the stats');
    return kept() as AdBreakState;
  };

  /** The seconds left the widget shows (its `data-left`), or null when it shows none. */
  const secondsLeft = (page: Page) =>
    page.$eval('#adbreak', (root) => {
      const left = (root as HTMLElement).dataset.left;
      return left === undefined ? null : Number(left);
    });

  it(
    'counts a break down from its start, then hides itself at zero',
    async () => {
      const page = await harness.open('/widgets/adbreak', SOURCE);
      await page.waitForSelector('#adbreak[data-state="none"]', { state: 'attached' });
      expect(await page.isVisible('#adbreak')).toBe(false);

      harness.service.simulator.trigger('channel.ad_break.begin', { seconds: 3, automatic: true });
      await page.waitForSelector('#adbreak[data-state="running"]');
      await expect(page.textContent('.adbreak__label')).resolves.toBe('Ads');
      await expect(page.textContent('.adbreak__left')).resolves.toMatch(/^0:0[1-3] left$/);
      expect(await page.isVisible('.adbreak__automatic')).toBe(true);
      const first = (await secondsLeft(page)) as number;
      expect(first).toBeGreaterThanOrEqual(1);
      expect(first).toBeLessThanOrEqual(3);
      await page.waitForFunction(
        (earlier) => Number(document.getElementById('adbreak')?.dataset.left) < earlier,
        first,
      );
      await screenshot(page, 'adbreak-running');

      await page.waitForSelector('#adbreak[data-state="none"]', { state: 'attached' });
      expect(await page.isVisible('#adbreak')).toBe(false);
      await expect(secondsLeft(page)).resolves.toBeNull();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows a widget and the dashboard opened mid-break the time left; a break of no length then shows nothing',
    async () => {
      const triggeredAt = Date.now() - 1000;
      harness.service.simulator.trigger('channel.ad_break.begin', {
        seconds: 30,
        user: 'mod_mo',
      });
      const kept = await keptBreak(triggeredAt);
      expect(kept.data).toMatchObject({ duration_seconds: 30, is_automatic: false });

      const page = await harness.open('/widgets/adbreak?label=Back%20soon', SOURCE);
      await page.waitForSelector('#adbreak[data-state="running"]');
      await expect(page.textContent('.adbreak__label')).resolves.toBe('Back soon');
      expect(await page.isVisible('.adbreak__automatic')).toBe(false);
      // The time left counts from Twitch's started_at, not from when the widget opened.
      const [shown, expected] = await page.evaluate((startedAt) => {
        const left = Number(document.getElementById('adbreak')?.dataset.left);
        return [left, Math.ceil((Date.parse(startedAt) + 30_000 - Date.now()) / 1000)];
      }, kept.data.started_at);
      expect(Math.abs(shown - expected)).toBeLessThanOrEqual(1);
      expect(shown).toBeLessThanOrEqual(30);

      const dashboard = await harness.open(
        '/',
        { width: 1280, height: 900 },
        '#connection.pill--good',
      );
      const row = dashboard.locator('#ad-break');
      await dashboard.waitForSelector('#ad-break[data-state="running"]');
      await expect(row.textContent()).resolves.toMatch(
        /^Ads running: 0:[0-3]\d left of 0:30, since .+ · started by mod_mo$/i,
      );

      // The URL builder offers the widget, and its preview counts the same break down.
      await dashboard.check('input[name="widget"][value="adbreak"]');
      await dashboard.fill('#builder input[name="label"]', 'Back soon');
      const url = `${harness.service.baseUrl}/widgets/adbreak?label=Back+soon`;
      await dashboard.waitForFunction(
        (expected) =>
          (document.getElementById('widget-url') as HTMLInputElement).value === expected,
        url,
      );
      const preview = await builderPreview(dashboard);
      await preview.locator('#adbreak[data-state="running"]').waitFor();
      await dashboard.locator('#ad-break').scrollIntoViewIfNeeded();
      await screenshot(dashboard, 'adbreak-dashboard');

      // A break of no length takes the running one's place: nothing counts down, nothing stays.
      harness.service.simulator.trigger('channel.ad_break.begin', { seconds: 0 });
      await page.waitForSelector('#adbreak[data-state="none"]', { state: 'attached' });
      expect(await page.isVisible('#adbreak')).toBe(false);
      await dashboard.waitForSelector('#ad-break[data-state="over"]');
      await expect(row.textContent()).resolves.toMatch(/^Last ad break: no length given at .+/);

      const opened = await harness.open('/widgets/adbreak', SOURCE);
      await opened.waitForSelector('#adbreak[data-state="none"]', { state: 'attached' });
      expect(await opened.isVisible('#adbreak')).toBe(false);

      // Who started a break is a name someone typed: the row shows it as text.
      const hostile = '<img src=x onerror="window.__xss=1"><b>mod</b>';
      const { broadcasterId } = harness.service.simulator.channel();
      harness.service.app.get(TwitchEventIngest).receive({
        type: 'channel.ad_break.begin',
        data: {
          broadcaster_user_id: broadcasterId,
          broadcaster_user_login: 'demo_streamer',
          broadcaster_user_name: 'Demo_Streamer',
          requester_user_id: '4242',
          requester_user_login: 'mod',
          requester_user_name: hostile,
          duration_seconds: 60,
          started_at: new Date(Date.now() - 120_000).toISOString(),
          is_automatic: false,
        },
      });
      await dashboard.waitForFunction(
        (expected) => document.getElementById('ad-break')?.textContent?.endsWith(expected),
        `started by ${hostile}`,
      );
      expect(await row.locator('img, b').count()).toBe(0);
      expect(await dashboard.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    },
    BROWSER_TEST_TIMEOUT,
  );
});
