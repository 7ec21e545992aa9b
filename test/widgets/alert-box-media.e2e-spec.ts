import type { Browser } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import type { TwitchEventType } from '../../src/contract/twitch-events.js';
import type { AlertNotice } from '../../src/widgets/public/alerts.js';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  launchChromium,
  openPage,
  screenshot,
} from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { builderPreview } from '../support/widget-browser.js';
import { pngImage, tempMediaDir, writeMedia } from '../support/media-files.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';
import { AlertBoxPage } from './alert-box-page.js';

/** The types these tests trigger through the simulator. */
const EVENTS: TwitchEventType[] = [
  'channel.follow',
  'channel.subscription.gift',
  'channel.subscribe',
  'channel.cheer',
  'channel.raid',
  'channel.channel_points_custom_reward_redemption.add',
  'channel.hype_train.begin',
  'channel.hype_train.progress',
  'channel.hype_train.end',
];

/** Chromium's "Failed to load resource" console errors: what a missing file looks like. */
const LOAD_FAILURE = /Failed to load resource: the server responded with a status of 404/;

/**
 * Records a short WebM (a moving square) with Chromium's own MediaRecorder, so the test has a real
 * video to serve without a video tool on the machine.
 */
async function recordWebm(browser: Browser): Promise<Buffer> {
  const { page, context } = await openPage(browser);
  try {
    const base64 = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const paint = canvas.getContext('2d')!;
      const recorder = new MediaRecorder(canvas.captureStream(25), {
        mimeType: 'video/webm;codecs=vp8',
      });
      const parts: Blob[] = [];
      recorder.ondataavailable = (event) => parts.push(event.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      for (let frame = 0; frame < 20; frame++) {
        paint.fillStyle = '#1f6feb';
        paint.fillRect(0, 0, 320, 180);
        paint.fillStyle = '#ffd33d';
        paint.fillRect(20 + frame * 12, 50, 80, 80);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      recorder.stop();
      await stopped;
      const bytes = new Uint8Array(await new Blob(parts, { type: 'video/webm' }).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    });
    return Buffer.from(base64, 'base64');
  } finally {
    await context.close();
  }
}

describeInBrowser('alert box kinds, images and variations (/widgets/alerts) in Chromium', () => {
  let service: TwitchTestApp;
  let browser: Browser;
  let media: string;
  const boxes: AlertBoxPage[] = [];

  async function openAlertBox(query: string): Promise<AlertBoxPage> {
    const box = await AlertBoxPage.open(browser, service.baseUrl, query);
    boxes.push(box);
    return box;
  }

  /** Waits for the alert of `event` to start and be fully on screen; returns its notice. */
  async function shown(box: AlertBoxPage, event: TwitchEventType, nth = 0): Promise<AlertNotice> {
    await eventually(
      () => box.phase('start').filter((n) => n.event === event).length > nth,
      `a ${event} alert; got ${JSON.stringify(box.notices)}`,
    );
    const notice = box.phase('start').filter((n) => n.event === event)[nth]!;
    await box.page.waitForSelector(`.alert[data-event-id="${notice.id}"]:not(.is-entering)`);
    return notice;
  }

  /** Whether the alert's image is on screen, loaded, with a size. */
  async function imageShown(box: AlertBoxPage, id: number): Promise<boolean> {
    return box.page
      .locator(`.alert[data-event-id="${id}"] img.alert__media`)
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.width > 0);
  }

  beforeAll(async () => {
    media = tempMediaDir();
    browser = await launchChromium();
    writeMedia(media, 'reward.png', pngImage(160, 120, [46, 160, 67]));
    writeMedia(media, 'level.png', pngImage(160, 120, [255, 140, 0]));
    writeMedia(media, 'big-cheer.png', pngImage(200, 120, [219, 39, 119]));
    writeMedia(media, 'train.webm', await recordWebm(browser));
    service = await startTwitchTestApp({ EVENTSUB_EVENTS: EVENTS.join(','), MEDIA_DIR: media });
    await eventually(async () => {
      const health = (await (await fetch(`${service.baseUrl}/api/health`)).json()) as {
        eventsub?: { subscriptions?: { status: string }[] };
      };
      const subscriptions = health.eventsub?.subscriptions ?? [];
      return (
        subscriptions.length === EVENTS.length && subscriptions.every((s) => s.status === 'enabled')
      );
    }, 'every subscription enabled');
  }, BROWSER_TEST_TIMEOUT);

  afterEach(async () => {
    for (const box of boxes.splice(0)) await box.close();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it(
    'shows a channel points redemption: the reward, the viewer, what they typed, and its image',
    async () => {
      const box = await openAlertBox('duration=30&image.redemption=reward.png');
      service.simulator.trigger('channel.channel_points_custom_reward_redemption.add', {
        user: 'PixelPanda',
        reward: 'Pick the next song',
        input: 'the boss theme, please',
      });
      const notice = await shown(box, 'channel.channel_points_custom_reward_redemption.add');
      expect(notice.text).toBe('PixelPanda redeemed Pick the next song!');
      const alert = box.page.locator(`.alert[data-event-id="${notice.id}"]`);
      await expect(alert.locator('.alert__title').textContent()).resolves.toBe('Channel points');
      await expect(alert.locator('.alert__message').textContent()).resolves.toBe(
        'the boss theme, please',
      );
      await eventually(() => imageShown(box, notice.id), 'the reward image loaded');
      await screenshot(box.page, 'alerts-redemption');
      expect(box.test.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows a hype train starting, with a WebM from the media folder playing',
    async () => {
      const box = await openAlertBox('duration=30&image.hypetrain=train.webm');
      service.simulator.trigger('channel.hype_train.begin', { user: 'bob', bits: 500 });
      const notice = await shown(box, 'channel.hype_train.begin');
      expect(notice.text).toBe('The hype train has left the station!');
      const video = box.page.locator(`.alert[data-event-id="${notice.id}"] video.alert__media`);
      await eventually(
        () =>
          video.evaluate(
            (v: HTMLVideoElement) => v.readyState >= 2 && v.videoWidth === 320 && !v.paused,
          ),
        'the WebM playing',
      );
      await screenshot(box.page, 'alerts-hype-train-start');
      // The progress that came with the begin is no new level: no second alert.
      expect(box.phase('skipped').map((n) => n.reason)).toContain(
        'hype train progress, no new level',
      );
      expect(box.test.errors).toEqual([]);
      service.simulator.trigger('channel.hype_train.end');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows a hype train level-up once per new level, with an image given as a URL',
    async () => {
      const box = await openAlertBox(
        `duration=0.5&gap=0&image.hypetrain-level=${encodeURIComponent(`${service.baseUrl}/media/level.png`)}`,
      );
      service.simulator.trigger('channel.hype_train.begin', { user: 'ann', bits: 100 });
      await shown(box, 'channel.hype_train.begin');
      service.simulator.trigger('channel.hype_train.progress', { user: 'cid', bits: 100 }); // level 1
      service.simulator.trigger('channel.hype_train.progress', { user: 'dee', bits: 900 }); // level 2
      service.simulator.trigger('channel.hype_train.progress', { user: 'eve', bits: 100 }); // level 2
      const notice = await shown(box, 'channel.hype_train.progress');
      expect(notice.text).toBe('Hype train level 2!');
      await eventually(() => imageShown(box, notice.id), 'the level image loaded');
      await screenshot(box.page, 'alerts-hype-train-level');
      service.simulator.trigger('channel.hype_train.end');
      await eventually(
        () => box.phase('end').some((n) => n.id === notice.id),
        'the level-up alert to end',
      );
      expect(
        box.phase('start').filter((n) => n.event === 'channel.hype_train.progress'),
      ).toHaveLength(1);
      expect(box.test.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'plays a variation by amount: its own title, text and image from its minimum up',
    async () => {
      const query = new URLSearchParams({
        duration: '0.6',
        gap: '0',
        'variant.cheer.1000.title': 'Big cheer!',
        'variant.cheer.1000.image': 'big-cheer.png',
        'variant.cheer.5000.text': '{name} made it rain {bits} bits!',
        'variant.raid.50.title': 'Huge raid',
        'variant.gift.10.text': '{name} dropped {gifts}!',
      });
      // Five alerts in a row: without enter and leave animations, 0.8 s each sooner.
      const box = await openAlertBox(`${query.toString()}&animation=none`);
      service.simulator.trigger('channel.cheer', { user: 'small', bits: 100 });
      service.simulator.trigger('channel.cheer', { user: 'large', bits: 1500 });
      service.simulator.trigger('channel.cheer', { user: 'huge', bits: 6000 });
      service.simulator.trigger('channel.raid', { user: 'friendly_streamer', viewers: 60 });
      service.simulator.trigger('channel.subscription.gift', { user: 'santa', total: 10 });
      await eventually(() => box.phase('end').length >= 5, 'five alerts played');
      const cheers = box.phase('start').filter((n) => n.event === 'channel.cheer');
      expect(cheers.map((n) => n.text)).toEqual([
        'small cheered 100 bits!',
        'large cheered 1,500 bits!',
        'huge made it rain 6,000 bits!',
      ]);
      expect(box.phase('start').find((n) => n.event === 'channel.subscription.gift')?.text).toBe(
        'santa dropped 10 subs!',
      );

      // The 1 000 variation, on screen: its title and image.
      const box2 = await openAlertBox(`${query.toString().replace('duration=0.6', 'duration=30')}`);
      service.simulator.trigger('channel.cheer', { user: 'large', bits: 2500 });
      const notice = await shown(box2, 'channel.cheer');
      const alert = box2.page.locator(`.alert[data-event-id="${notice.id}"]`);
      await expect(alert.getAttribute('data-variant')).resolves.toBe('1000');
      await expect(alert.locator('.alert__title').textContent()).resolves.toBe('Big cheer!');
      await eventually(() => imageShown(box2, notice.id), 'the variation image loaded');
      await screenshot(box2.page, 'alerts-cheer-variation');
      expect([...box.test.errors, ...box2.test.errors]).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'never stalls on an image or sound that fails: the alerts play without them',
    async () => {
      const box = await openAlertBox(
        'duration=0.4&gap=0&animation=none&image.follow=missing.png&sound.follow=missing.mp3&image.cheer=../../etc/passwd.png',
      );
      service.simulator.trigger('channel.follow', { user: 'first' });
      service.simulator.trigger('channel.follow', { user: 'second' });
      service.simulator.trigger('channel.cheer', { user: 'third', bits: 10 });
      await eventually(() => box.phase('end').length >= 3, 'three alerts played to the end');
      expect(box.phase('start').map((n) => n.text)).toEqual([
        'first just followed!',
        'second just followed!',
        'third cheered 10 bits!',
      ]);
      // Only the missing files' 404s, nothing thrown.
      expect(box.test.errors.length).toBeGreaterThan(0);
      expect(box.test.errors.every((error) => LOAD_FAILURE.test(error))).toBe(true);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'warns about unknown options and a file name that leaves the media folder, and plays on',
    async () => {
      const box = await openAlertBox(
        'duraton=5&colour=red&variant.cheer.lots.title=x&image.cheer=../secret.png&duration=0.3',
      );
      const warnings: string[] = [];
      box.page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await box.load();
      service.simulator.trigger('channel.cheer', { user: 'fine', bits: 5 });
      const notice = await shown(box, 'channel.cheer');
      expect(notice.text).toBe('fine cheered 5 bits!');
      await expect(box.page.locator('.alert__media').count()).resolves.toBe(0);
      for (const name of ['duraton', 'colour', 'variant.cheer.lots.title']) {
        expect(warnings).toContainEqual(expect.stringContaining(`no option "${name}"`));
      }
      expect(warnings).toContainEqual(expect.stringContaining('image.cheer=../secret.png'));
      expect(box.test.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows sensible text when Twitch left fields out: no name, no input, no reward',
    async () => {
      const box = await openAlertBox('duration=30');
      const bus = service.app.get(EventBus);
      const { id } = bus.publish({
        type: 'event',
        event: 'channel.channel_points_custom_reward_redemption.add',
        // Fields left out altogether (the contract's schemas keep what is there honest; the
        // widget's handling of nulls is in event-text.spec.ts).
        data: { broadcaster_user_name: 'Streamer' },
        sentAt: new Date().toISOString(),
      });
      const notice = await box.waitFor('start', id);
      expect(notice.text).toBe('Someone redeemed a reward!');
      const alert = box.page.locator(`.alert[data-event-id="${id}"]`);
      await box.page.waitForSelector(`.alert[data-event-id="${id}"]:not(.is-entering)`);
      const text = await alert.textContent();
      expect(text).not.toMatch(/undefined|null|NaN/);
      await expect(alert.locator('.alert__message').count()).resolves.toBe(0);
      await screenshot(box.page, 'alerts-redemption-missing-fields');
      expect(box.test.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'builds an alert box URL with a media file and a variation, and previews it live',
    async () => {
      const { page, context, errors } = await openPage(browser, { width: 1280, height: 1400 });
      try {
        await page.goto(`${service.baseUrl}/`);
        // The image fields offer the media folder's files.
        await page.waitForFunction(
          () => document.querySelectorAll('#media-files option').length === 4,
        );
        await page.fill('#builder input[name="duration"]', '30');
        await page.fill('#builder input[name="image"]', 'reward.png');
        await page.click('.builder__variants summary');
        await page.click('#add-variant');
        const row = page.locator('.builder__variant').first();
        await row.locator('select').selectOption('cheer');
        await row.locator('input[type="number"]').fill('1000');
        await row.locator('input[data-field="title"]').fill('Big cheer!');
        await row.locator('input[data-field="image"]').fill('big-cheer.png');
        const expected =
          `${service.baseUrl}/widgets/alerts?duration=30&image=reward.png` +
          '&variant.cheer.1000.title=Big+cheer%21&variant.cheer.1000.image=big-cheer.png';
        await page.waitForFunction(
          (url) => (document.getElementById('widget-url') as HTMLInputElement).value === url,
          expected,
        );
        const preview = await builderPreview(page);
        await page.waitForFunction(
          (url) =>
            document.querySelector<HTMLIFrameElement>('.builder__preview iframe')?.src === url,
          expected,
        );
        await preview.locator('body[data-connection="open"]').waitFor();
        service.simulator.trigger('channel.cheer', { user: 'previewer', bits: 1200 });
        await preview.locator('.alert[data-variant="1000"] .alert__title').waitFor();
        await expect(
          preview.locator('.alert[data-variant="1000"] .alert__title').textContent(),
        ).resolves.toBe('Big cheer!');
        await preview.locator('.alert:not(.is-entering) img.alert__media').waitFor();
        await page.locator('.card--builder').scrollIntoViewIfNeeded();
        await screenshot(page, 'dashboard-builder-variations');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});
