import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import type { EventMessage } from '../../src/contract/sse-contract.js';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  launchChromium,
  screenshot,
} from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AlertBoxPage } from './alert-box-page.js';

const follow = (name: string, sentAt = new Date().toISOString()): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: {
    user_id: `id-${name}`,
    user_login: name.toLowerCase(),
    user_name: name,
    broadcaster_user_id: '1000',
    broadcaster_user_login: 'streamer',
    broadcaster_user_name: 'Streamer',
    followed_at: sentAt,
  },
  sentAt,
});
const cheer = (name: string, bits: number): EventMessage => ({
  type: 'event',
  event: 'channel.cheer',
  data: { is_anonymous: false, user_name: name, user_login: name, message: 'Cheer!', bits },
  sentAt: new Date().toISOString(),
});
const sub = (name: string, isGift = false): EventMessage => ({
  type: 'event',
  event: 'channel.subscribe',
  data: { user_name: name, user_login: name, tier: '1000', is_gift: isGift },
  sentAt: new Date().toISOString(),
});

describeInBrowser('the alert box (/widgets/alerts) in Chromium', () => {
  let service: TestApp;
  let bus: EventBus;
  let browser: Browser;
  const boxes: AlertBoxPage[] = [];

  async function openAlertBox(query: string): Promise<AlertBoxPage> {
    const box = await AlertBoxPage.open(browser, service.baseUrl, query);
    boxes.push(box);
    return box;
  }

  const admin = (action: string) =>
    fetch(`${service.baseUrl}/api/admin/alerts/${action}`, { method: 'POST' });

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestApp(), launchChromium()]);
    bus = service.app.get(EventBus);
  }, BROWSER_TEST_TIMEOUT);

  afterEach(async () => {
    for (const box of boxes.splice(0)) {
      expect(box.test.errors).toEqual([]);
      await box.close();
    }
    // Pause is state the bus keeps for boxes that connect later: leave it off for the next test.
    bus.publish({ type: 'control', data: { action: 'resume' } });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it(
    'shows a follow with the follower’s name',
    async () => {
      const box = await openAlertBox('duration=30');
      const { id } = bus.publish(follow('PixelPanda'));
      const shown = await box.waitFor('start', id);
      expect(shown.text).toBe('PixelPanda just followed!');
      const alert = box.page.locator(`.alert[data-event-id="${id}"]`);
      await expect(alert.locator('.alert__value').textContent()).resolves.toBe('PixelPanda');
      await expect(alert.locator('.alert__title').textContent()).resolves.toBe('New follower');
      // Let the enter animation finish before the picture.
      await box.page.waitForSelector('.alert:not(.is-entering)');
      await screenshot(box.page, 'alerts-follow');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'plays three quick events as three alerts, in order, never two at once',
    async () => {
      const box = await openAlertBox('duration=0.4&gap=0');
      const ids = [follow('Ann'), sub('Bob'), cheer('Cid', 250)].map((m) => bus.publish(m).id);
      await box.waitFor('end', ids[2]!);
      expect(box.phase('start').map((n) => n.text)).toEqual([
        'Ann just followed!',
        'Bob subscribed at Tier 1!',
        'Cid cheered 250 bits!',
      ]);
      // Each alert ends before the next starts.
      expect(box.notices.map((n) => `${n.phase} ${n.id}`)).toEqual(
        ids.flatMap((id) => [`start ${id}`, `end ${id}`]),
      );
      expect(box.mostOnScreen).toBe(1);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'after a reload, plays the alert sent while it was away and does not repeat the one it showed',
    async () => {
      const box = await openAlertBox('duration=0.3&gap=0');
      const shown = bus.publish(follow('BeforeReload')).id;
      await box.waitFor('end', shown);

      await box.page.goto('about:blank'); // the OBS source reloads: the page is gone for a moment
      const missed = bus.publish(follow('DuringReload')).id;
      await box.load();

      await box.waitFor('end', missed);
      const live = bus.publish(follow('AfterReload')).id;
      await box.waitFor('end', live);
      expect(box.phase('start').map((n) => n.id)).toEqual([shown, missed, live]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'after a reload, plays the alerts that were still waiting, and not the one that was on screen',
    async () => {
      const box = await openAlertBox('duration=30');
      const [onScreen, waiting1, waiting2] = [follow('One'), follow('Two'), follow('Three')].map(
        (m) => bus.publish(m).id,
      );
      await box.waitFor('start', onScreen!);
      await box.page.waitForSelector('body[data-waiting="2"]');

      await box.page.reload();
      await box.connected();
      await box.waitFor('start', waiting1!);
      await admin('skip');
      await box.waitFor('start', waiting2!);
      expect(box.phase('start').map((n) => n.id)).toEqual([onScreen, waiting1, waiting2]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'holds alerts while paused and plays them on resume, also across a reload',
    async () => {
      const box = await openAlertBox('duration=0.3&gap=0');
      await admin('pause');
      await box.page.waitForSelector('body[data-paused="true"]');

      const held = bus.publish(follow('Held')).id;
      await box.page.waitForSelector('body[data-waiting="1"]');
      expect(await box.page.locator('.alert').count()).toBe(0);

      // A box that loads while alerts are paused stays paused and still has the held alert.
      await box.load();
      await box.page.waitForSelector('body[data-paused="true"][data-waiting="1"]');
      expect(box.phase('start')).toEqual([]);

      await admin('resume');
      await box.waitFor('end', held);
      expect(box.phase('start').map((n) => n.id)).toEqual([held]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'ends the alert on screen on skip',
    async () => {
      const box = await openAlertBox('duration=120');
      const id = bus.publish(follow('Skipped')).id;
      await box.waitFor('start', id);
      await admin('skip');
      await box.waitFor('end', id);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'plays a replayed event again',
    async () => {
      const box = await openAlertBox('duration=0.3&gap=0');
      const original = bus.publish(follow('Encore')).id;
      await box.waitFor('end', original);
      const response = await fetch(`${service.baseUrl}/api/admin/events/${original}/replay`, {
        method: 'POST',
      });
      const { id: replay } = (await response.json()) as { id: number };
      const again = await box.waitFor('end', replay);
      expect(again.text).toBe('Encore just followed!');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows only what it is set up for: chosen events, minimum bits, no per-gift sub alerts, nothing stale',
    async () => {
      const box = await openAlertBox(
        'duration=0.2&gap=0&events=channel.follow,channel.cheer,channel.subscribe&minBits=100&maxAge=60',
      );
      const ids = [
        cheer('Small', 99),
        sub('Gifted', true),
        follow('Stale', new Date(Date.now() - 10 * 60_000).toISOString()),
        { ...follow('RaidNotChosen'), event: 'channel.raid' } as EventMessage,
        cheer('Big', 100),
      ].map((m) => bus.publish(m).id);
      await box.waitFor('end', ids[4]!);
      expect(box.phase('start').map((n) => n.text)).toEqual(['Big cheered 100 bits!']);
      expect(box.phase('skipped').map((n) => n.reason)).toEqual([
        'below minBits',
        'gifted sub (the gift alert covers it)',
        'older than maxAge',
      ]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'reconnects by itself when the connection drops, also past an error answer, and misses nothing',
    async () => {
      const box = await openAlertBox('duration=0.2&gap=0');
      // While away, the stream answers 502 like a proxy in front of a restarting service (on
      // which a browser's EventSource would give up for good).
      let refused = 0;
      await box.page.route('**/api/twitch/stream?*', (route) => {
        refused++;
        return route.fulfill({ status: 502, body: 'Bad Gateway' });
      });
      (service.app.getHttpServer() as Server).closeAllConnections();
      await box.page.waitForSelector('body:not([data-connection="open"])');
      const missed = bus.publish(follow('WhileAway')).id;
      await eventually(() => refused > 0, 'a refused reconnect');
      await box.page.unroute('**/api/twitch/stream?*');
      await box.waitFor('end', missed);
      box.test.errors.length = 0; // the browser logs the refused request as an error
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'keeps playing after the service forgot its place (a stored id from another run, older or newer)',
    async () => {
      const box = await openAlertBox('duration=0.2&gap=0');
      for (const storedId of [1, bus.lastId * 2]) {
        await box.page.evaluate((cursor) => {
          for (const key of Object.keys(localStorage)) {
            localStorage.setItem(key, JSON.stringify({ cursor, state: { paused: false } }));
          }
        }, storedId);
        await box.load();
        const id = bus.publish(follow(`After${storedId}`)).id;
        await box.waitFor('end', id);
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});
