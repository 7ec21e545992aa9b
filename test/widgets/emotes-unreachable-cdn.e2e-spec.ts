import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { untilCheermotesRead } from '../support/cheermotes-ready.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { freePort } from '../support/free-port.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';
import { AlertBoxPage } from './alert-box-page.js';

/** Chromium's console line for an image it could not load (the failure is the point here). */
const FAILED_LOAD = /^Failed to load resource: net::ERR_(CONNECTION_REFUSED|FAILED)$/;

/**
 * When the image host cannot be reached — the emote CDN (`EMOTE_CDN_URL` on a loopback port
 * nothing listens on) or the cheermotes' — the alert shows the emotes' and cheermotes' text
 * where their images would be.
 */
describeInBrowser('emotes and cheermotes when their images cannot load, in Chromium', () => {
  let unreachable = '';
  const harness = widgetBrowser(
    async () => {
      unreachable = `http://127.0.0.1:${await freePort()}/emoticons/v2`;
      return startTwitchTestApp({
        EVENTSUB_EVENTS: 'channel.subscription.message,channel.bits.use',
        EMOTE_CDN_URL: unreachable,
      });
    },
    async (service: TwitchTestApp) => {
      await untilEventSubReceiving(service);
      await untilCheermotesRead(service);
    },
  );
  const boxes: AlertBoxPage[] = [];

  afterEach(async () => {
    for (const box of boxes.splice(0)) {
      // Only the images that could not load are errors here.
      expect(box.test.errors.filter((line) => !FAILED_LOAD.test(line))).toEqual([]);
      await box.close();
    }
  });

  it(
    "shows a resub's emotes as their text when the emote CDN cannot be reached",
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=30&events=channel.subscription.message',
      );
      boxes.push(box);
      service.simulator.trigger('channel.subscription.message', {
        user: 'offline_emotes',
        months: 7,
        message: 'Kappa still here demostHype',
      });
      const alert = '.alert[data-event="channel.subscription.message"]';
      await box.page.waitForSelector(`${alert} .alert__message`);
      // Each image gives way to its text once it fails.
      await box.page.waitForFunction(
        (selector) =>
          document.querySelectorAll(`${selector} .alert__message .message-image-failed`).length ===
          2,
        alert,
      );
      const line = box.page.locator(`${alert} .alert__message`);
      await expect(line.locator('img').count()).resolves.toBe(0);
      await expect(line.textContent()).resolves.toBe('Kappa still here demostHype');
      expect(box.test.errors.length).toBeGreaterThan(0); // Chromium says the images failed
      expect(unreachable).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/emoticons\/v2$/);
      await box.page.waitForSelector(`${alert}:not(.is-entering)`);
      await screenshot(box.page, 'alerts-resub-emotes-unreachable');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "shows a cheermote as its word, the amount still in its tier's colour, when its image host cannot be reached",
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=30&events=channel.bits.use',
      );
      boxes.push(box);
      // The cheermotes' images come from the host Helix names (the simulator here): this page
      // cannot reach it.
      await box.page.route('**/actions/**', (route) => route.abort('connectionrefused'));
      service.simulator.trigger('channel.bits.use', {
        user: 'offline_cheer',
        bits: 150,
        message: 'Cheer150 nice',
      });
      const alert = '.alert[data-event="channel.bits.use"]';
      await box.page.waitForSelector(`${alert} .message-cheermote .message-image-failed`);
      const line = box.page.locator(`${alert} .alert__message`);
      await expect(line.locator('img').count()).resolves.toBe(0);
      await expect(line.textContent()).resolves.toBe('Cheer150 nice');
      await expect(
        line
          .locator('.message-cheermote__amount')
          .evaluate((element) => getComputedStyle(element).color),
      ).resolves.toBe('rgb(156, 62, 232)');
      await box.page.waitForSelector(`${alert}:not(.is-entering)`);
      await screenshot(box.page, 'alerts-cheermote-unreachable');
    },
    BROWSER_TEST_TIMEOUT,
  );
});
