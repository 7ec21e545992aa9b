import type { Browser, Page } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import {
  TWITCH_EVENT_TYPES,
  type EventMessage,
  type StreamMessage,
  type SubathonData,
} from '../../src/contract/sse-contract.js';
import {
  BROWSER_TEST_TIMEOUT,
  closePages,
  describeInBrowser,
  launchChromium,
  openPage,
  screenshot,
  type PageKind,
  type TestPage,
} from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { builderPreview } from '../support/widget-browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ALERT_EVENT_TYPES } from '../../src/widgets/public/lib/event-text.js';
import { AlertBoxPage } from './alert-box-page.js';

const follow = (name: string): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_id: '1', user_login: name.toLowerCase(), user_name: name },
  sentAt: new Date().toISOString(),
});

const connectedEventSub: StreamMessage = {
  type: 'status',
  data: {
    eventsub: {
      state: 'connected',
      sessionId: 'session-1',
      lastMessageAt: new Date().toISOString(),
      subscriptions: TWITCH_EVENT_TYPES.map((type) => ({ type, status: 'enabled' })),
    },
  },
};

/** A page that may read and write the clipboard (the URL builder's copy button). */
const CLIPBOARD_PAGE: PageKind = {
  name: 'clipboard',
  prepare: (_page, context) => context.grantPermissions(['clipboard-read', 'clipboard-write']),
};

describeInBrowser('the dashboard (/) in Chromium', () => {
  let service: TestApp;
  let bus: EventBus;
  let browser: Browser;
  const pages: TestPage[] = [];
  const boxes: AlertBoxPage[] = [];

  /** Opens the dashboard of `baseUrl` and waits until its stream is open. */
  async function openDashboard(baseUrl = service.baseUrl): Promise<Page> {
    const test = await openPage(browser, { width: 1440, height: 1100 }, CLIPBOARD_PAGE);
    pages.push(test);
    await test.page.goto(`${baseUrl}/`);
    await test.page.waitForSelector('#connection.pill--good');
    return test.page;
  }

  async function openAlertBox(query: string): Promise<AlertBoxPage> {
    const box = await AlertBoxPage.open(browser, service.baseUrl, query);
    boxes.push(box);
    return box;
  }

  /** The feed's rows, newest first, as "type: text". */
  const feedRows = (page: Page) =>
    page.$$eval('#feed .feed__item', (items) =>
      items.map(
        (item) =>
          `${item.querySelector('.feed__type')?.textContent}: ${item.querySelector('.feed__text')?.textContent}`,
      ),
    );

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestApp(), launchChromium()]);
    bus = service.app.get(EventBus);
  }, BROWSER_TEST_TIMEOUT);

  afterEach(async () => {
    await closePages([...pages.splice(0), ...boxes.splice(0).map((box) => box.test)]);
    bus.publish({ type: 'control', data: { action: 'resume' } });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it(
    'shows live state, numbers, EventSub and poll status, and the recent events, buffered then live',
    async () => {
      bus.publish({
        type: 'stats',
        data: {
          live: true,
          viewers: 321,
          followers: 4567,
          subs: 89,
          title: 'Speedrun',
          game: 'Celeste',
        },
      });
      bus.publish(connectedEventSub);
      bus.publish({
        type: 'status',
        data: { poll: { ok: true, lastPollAt: new Date().toISOString(), nextPollAt: null } },
      });
      bus.publish(follow('Earlier'));
      bus.publish({
        type: 'event',
        event: 'channel.cheer',
        data: { user_name: 'Cheery', bits: 500, is_anonymous: false },
        test: true,
      });

      const page = await openDashboard();
      await page.waitForSelector('#live[data-live="true"]');
      await expect(page.textContent('#followers')).resolves.toBe('4,567');
      await expect(page.textContent('#stream-info')).resolves.toBe('Speedrun · Celeste');
      await page.waitForSelector('#eventsub-status.status--good');
      await expect(page.textContent('#eventsub-status')).resolves.toMatch(/^EventSubconnected/);
      await expect(page.textContent('#poll-status')).resolves.toMatch(/^Stats pollok/);
      await page.waitForFunction(() => document.querySelectorAll('#feed .feed__item').length >= 2);

      bus.publish(follow('LiveOne'));
      await page.waitForSelector('#followers:text("4,568")');
      const rows = await feedRows(page);
      expect(rows.slice(0, 3)).toEqual([
        'Follow: LiveOne just followed!',
        'Cheer: Cheery cheered 500 bits!',
        'Follow: Earlier just followed!',
      ]);
      await expect(
        page.locator('#feed .feed__item').nth(1).locator('.badge').textContent(),
      ).resolves.toBe('test');
      await screenshot(page, 'dashboard');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'says "unauthorized — sign in" and how, when Twitch refuses the sign-in',
    async () => {
      const page = await openDashboard();
      bus.publish({
        type: 'status',
        data: {
          eventsub: {
            state: 'unauthorized',
            detail: 'The Twitch token was revoked.',
          },
        },
      });
      await page.waitForSelector('#eventsub-status.status--bad');
      await expect(page.textContent('#eventsub-status')).resolves.toContain(
        'unauthorized — sign in',
      );
      await expect(page.textContent('#sign-in')).resolves.toContain(
        'The Twitch token was revoked.',
      );
      await expect(page.textContent('#sign-in')).resolves.toContain('npm run auth');
      await screenshot(page, 'dashboard-unauthorized');
      bus.publish(connectedEventSub);
      await page.waitForSelector('#sign-in', { state: 'hidden' });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'shows what a gap recovery found and what may be missing, and an event log that cannot write',
    async () => {
      const page = await openDashboard();
      bus.publish({
        type: 'status',
        data: {
          recovery: {
            start: '2026-12-01T15:00:00Z',
            end: '2026-12-01T15:00:20Z',
            state: 'done',
            recovered: { 'channel.follow': 3, 'channel.subscribe': 1 },
            missing: ['channel.raid'],
          },
        },
      });
      bus.publish({
        type: 'status',
        data: {
          eventLog: { state: 'memory-only', detail: 'Cannot write the event log (disk full)' },
        },
      });
      await page.waitForSelector('#recovery-status.status--warn');
      await expect(page.textContent('#recovery-status')).resolves.toMatch(
        /recovered 3 follows, 1 sub — may be missing: channel\.raid/,
      );
      await page.waitForSelector('#event-log-status.status--bad');
      await expect(page.textContent('#event-log-status')).resolves.toContain('disk full');
      await screenshot(page, 'dashboard-recovery');
      bus.publish({ type: 'status', data: { eventLog: { state: 'ok' } } });
      await page.waitForSelector('#event-log-status', { state: 'hidden' });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'makes every alert kind’s test button play its alert in an open alert box',
    async () => {
      // No enter and leave animations: ten alerts in a row would take 0.8 s each longer.
      const box = await openAlertBox(
        `duration=0.2&gap=0&animation=none&events=${ALERT_EVENT_TYPES.join(',')}`,
      );
      const page = await openDashboard();
      for (const event of ALERT_EVENT_TYPES) {
        const before = box.phase('start').length;
        await page.click(`#test-buttons button[data-event="${event}"]`);
        await eventually(() => box.phase('start').length > before, `an alert for ${event}`);
      }
      await eventually(
        () => box.phase('end').length === ALERT_EVENT_TYPES.length,
        'all alerts to end',
      );
      expect(box.phase('start').map((notice) => notice.event)).toEqual([...ALERT_EVENT_TYPES]);
      expect(box.phase('start')[0]?.text).toMatch(/^\w+ just followed!$/);
      // The test hype train's progress is its next level.
      const hypeTrain = box.phase('start').find((n) => n.event === 'channel.hype_train.progress');
      expect(hypeTrain?.text).toBe('Hype train level 2!');
      // The feed lists them too, marked as tests.
      await page.waitForFunction(
        (count) => document.querySelectorAll('#feed .badge--test').length >= count,
        ALERT_EVENT_TYPES.length,
      );
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'pauses, resumes and skips the alert box',
    async () => {
      const box = await openAlertBox('duration=60&gap=0');
      const page = await openDashboard();

      await page.click('#pause');
      await box.page.waitForSelector('body[data-paused="true"]');
      await page.waitForSelector('#pause:text("Resume alerts")');
      await page.click('#test-buttons button[data-event="channel.follow"]');
      await box.page.waitForSelector('body[data-waiting="1"]');
      expect(box.phase('start')).toEqual([]);

      await page.click('#pause');
      const [shown] = await new Promise<typeof box.notices>((resolve) => {
        void eventually(() => box.phase('start').length === 1, 'the held alert').then(() =>
          resolve(box.phase('start')),
        );
      });
      await page.click('#skip');
      await box.waitFor('end', shown!.id);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'replays an event from the feed in the alert box',
    async () => {
      const original = bus.publish(follow('ReplayMe')).id;
      const box = await openAlertBox('duration=0.2&gap=0');
      const page = await openDashboard();
      await page.click(`#feed .feed__item[data-id="${original}"] .feed__replay`);
      await eventually(() => box.phase('end').length === 1, 'the replayed alert');
      expect(box.phase('start').map((notice) => notice.text)).toEqual(['ReplayMe just followed!']);
      expect(box.phase('start')[0]?.id).toBeGreaterThan(original);
      await page.waitForSelector('#feed .feed__item .badge--replay');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'builds a widget URL with a live preview and copies it',
    async () => {
      bus.publish({ type: 'stats', data: { live: true, viewers: 10, followers: 95, subs: 3 } });
      const page = await openDashboard();
      await page.check('input[name="widget"][value="goal"]');
      await page.fill('#builder input[name="target"]', '120');
      await page.fill('#builder input[name="label"]', 'Road to 120');
      const expected = `${service.baseUrl}/widgets/goal?target=120&label=Road+to+120`;
      await page.waitForFunction(
        (url) => (document.getElementById('widget-url') as HTMLInputElement).value === url,
        expected,
      );
      const preview = await builderPreview(page);
      await preview.locator('#goal[data-target="120"][data-value="95"]').waitFor();
      await page.click('#copy-url');
      await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(expected);
      await page.locator('.card--builder').scrollIntoViewIfNeeded();
      await screenshot(page, 'dashboard-builder');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'builds the URL of every widget, each with a live preview',
    async () => {
      const page = await openDashboard();
      const preview = await builderPreview(page);
      const url = () => page.inputValue('#widget-url');

      await page.check('input[name="widget"][value="label"]');
      await page.selectOption(
        '#builder label.field--choice:has-text("Show") select',
        'top-cheerer',
      );
      await page.waitForFunction(() =>
        (document.getElementById('widget-url') as HTMLInputElement).value.endsWith(
          '/widgets/label?show=top-cheerer',
        ),
      );
      // The preview reloads a moment after the last change.
      await preview
        .locator('#label[data-ready="true"]', { hasText: 'Top cheerer: none yet this stream' })
        .waitFor();
      expect(await page.textContent('.card--builder')).toContain('800 × 60');

      await page.check('input[name="widget"][value="events"]');
      await page.fill('#builder input[name="limit"]', '3');
      await page.waitForFunction(() =>
        (document.getElementById('widget-url') as HTMLInputElement).value.endsWith(
          '/widgets/events?limit=3',
        ),
      );
      bus.publish(follow('PreviewFollower'));
      await preview
        .locator('.event-list__row', { hasText: 'PreviewFollower followed' })
        .first()
        .waitFor();

      await page.check('input[name="widget"][value="subathon"]');
      await page.fill('#builder input[name="label"]', 'Subathon');
      await page.waitForFunction(() =>
        (document.getElementById('widget-url') as HTMLInputElement).value.endsWith(
          '/widgets/subathon?label=Subathon',
        ),
      );
      // The preview reloads a moment after the last keystroke.
      await preview.locator('.subathon__label', { hasText: 'Subathon' }).waitFor();
      await preview.locator('#subathon[data-state="idle"]').waitFor();
      expect(await url()).toBe(`${service.baseUrl}/widgets/subathon?label=Subathon`);
      await page.locator('.card--builder').scrollIntoViewIfNeeded();
      await screenshot(page, 'dashboard-builder-subathon');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'runs the subathon timer: start, add and take away minutes, pause, settings, reset; refuses bad input',
    async () => {
      const page = await openDashboard();
      const timer = async () =>
        (await (await fetch(`${service.baseUrl}/api/subathon`)).json()) as SubathonData;
      await page.waitForSelector('#subathon-toggle:text("Start")');
      await expect(page.textContent('#subathon-time')).resolves.toBe('1:00:00');

      await page.click('#subathon-toggle');
      await page.waitForSelector('#subathon-toggle:text("Pause")');
      await page.fill('#subathon-minutes', '5');
      await page.click('#subathon-add');
      await eventually(async () => (await timer()).remainingMs > 64 * 60_000, '5 minutes added');
      await page.click('#subathon-toggle');
      await page.waitForSelector('#subathon-toggle:text("Resume")');
      const paused = await timer();
      expect(paused.state).toBe('paused');
      await page.fill('#subathon-minutes', '2');
      await page.click('#subathon-remove');
      await eventually(
        async () => (await timer()).remainingMs === paused.remainingMs - 120_000,
        '2 minutes taken away',
      );
      await page.waitForFunction(
        (text) => document.getElementById('subathon-time')?.textContent === text,
        formatted(Math.ceil((paused.remainingMs - 120_000) / 1000)),
      );

      // Bad input: the service's message shows, and nothing changes.
      await page.fill('#subathon-minutes', '-3');
      await page.click('#subathon-add');
      await page.waitForSelector('#notice.notice--bad');
      await expect(page.textContent('#notice')).resolves.toMatch(
        /"seconds" must be a number from 1/,
      );
      expect((await timer()).remainingMs).toBe(paused.remainingMs - 120_000);
      // The browser reports the refused request as a console error; nothing else may show.
      const test = pages.at(-1)!;
      expect(test.errors).toEqual([expect.stringContaining('400 (Bad Request)')]);
      test.errors.length = 0;

      await page.click('.subathon-panel__settings summary');
      await page.fill('#subathon-settings input[name="tier1Seconds"]', '90');
      await page.fill('#subathon-settings input[name="capHours"]', '2');
      await page.click('#subathon-settings button[type="submit"]');
      await eventually(
        async () => (await timer()).settings.capSeconds === 7200,
        'the settings saved',
      );
      expect((await timer()).settings).toMatchObject({ tier1Seconds: 90, capSeconds: 7200 });
      await page.waitForSelector('#subathon-info:has-text("cap 2:00:00 in all")');
      await page.locator('#subathon-heading').scrollIntoViewIfNeeded();
      await screenshot(page, 'dashboard-subathon');

      page.once('dialog', (dialog) => void dialog.accept());
      await page.click('#subathon-reset');
      await page.waitForSelector('#subathon-toggle:text("Start")');
      expect(await timer()).toMatchObject({ state: 'idle', remainingMs: 3_600_000, elapsedMs: 0 });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'asks once for ADMIN_TOKEN when the service has one, and again only if it is refused',
    async () => {
      const guarded = await startTestApp({ ADMIN_TOKEN: 'correct-horse-battery' });
      try {
        const guardedBus = guarded.app.get(EventBus);
        const page = await openDashboard(guarded.baseUrl);
        const follows = () =>
          guardedBus.recentEvents(100).filter((p) => p.message.type === 'event').length;

        await page.click('#test-buttons button[data-event="channel.follow"]');
        await page.waitForSelector('#token-dialog[open]');
        await page.fill('#token-input', 'wrong');
        await page.click('#token-dialog button[value="save"]');
        // Refused: asked again, saying so.
        await page.waitForSelector('#token-dialog[open] #token-error:not([hidden])');
        await page.fill('#token-input', 'correct-horse-battery');
        await page.click('#token-dialog button[value="save"]');
        await eventually(() => follows() === 1, 'the test follow');

        await page.click('#test-buttons button[data-event="channel.follow"]');
        await eventually(() => follows() === 2, 'the second test follow');
        expect(await page.locator('#token-dialog[open]').count()).toBe(0);
        // The browser reports the refused request as a console error; nothing else may show.
        const test = pages.at(-1)!;
        expect(test.errors.every((e) => e.includes('401'))).toBe(true);
        test.errors.length = 0;
      } finally {
        await guarded.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});

/** "1:02:03" for 3723 seconds. */
function formatted(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
