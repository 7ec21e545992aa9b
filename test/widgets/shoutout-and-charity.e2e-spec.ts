import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import type { Page } from 'playwright-core';
import type { EventHistoryResponse } from '../../src/alerts/alerts-api.js';
import { EventBus } from '../../src/bus/event-bus.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTestApp } from '../support/test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';
import { AlertBoxPage } from './alert-box-page.js';

const HOSTILE = '<img src=x onerror="window.__xss=1">Still here! <b>bold</b>';
const SHOUTOUTS = 'channel.shoutout.create,channel.shoutout.receive';
const CHARITY =
  'channel.charity_campaign.donate,channel.charity_campaign.start,channel.charity_campaign.progress,channel.charity_campaign.stop';

/** The shoutout card of the alert for `event`, once its avatar image has loaded (or its initial). */
async function shoutoutCard(page: Page, event: string, avatar: 'image' | 'initial' = 'image') {
  const selector = `.alert[data-event="${event}"]`;
  if (avatar === 'image') {
    await page.waitForFunction((at) => {
      const image = document.querySelector<HTMLImageElement>(`${at} img.alert__avatar`);
      return image !== null && image.complete && image.naturalWidth > 0;
    }, selector);
  } else {
    await page.waitForSelector(`${selector} .alert__avatar--initial`);
  }
  const alert = page.locator(selector);
  return {
    title: await alert.locator('.alert__title').textContent(),
    text: await alert.locator('.alert__text').textContent(),
    game: (await alert.locator('.alert__game').count())
      ? await alert.locator('.alert__game').textContent()
      : null,
    avatar:
      avatar === 'image'
        ? await alert.locator('img.alert__avatar').getAttribute('src')
        : await alert.locator('.alert__avatar--initial').textContent(),
  };
}

const xssRan = (page: Page) => page.evaluate(() => (window as { __xss?: number }).__xss);

/**
 * Shoutouts and charity from the simulator, through Twurple and the stream, in the alert box and
 * the goal bar: the shoutout card with the other channel's avatar and last game (looked up on the
 * service), donation alerts, and the charity bar from Helix at start and then its events. Names,
 * games and charities are Twitch users' text and never become markup.
 */
describeInBrowser('shoutout cards and the charity goal bar in Chromium', () => {
  let simulator: TwitchSimulator;
  const harness = widgetBrowser(async () => {
    const twitch = new TwitchSimulator({ keepaliveSeconds: 5 });
    simulator = twitch;
    await twitch.start({ port: 0 });
    // A campaign running on Twitch before the service starts: the bar shows it from Helix.
    twitch.trigger('channel.charity_campaign.start', {
      charity: 'Books for Schools',
      target: 100_000,
      amount: 25_000,
    });
    return startTestApp(
      { DEMO_MODE: 'on', EVENTSUB_EVENTS: `${SHOUTOUTS},${CHARITY}` },
      { twitch: true, simulator: twitch },
    );
  }, untilEventSubReceiving);
  const boxes: AlertBoxPage[] = [];

  afterEach(async () => {
    for (const box of boxes.splice(0)) {
      expect(box.test.errors).toEqual([]);
      await box.close();
    }
  });

  afterAll(async () => {
    await simulator?.stop();
  });

  const openBox = async (query: string) => {
    const box = await AlertBoxPage.open(harness.browser, harness.service.baseUrl, query);
    boxes.push(box);
    return box;
  };

  it(
    "shows a shoutout's card both ways: the other channel's name, avatar and last game, and the viewers of one received",
    async () => {
      const given = await openBox('events=channel.shoutout.create&duration=60');
      const received = await openBox('events=channel.shoutout.receive&duration=60');
      simulator.trigger('channel.shoutout.create', { user: 'pixel_harbor' });
      simulator.trigger('channel.shoutout.receive', { user: 'big_streamer', viewers: 340 });

      const pixel = simulator.user('pixel_harbor');
      expect(await shoutoutCard(given.page, 'channel.shoutout.create')).toEqual({
        title: 'Shoutout',
        text: `Go follow ${pixel.displayName}!`,
        game: `Last seen playing ${simulator.channel('pixel_harbor').game}`,
        avatar: `${simulator.baseUrl}/jtv_user_pictures/pixel_harbor-profile_image-300x300.png`,
      });
      await given.page.waitForSelector('.alert:not(.is-entering)');
      await screenshot(given.page, 'alerts-shoutout-given');

      const big = simulator.user('big_streamer');
      expect(await shoutoutCard(received.page, 'channel.shoutout.receive')).toEqual({
        title: 'Shoutout',
        text: `${big.displayName} shouted us out to 340 viewers!`,
        game: `Last seen playing ${simulator.channel('big_streamer').game}`,
        avatar: `${simulator.baseUrl}/jtv_user_pictures/big_streamer-profile_image-300x300.png`,
      });
      await received.page.waitForSelector('.alert:not(.is-entering)');
      await screenshot(received.page, 'alerts-shoutout-received');

      // The events on the stream are as Twitch sent them: the lookup added nothing to them.
      const history = (await (
        await fetch(`${harness.service.baseUrl}/api/events?events=${SHOUTOUTS}`)
      ).json()) as EventHistoryResponse;
      expect(history.events.map(({ message }) => message.event).sort()).toEqual([
        'channel.shoutout.create',
        'channel.shoutout.receive',
      ]);
      for (const { message } of history.events) {
        expect(Object.keys(message.data).filter((key) => /image|game|avatar/.test(key))).toEqual(
          [],
        );
      }
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'charity: the bar shows the campaign Helix lists at start, a donation alerts with amount and donor, and the bar moves, then ends',
    async () => {
      const bar = await harness.open('/widgets/goal?metric=charity', { width: 800, height: 140 });
      await bar.waitForSelector(
        '#goal[data-state="running"][data-value="25000"][data-target="100000"]',
      );
      await expect(bar.textContent('.goal__label')).resolves.toBe('Books for Schools');
      await expect(bar.textContent('.goal__count')).resolves.toBe('$250.00 / $1,000.00');
      const box = await openBox('events=channel.charity_campaign.donate&duration=60');

      simulator.trigger('channel.charity_campaign.donate', { user: 'kind_donor', amount: 1550 });
      await box.page.waitForSelector('.alert[data-event="channel.charity_campaign.donate"]');
      const donor = simulator.user('kind_donor').displayName;
      await expect(
        box.page.textContent('.alert[data-event="channel.charity_campaign.donate"] .alert__text'),
      ).resolves.toBe(`${donor} donated $15.50 to Books for Schools!`);
      await box.page.waitForSelector('.alert:not(.is-entering)');
      await screenshot(box.page, 'alerts-charity-donation');

      await bar.waitForSelector('#goal[data-value="26550"]');
      await expect(bar.textContent('.goal__count')).resolves.toBe('$265.50 / $1,000.00');
      await bar.waitForFunction(() =>
        document.getAnimations().every((animation) => animation.playState !== 'running'),
      );
      await screenshot(bar, 'goal-charity');

      simulator.trigger('channel.charity_campaign.stop');
      await bar.waitForSelector('#goal[data-state="ended"]');
      await expect(bar.textContent('.goal__count')).resolves.toBe('Ended · $265.50 / $1,000.00');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'never runs a hostile display name, game or charity name: text on the card and the bar, and a failed lookup leaves the initial',
    async () => {
      const box = await openBox(`events=${SHOUTOUTS},channel.charity_campaign.donate&duration=60`);
      // Another channel whose game is hostile text, shouting us out under a hostile name.
      simulator.trigger('stream.online', { broadcaster: 'evil_channel', game: HOSTILE });
      const evil = simulator.user('evil_channel');
      const broadcaster = simulator.user(simulator.channel().broadcasterId);
      const bus = harness.service.app.get(EventBus);
      const shoutout = (fromId: string, name: string) =>
        bus.publish({
          type: 'event',
          event: 'channel.shoutout.receive',
          data: {
            broadcaster_user_id: broadcaster.id,
            broadcaster_user_login: broadcaster.login,
            broadcaster_user_name: broadcaster.displayName,
            from_broadcaster_user_id: fromId,
            from_broadcaster_user_login: 'evil_channel',
            from_broadcaster_user_name: name,
            viewer_count: 5,
            started_at: new Date().toISOString(),
          },
        }).id;
      const first = shoutout(evil.id, HOSTILE);
      await box.waitFor('start', first);
      expect(await shoutoutCard(box.page, 'channel.shoutout.receive')).toEqual({
        title: 'Shoutout',
        text: `${HOSTILE} shouted us out to 5 viewers!`,
        game: `Last seen playing ${HOSTILE}`,
        avatar: `${simulator.baseUrl}/jtv_user_pictures/evil_channel-profile_image-300x300.png`,
      });
      expect(await box.page.locator('.alert b, .alert img:not(.alert__avatar)').count()).toBe(0);
      await screenshot(box.page, 'alerts-shoutout-hostile');
      await fetch(`${harness.service.baseUrl}/api/admin/alerts/skip`, { method: 'POST' });
      await box.waitFor('end', first);

      // A channel Twitch does not know: the lookup has nothing (204), the card shows the initial.
      const second = shoutout('987654321', 'Ghost');
      await box.waitFor('start', second);
      expect(await shoutoutCard(box.page, 'channel.shoutout.receive', 'initial')).toEqual({
        title: 'Shoutout',
        text: 'Ghost shouted us out to 5 viewers!',
        game: null,
        avatar: 'G',
      });
      // Nothing failed: no error in the page or from the browser.
      expect(box.test.errors).toEqual([]);

      const bar = await harness.open('/widgets/goal?metric=charity', { width: 800, height: 140 });
      simulator.trigger('channel.charity_campaign.start', { charity: HOSTILE, target: 5000 });
      await bar.waitForSelector('#goal[data-state="running"][data-target="5000"]');
      await expect(bar.textContent('.goal__label')).resolves.toBe(HOSTILE);
      expect(await bar.locator('#goal b, #goal img').count()).toBe(0);

      for (const page of [box.page, bar]) expect(await xssRan(page)).toBeUndefined();
    },
    BROWSER_TEST_TIMEOUT,
  );
});
