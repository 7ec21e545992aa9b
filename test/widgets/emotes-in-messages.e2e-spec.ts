import type { Page } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  openPage,
  screenshot,
  type TestPage,
} from '../support/browser.js';
import { untilCheermotesRead } from '../support/cheermotes-ready.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';
import { AlertBoxPage } from './alert-box-page.js';

const HOSTILE = '<img src=x onerror="window.__xss=1">Still here! <b>bold</b>';
/** Who the events published straight onto the bus are about. */
const PEOPLE = {
  broadcaster_user_id: '1000',
  broadcaster_user_login: 'demo_streamer',
  broadcaster_user_name: 'demo_streamer',
  user_id: '666',
  user_login: 'hacker',
  user_name: 'Hacker',
};
/** The only image URLs a page may ask for: the simulator's emotes and cheermotes by checked ids. */
const GOOD_IMAGE =
  /\/(emoticons\/v2\/(25|425618|emotesv2_[0-9a-f]{32})\/(default|static|animated)\/dark\/[123]\.0|actions\/cheer\/dark\/animated\/\d+\/[\d.]+\.gif)$/;
const EVENTS = 'channel.subscription.message,channel.bits.use,channel.cheer';

/** What an element's images are: their alt text, whether they loaded, and where from. */
async function imagesIn(page: Page, selector: string) {
  return page.locator(`${selector} img`).evaluateAll((images) =>
    (images as HTMLImageElement[]).map((image) => ({
      alt: image.alt,
      loaded: image.complete && image.naturalWidth > 0,
      src: image.getAttribute('src') ?? '',
    })),
  );
}

/** Waits until every image under `selector` has finished loading (or failing). */
async function imagesSettled(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (within) =>
      [...document.querySelectorAll(`${within} img`)].every(
        (image) => (image as HTMLImageElement).complete,
      ),
    selector,
  );
}

/**
 * Emotes and cheermotes in viewers' messages, from the simulator through Twurple and the stream
 * to the alert box and the event list, their images served by the simulator's CDN stub; and the
 * viewer-controlled parts of a message never become markup or reach a URL.
 */
describeInBrowser('emotes and cheermotes in messages, in Chromium', () => {
  const harness = widgetBrowser(
    () => startTwitchTestApp({ EVENTSUB_EVENTS: EVENTS }),
    async (service: TwitchTestApp) => {
      await untilEventSubReceiving(service);
      await untilCheermotesRead(service);
    },
  );
  const pages: TestPage[] = [];
  const boxes: AlertBoxPage[] = [];

  afterEach(async () => {
    for (const box of boxes.splice(0)) {
      expect(box.test.errors).toEqual([]);
      expect(await box.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      await box.close();
    }
    for (const { page, context, errors } of pages.splice(0)) {
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      await context.close();
    }
  });

  /** The event list with the viewers' messages, opened on `query`; `requested` gets its requests. */
  const openList = async (query: string, requested: string[] = []) => {
    const test = await openPage(harness.browser, { width: 600, height: 500 });
    pages.push(test);
    test.page.on('request', (request) => requested.push(request.url()));
    await test.page.goto(`${harness.service.baseUrl}/widgets/events?${query}`);
    await test.page.waitForSelector('body[data-connection="open"]');
    return test.page;
  };

  /** Opens the alert box and waits for the alert of the first event of type `event`. */
  const alertOf = async (box: AlertBoxPage, event: string) => {
    const selector = `.alert[data-event="${event}"]`;
    await box.page.waitForSelector(selector);
    const id = Number(await box.page.getAttribute(selector, 'data-event-id'));
    await box.waitFor('start', id);
    return `.alert[data-event-id="${id}"]`;
  };

  it(
    "draws a resub's emotes as images from the CDN, animated where the emote has it, and its text as text",
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        `duration=30&events=${EVENTS}&scale=1`,
      );
      boxes.push(box);
      const list = await openList(`events=${EVENTS}&message=show`);
      expect(await box.page.getAttribute('html', 'data-message-images')).toBe('loaded');

      service.simulator.trigger('channel.subscription.message', {
        user: 'emote_fan',
        months: 3,
        message: `Kappa ${HOSTILE} demostHype`,
      });
      const alert = await alertOf(box, 'channel.subscription.message');
      await imagesSettled(box.page, `${alert} .alert__message`);
      const cdn = `${service.simulator.baseUrl}/emoticons/v2`;
      // Scale 1: the emote is drawn 42 px high, so the 56 px image (2.0).
      expect(await imagesIn(box.page, `${alert} .alert__message`)).toEqual([
        { alt: 'Kappa', loaded: true, src: `${cdn}/25/default/dark/2.0` },
        {
          alt: 'demostHype',
          loaded: true,
          src: `${cdn}/emotesv2_5d523adb8bbb4786821cd7091e47da21/default/dark/2.0`,
        },
      ]);
      await expect(box.page.locator(`${alert} .alert__message`).textContent()).resolves.toBe(
        ` ${HOSTILE} `,
      );
      await expect(box.page.locator(`${alert} b`).count()).resolves.toBe(0);
      await box.page.waitForSelector(`${alert}:not(.is-entering)`);
      await screenshot(box.page, 'alerts-resub-emotes');

      const row = '.event-list__row[data-event="channel.subscription.message"]';
      await list.waitForSelector(`${row} .event-list__message`);
      await imagesSettled(list, row);
      expect((await imagesIn(list, row)).map(({ alt, loaded }) => [alt, loaded])).toEqual([
        ['Kappa', true],
        ['demostHype', true],
      ]);
      await screenshot(list, 'events-resub-emotes');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "draws a cheer's cheermote in its tier's image and colour, from Bits fragments and from a cheer's text",
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        `duration=30&gap=0&events=${EVENTS}&scale=1`,
      );
      boxes.push(box);
      service.simulator.trigger('channel.bits.use', {
        user: 'big_cheerer',
        bits: 2500,
        message: 'Cheer2500 Kappa great stream',
      });
      const alert = await alertOf(box, 'channel.bits.use');
      await imagesSettled(box.page, `${alert} .alert__message`);
      const images = await imagesIn(box.page, `${alert} .alert__message`);
      expect(images.map(({ alt, loaded }) => [alt, loaded])).toEqual([
        ['Cheer', true],
        ['Kappa', true],
      ]);
      // The 1 000 tier (2 500 Bits reach it), animated, from the Helix answer's URLs.
      expect(images[0]?.src).toBe(
        `${service.simulator.baseUrl}/actions/cheer/dark/animated/1000/1.5.gif`,
      );
      const amount = box.page.locator(`${alert} .message-cheermote__amount`);
      await expect(amount.textContent()).resolves.toBe('2500');
      await expect(amount.evaluate((element) => getComputedStyle(element).color)).resolves.toBe(
        'rgb(29, 178, 165)',
      );
      await box.page.waitForSelector(`${alert}:not(.is-entering)`);
      await screenshot(box.page, 'alerts-bits-cheermote');

      // channel.cheer carries plain text: its cheermote words are found by the channel's prefixes.
      // (A box of its own: this one holds the Bits alert for 30 s.)
      const cheerBox = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=30&events=channel.cheer',
      );
      boxes.push(cheerBox);
      const { id } = service.app.get(EventBus).publish({
        type: 'event',
        event: 'channel.cheer',
        data: {
          ...PEOPLE,
          is_anonymous: false,
          bits: 100,
          message: 'cheer100 Party100 thanks',
        },
        sentAt: new Date().toISOString(),
      });
      await cheerBox.waitFor('start', id);
      const cheer = `.alert[data-event-id="${id}"] .alert__message`;
      await imagesSettled(cheerBox.page, cheer);
      expect(
        (await imagesIn(cheerBox.page, cheer)).map(({ alt, loaded }) => [alt, loaded]),
      ).toEqual([['cheer', true]]);
      await expect(cheerBox.page.locator(cheer).textContent()).resolves.toBe('100 Party100 thanks');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'leaves an emote-only message out with emoteOnly=hide, and keeps one with words',
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        `duration=30&events=${EVENTS}&emoteOnly=hide`,
      );
      boxes.push(box);
      const list = await openList(`events=${EVENTS}&message=show&emoteOnly=hide&limit=10`);
      service.simulator.trigger('channel.subscription.message', {
        user: 'only_emotes',
        months: 4,
        message: 'Kappa  demostHype',
      });
      service.simulator.trigger('channel.subscription.message', {
        user: 'has_words',
        months: 5,
        message: 'Kappa hello',
      });
      // The alert still plays; only its emote-only message is left out.
      const alert = await alertOf(box, 'channel.subscription.message');
      await expect(box.page.locator(alert).textContent()).resolves.toContain('resubscribed');
      await expect(box.page.locator(`${alert} .alert__message`).count()).resolves.toBe(0);
      await screenshot(box.page, 'alerts-resub-emote-only-hidden');

      const rowOf = (login: string) =>
        list.locator('.event-list__row[data-event="channel.subscription.message"]', {
          hasText: service.simulator.user(login).displayName,
        });
      await rowOf('has_words').locator('.event-list__message').waitFor();
      await expect(rowOf('has_words').locator('.event-list__message').textContent()).resolves.toBe(
        ' hello',
      );
      await expect(
        rowOf('has_words').locator('.event-list__message img').getAttribute('alt'),
      ).resolves.toBe('Kappa');
      await expect(rowOf('only_emotes').count()).resolves.toBe(1);
      await expect(rowOf('only_emotes').locator('.event-list__message').count()).resolves.toBe(0);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'keeps hostile emote ids and cheermote prefixes as text: no markup runs and no URL is built from them',
    async () => {
      const { service } = harness;
      const box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=30&events=channel.subscription.message',
      );
      boxes.push(box);
      // One box per alert: each holds its alert on screen for 30 s.
      const bitsBox = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=30&events=channel.bits.use',
      );
      boxes.push(bitsBox);
      const requested: string[] = [];
      for (const page of [box.page, bitsBox.page]) {
        page.on('request', (request) => requested.push(request.url()));
      }
      const list = await openList(
        `events=${EVENTS}&message=show&text.resub={name}: {message}`,
        requested,
      );
      const bus = service.app.get(EventBus);
      const text = `Kappa x${HOSTILE}`;
      const resub = bus.publish({
        type: 'event',
        event: 'channel.subscription.message',
        data: {
          ...PEOPLE,
          tier: '1000',
          cumulative_months: 2,
          streak_months: null,
          duration_months: 1,
          message: {
            text,
            emotes: [
              { begin: 0, end: 4, id: '../../../widgets/alerts' },
              { begin: 6, end: 10, id: '"><img src=x onerror=window.__xss=1>' },
              { begin: 12, end: 20, id: 'javascript:window.__xss=1' },
              { begin: 7, end: 9999, id: '25' },
            ],
          },
        },
        sentAt: new Date().toISOString(),
      });
      const bits = bus.publish({
        type: 'event',
        event: 'channel.bits.use',
        data: {
          ...PEOPLE,
          bits: 100,
          type: 'cheer',
          power_up: null,
          message: {
            text: 'Cheer100 Kappa',
            fragments: [
              {
                type: 'cheermote',
                text: 'Cheer100',
                cheermote: { prefix: 'cheer/../../x', bits: 100, tier: 100 },
                emote: null,
              },
              { type: 'text', text: ' ', cheermote: null, emote: null },
              {
                type: 'emote',
                text: HOSTILE,
                cheermote: null,
                emote: { id: '25?"onerror="window.__xss=1', emote_set_id: '0' },
              },
            ],
          },
        },
        sentAt: new Date().toISOString(),
      });
      await box.waitFor('start', resub.id);
      const resubAlert = `.alert[data-event-id="${resub.id}"]`;
      await expect(box.page.locator(`${resubAlert} .alert__message`).textContent()).resolves.toBe(
        text,
      );
      await expect(box.page.locator(`${resubAlert} img, ${resubAlert} b`).count()).resolves.toBe(0);
      await bitsBox.waitFor('start', bits.id);
      const bitsAlert = `.alert[data-event-id="${bits.id}"]`;
      await expect(
        bitsBox.page.locator(`${bitsAlert} .alert__message`).textContent(),
      ).resolves.toBe(`Cheer100 ${HOSTILE}`);
      await expect(bitsBox.page.locator(`${bitsAlert} img, ${bitsAlert} b`).count()).resolves.toBe(
        0,
      );

      const row = list.locator(`.event-list__row[data-id="${resub.id}"]`);
      await row.waitFor();
      await expect(row.locator('.event-list__value').last().textContent()).resolves.toBe(text);
      await expect(row.locator('img, b').count()).resolves.toBe(0);
      await screenshot(box.page, 'alerts-hostile-emotes');
      // The list's history has the earlier tests' emotes; nothing else reached an image URL.
      const images = requested.filter((url) => /\/(emoticons|actions)\//.test(url));
      expect(images.filter((url) => !GOOD_IMAGE.test(url))).toEqual([]);
      expect(requested.filter((url) => /onerror|javascript|__xss|%22|%3C/i.test(url))).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
