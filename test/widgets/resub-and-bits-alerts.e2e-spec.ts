import type { Page } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';
import { AlertBoxPage } from './alert-box-page.js';

const HOSTILE = '<img src=x onerror="window.__xss=1">Still here! <b>bold</b>';

/** The text of alert `id`'s title, text and message line. */
async function alertParts(page: Page, id: number) {
  const alert = page.locator(`.alert[data-event-id="${id}"]`);
  return {
    title: await alert.locator('.alert__title').textContent(),
    text: await alert.locator('.alert__text').textContent(),
    message: (await alert.locator('.alert__message').count())
      ? await alert.locator('.alert__message').textContent()
      : null,
    markup: await alert.locator('img, b').count(),
  };
}

/**
 * Resubs and Bits uses from the simulator, through Twurple and the stream, in the alert box, the
 * labels and the event list; names and messages are viewers' text and never become markup.
 */
describeInBrowser('resubs and Bits uses in the widgets, in Chromium', () => {
  const harness = widgetBrowser(
    () =>
      startTwitchTestApp({
        EVENTSUB_EVENTS: 'channel.subscribe,channel.subscription.message,channel.bits.use',
      }),
    untilEventSubReceiving,
  );
  const boxes: AlertBoxPage[] = [];

  afterEach(async () => {
    for (const box of boxes.splice(0)) {
      expect(box.test.errors).toEqual([]);
      await box.close();
    }
  });

  it(
    'shows a resub in the alert box with months, streak and the message as text, in the labels and the event list',
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(harness.browser, service.baseUrl, 'duration=30');
      boxes.push(box);
      const label = await harness.open(
        '/widgets/label?show=latest-sub',
        { width: 600, height: 80 },
        '#label[data-ready="true"]',
      );
      const list = await harness.open('/widgets/events', { width: 400, height: 500 });

      service.simulator.trigger('channel.subscription.message', {
        user: 'loyal_viewer',
        months: 14,
        streak: 6,
        message: HOSTILE,
      });
      await box.page.waitForSelector('.alert[data-event="channel.subscription.message"]');
      const id = Number(
        await box.page.getAttribute(
          '.alert[data-event="channel.subscription.message"]',
          'data-event-id',
        ),
      );
      await box.waitFor('start', id);
      const name = service.simulator.user('loyal_viewer').displayName;
      expect(await alertParts(box.page, id)).toEqual({
        title: 'Resub',
        text: `${name} resubscribed at Tier 1: 14 months, 6 in a row!`,
        message: HOSTILE,
        markup: 0,
      });
      await box.page.waitForSelector('.alert:not(.is-entering)');
      await screenshot(box.page, 'alerts-resub');

      await label.waitForFunction(
        (expected) => document.getElementById('label')?.textContent === expected,
        `Latest sub: ${name}`,
      );
      await list.waitForFunction(
        (expected) =>
          [...document.querySelectorAll('.event-list__row')].some(
            (row) => row.textContent === expected,
          ),
        `${name} resubscribed (14 months, 6 in a row)`,
      );
      for (const page of [box.page, label, list])
        expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'says which Power-up, a Combo, and a Bits use of a kind it does not know as a plain Bits alert',
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=0.3&gap=0&events=channel.bits.use',
      );
      boxes.push(box);
      const warnings: string[] = [];
      box.page.on('console', (line) => {
        if (line.type() === 'warning') warnings.push(line.text());
      });
      service.simulator.trigger('channel.bits.use', {
        user: 'powerful',
        bitsType: 'power_up',
        powerUp: 'gigantify_an_emote',
        bits: 50,
      });
      service.simulator.trigger('channel.bits.use', {
        user: 'combo_king',
        bitsType: 'combo',
        bits: 100,
      });
      // They come through EventSub: both on screen before the ones published here.
      await eventually(() => box.phase('start').length >= 2, 'the Power-up and the Combo');
      // Twitch may add kinds: one this page has never heard of, twice.
      const bus = service.app.get(EventBus);
      const odd = {
        type: 'event' as const,
        event: 'channel.bits.use' as const,
        data: {
          user_name: 'Oddball',
          user_login: 'oddball',
          bits: 20,
          type: 'mystery',
          message: null,
          power_up: null,
        },
        sentAt: new Date().toISOString(),
      };
      bus.publish(odd);
      const last = bus.publish(odd).id;
      await box.waitFor('end', last);
      const texts = box.phase('start').map((notice) => notice.text);
      expect(texts).toEqual([
        expect.stringMatching(/^\S+ used a gigantified emote \(50 bits\)!$/),
        expect.stringMatching(/^\S+ sent a Combo \(100 bits\)!$/),
        'Oddball used 20 bits!',
        'Oddball used 20 bits!',
      ]);
      expect(warnings.filter((line) => line.includes('"mystery"'))).toHaveLength(1);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
