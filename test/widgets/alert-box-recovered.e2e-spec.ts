import type { Browser } from 'playwright-core';
import { EventBus } from '../../src/bus/event-bus.js';
import type { EventMessage, EventSubGap } from '../../src/contract/sse-contract.js';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  launchChromium,
  openPage,
  screenshot,
} from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AlertBoxPage } from './alert-box-page.js';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A gap of EventSub: each test its own, as each recovery has its own. */
let gaps = 0;
const newGap = (): EventSubGap => ({ start: minutesAgo(20 + ++gaps), end: minutesAgo(1) });

const live = (name: string): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_id: `id-${name}`, user_login: name.toLowerCase(), user_name: name },
  sentAt: new Date().toISOString(),
});

/**
 * Events as the gap recovery publishes them: EventSub's shape from what Helix told, marked
 * `recovered` with their gap, sent out now though they happened during the gap.
 */
const recovered = {
  follow: (gap: EventSubGap, name: string, sentAt: string | null = new Date().toISOString()) =>
    ({
      type: 'event',
      event: 'channel.follow',
      data: {
        user_id: `id-${name}`,
        user_login: name.toLowerCase(),
        user_name: name,
        followed_at: minutesAgo(10),
      },
      recovered: true,
      gap,
      ...(sentAt ? { sentAt } : {}),
    }) satisfies EventMessage,
  sub: (gap: EventSubGap, name: string): EventMessage => ({
    type: 'event',
    event: 'channel.subscribe',
    data: { user_name: name, user_login: name.toLowerCase(), tier: '1000', is_gift: false },
    recovered: true,
    gap,
    sentAt: new Date().toISOString(),
  }),
  cheer: (gap: EventSubGap, name: string, bits: number): EventMessage => ({
    type: 'event',
    event: 'channel.cheer',
    data: {
      is_anonymous: false,
      user_name: name,
      user_login: name.toLowerCase(),
      message: '',
      bits,
    },
    recovered: true,
    gap,
    sentAt: new Date().toISOString(),
  }),
};

describeInBrowser('the alert box and events recovered after a gap (recovered=…)', () => {
  let service: TestApp;
  let bus: EventBus;
  let browser: Browser;
  const boxes: AlertBoxPage[] = [];

  async function openAlertBox(query: string): Promise<AlertBoxPage> {
    const box = await AlertBoxPage.open(browser, service.baseUrl, query);
    boxes.push(box);
    return box;
  }

  /** Publishes a gap's recovered events, as the recovery does: one burst. */
  const publishBurst = (events: EventMessage[]) => events.map((event) => bus.publish(event).id);
  const recoveryDone = (gap: EventSubGap) =>
    bus.publish({
      type: 'status',
      data: { recovery: { ...gap, state: 'done', recovered: {}, missing: ['channel.raid'] } },
    });

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestApp(), launchChromium()]);
    bus = service.app.get(EventBus);
  }, BROWSER_TEST_TIMEOUT);

  afterEach(async () => {
    for (const box of boxes.splice(0)) {
      expect(box.test.errors).toEqual([]);
      await box.close();
    }
    bus.publish({ type: 'control', data: { action: 'resume' } });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it(
    'summary (the default): one alert for a gap’s burst, "While we were away: 3 follows, 1 sub, 500 bits", never again after a reload',
    async () => {
      const box = await openAlertBox('duration=30&gap=0');
      const gap = newGap();
      const ids = publishBurst([
        recovered.follow(gap, 'Ann'),
        recovered.cheer(gap, 'Bea', 200),
        recovered.follow(gap, 'Cid'),
        recovered.sub(gap, 'Dee'),
        recovered.cheer(gap, 'Eve', 300),
        recovered.follow(gap, 'Fay'),
      ]);
      recoveryDone(gap);

      const shown = await box.waitFor('start', ids[0]!);
      expect(shown).toMatchObject({ text: '3 follows, 1 sub, 500 bits', summaryOf: ids });
      const card = box.page.locator(`.alert[data-event-id="${ids[0]}"]`);
      await expect(card.locator('.alert__title').textContent()).resolves.toBe('While we were away');
      await expect(card.locator('.alert__text').textContent()).resolves.toBe(
        '3 follows, 1 sub, 500 bits',
      );
      await box.page.waitForSelector('.alert:not(.is-entering)');
      await screenshot(box.page, 'alerts-recovered-summary');
      expect(box.phase('start')).toHaveLength(1);
      expect(box.phase('skipped')).toEqual([]);

      // The summary was on screen: a reload does not show it (or any of its events) again.
      await box.page.reload();
      await box.connected();
      const after = bus.publish(live('AfterReload')).id;
      await box.waitFor('start', after);
      expect(box.phase('start').map((notice) => notice.id)).toEqual([ids[0], after]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'summary: a burst ends when the next ordinary alert comes, or after a quiet moment; each gap gets its own',
    async () => {
      const box = await openAlertBox('duration=0.3&gap=0');
      const [first, second] = [newGap(), newGap()];
      const firstIds = publishBurst([
        recovered.follow(first, 'Gil'),
        recovered.follow(first, 'Hal'),
      ]);
      const secondIds = publishBurst([recovered.cheer(second, 'Ida', 1000)]);
      const liveId = bus.publish(live('LiveOne')).id;
      // No "done" for these gaps: the next gap, the live follow and a quiet moment end them.
      const lateIds = publishBurst([recovered.sub(second, 'Jo'), recovered.sub(second, 'Kit')]);

      await box.waitFor('end', lateIds[0]!);
      expect(box.phase('start').map((n) => [n.id, n.text])).toEqual([
        [firstIds[0], '2 follows'],
        [secondIds[0], '1,000 bits'],
        [liveId, 'LiveOne just followed!'],
        [lateIds[0], '2 subs'],
      ]);
      expect(box.phase('start')[3]?.summaryOf).toEqual(lateIds);
      expect(box.mostOnScreen).toBe(1);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'summary: a box reloaded while the summary waited (paused) shows it once, with every event',
    async () => {
      const box = await openAlertBox('duration=0.3&gap=0');
      await fetch(`${service.baseUrl}/api/admin/alerts/pause`, { method: 'POST' });
      await box.page.waitForSelector('body[data-paused="true"]');
      const gap = newGap();
      const ids = publishBurst([recovered.follow(gap, 'Lu'), recovered.sub(gap, 'Mo')]);
      recoveryDone(gap);
      await box.page.waitForSelector('body[data-waiting="1"]');

      await box.load();
      await box.page.waitForSelector('body[data-paused="true"][data-waiting="1"]');
      await fetch(`${service.baseUrl}/api/admin/alerts/resume`, { method: 'POST' });
      const shown = await box.waitFor('end', ids[0]!);
      expect(shown).toMatchObject({ text: '1 follow, 1 sub', summaryOf: ids });
      expect(box.phase('start')).toHaveLength(1);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'play: each recovered event plays as its own alert, even one that happened long before maxAge',
    async () => {
      const box = await openAlertBox('recovered=play&duration=0.2&gap=0&maxAge=60');
      const gap = newGap();
      const ids = publishBurst([
        // No sentAt: its followed_at is 10 minutes old, but it was recovered just now.
        recovered.follow(gap, 'Ned', null),
        recovered.cheer(gap, 'Ola', 50),
      ]);
      await box.waitFor('end', ids[1]!);
      expect(box.phase('start').map((n) => [n.id, n.text, n.summaryOf])).toEqual([
        [ids[0], 'Ned just followed!', undefined],
        [ids[1], 'Ola cheered 50 bits!', undefined],
      ]);
      expect(box.phase('skipped')).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'skip: recovered events show nothing; live ones still play',
    async () => {
      const box = await openAlertBox('recovered=skip&duration=0.2&gap=0');
      const gap = newGap();
      const ids = publishBurst([recovered.follow(gap, 'Pia'), recovered.sub(gap, 'Quin')]);
      recoveryDone(gap);
      const after = bus.publish(live('StillLive')).id;
      await box.waitFor('end', after);
      expect(box.phase('start').map((n) => n.id)).toEqual([after]);
      expect(box.phase('skipped').map((n) => [n.id, n.reason])).toEqual(
        ids.map((id) => [id, 'recovered (recovered=skip)']),
      );
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'offers the option in the dashboard’s URL builder, labelled for a streamer',
    async () => {
      const test = await openPage(browser, { width: 1440, height: 1100 });
      try {
        await test.page.goto(`${service.baseUrl}/`);
        const field = test.page.locator(
          '#builder label.field:has(> span:text-is("Missed while away"))',
        );
        await field.locator('select').selectOption('skip');
        await eventually(
          async () =>
            (await test.page.inputValue('#widget-url')) ===
            `${service.baseUrl}/widgets/alerts?recovered=skip`,
          'the URL with recovered=skip',
        );
        await expect(field.getAttribute('title')).resolves.toMatch(/^Events recovered after/);
        expect(test.errors).toEqual([]);
      } finally {
        await test.context.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});
