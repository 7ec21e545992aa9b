import type { Page } from 'playwright-core';
import type { EventMessage, SubathonData } from '../../src/contract/sse-contract.js';
import { TwitchEventIngest } from '../../src/eventsub/twitch-event-ingest.js';
import { GapRecovery } from '../../src/recovery/gap-recovery.js';
import type { SubathonActionResponse } from '../../src/subathon/subathon-api.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { eventSubReceiving, untilEventSubReceiving } from '../support/eventsub-health.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';

const TIMER_SIZE = { width: 600, height: 160 };

/**
 * The subathon timer: the service holds it, events from the simulator (through EventSub) and the
 * dashboard's admin routes add time, and every copy of the widget shows the same time.
 */
describeInBrowser('the subathon timer in Chromium, fed by the simulator', () => {
  const harness = widgetBrowser(startTwitchTestApp, async (service) => {
    await untilEventSubReceiving(service);
    // The first look at Helix is a baseline for gap recovery: nothing before it counts as missed.
    await service.app.get(GapRecovery).settled();
  });

  async function openTimer(query = ''): Promise<Page> {
    return harness.open(
      `/widgets/subathon${query ? `?${query}` : ''}`,
      TIMER_SIZE,
      '#subathon:not([data-state="unknown"])',
    );
  }

  const admin = async (action: string, body?: unknown) => {
    const response = await fetch(`${harness.service.baseUrl}/api/admin/subathon/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body ?? {}),
    });
    return { status: response.status, body: (await response.json()) as SubathonActionResponse };
  };
  const timer = async () =>
    (await (await fetch(`${harness.service.baseUrl}/api/subathon`)).json()) as SubathonData;
  /** The time the widget shows, in seconds. */
  const shownSeconds = async (page: Page) =>
    Number(await page.getAttribute('#subathon', 'data-remaining-seconds'));
  const waitForShown = (page: Page, seconds: number) =>
    page.waitForSelector(`#subathon[data-remaining-seconds="${seconds}"]`);

  it(
    'shows the start time, counts down once started, and adds per sub tier, gift, 100 bits and follow',
    async () => {
      await admin('settings', {
        startSeconds: 3600,
        tier1Seconds: 60,
        tier2Seconds: 120,
        giftedSubSeconds: 30,
        per100BitsSeconds: 12,
        followSeconds: 5,
      });
      const page = await openTimer('label=Subathon');
      await expect(page.textContent('.subathon__time')).resolves.toBe('1:00:00');
      expect(await page.getAttribute('#subathon', 'data-state')).toBe('idle');
      // Before the start, events add nothing.
      harness.service.simulator.trigger('channel.subscribe', { user: 'too_early' });

      expect((await admin('resume')).status).toBe(200);
      await page.waitForSelector('#subathon[data-state="running"]');
      // Paused, events still add time, and the time shown is the service's exactly.
      expect((await admin('pause')).status).toBe(200);
      await page.waitForSelector('#subathon[data-state="paused"]');
      const start = (await timer()).remainingMs;
      expect(start).toBeLessThanOrEqual(3_600_000);

      harness.service.simulator.trigger('channel.subscribe', { user: 'tier_one' }); // +60
      harness.service.simulator.trigger('channel.subscribe', { user: 'tier_two', tier: 2 }); // +120
      harness.service.simulator.trigger('channel.subscription.gift', { user: 'santa', total: 4 }); // +4 × 30
      harness.service.simulator.trigger('channel.cheer', { user: 'cheery', bits: 250 }); // +30
      harness.service.simulator.trigger('channel.follow', { user: 'follower' }); // +5
      harness.service.simulator.trigger('channel.raid', { user: 'raider', viewers: 9 }); // +0
      const expected = start + (60 + 120 + 120 + 30 + 5) * 1000;
      await eventually(async () => (await timer()).remainingMs === expected, 'the time added');
      await waitForShown(page, Math.ceil(expected / 1000));
      await expect(page.textContent('.subathon__time')).resolves.toBe(
        formatted(Math.ceil(expected / 1000)),
      );
      await expect(page.isVisible('.subathon__badge')).resolves.toBe(true);
      await screenshot(page, 'subathon-paused');

      // A reload and a second copy show the same time.
      await page.reload();
      await waitForShown(page, Math.ceil(expected / 1000));
      const copy = await openTimer();
      await waitForShown(copy, Math.ceil(expected / 1000));
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'runs down in every copy alike, and shows "+1:00" when time is added',
    async () => {
      await admin('resume');
      const first = await openTimer();
      const second = await openTimer();
      await first.waitForSelector('#subathon[data-state="running"]');
      // Both copies and the service agree to the second (a copy may be one redraw behind).
      const { endsAt } = await timer();
      for (const page of [first, second]) {
        const expected = Math.ceil((Date.parse(endsAt!) - Date.now()) / 1000);
        expect(Math.abs((await shownSeconds(page)) - expected)).toBeLessThanOrEqual(1);
      }
      const before = await shownSeconds(first);
      const { body } = await admin('add', { seconds: 60 });
      expect(body.change).toEqual({ requestedMs: 60_000, addedMs: 60_000, cappedMs: 0 });
      await first.waitForSelector('.subathon__added.is-shown');
      await expect(first.textContent('.subathon__added')).resolves.toBe('+1:00');
      await eventually(
        async () => (await shownSeconds(first)) >= before + 55,
        'the minute added on screen',
      );
      await screenshot(first, 'subathon-running');
      await admin('pause');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'an add from the dashboard and subs from Twitch at the same moment all count',
    async () => {
      const client = await SseTestClient.connect(
        `${harness.service.baseUrl}/api/twitch/stream?types=event`,
      );
      try {
        const before = (await timer()).remainingMs;
        const adds = Array.from({ length: 10 }, () => admin('add', { seconds: 7 }));
        for (let i = 0; i < 10; i++) {
          harness.service.simulator.trigger('channel.subscribe', { user: `racer_${i}` });
        }
        const answers = await Promise.all(adds);
        expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
        await client.waitFor(() => client.messages.length >= 10, 15_000, 'the ten subs');
        await eventually(
          async () => (await timer()).remainingMs === before + 10 * 7_000 + 10 * 60_000,
          'every add counted',
        );
      } finally {
        await client.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'refuses bad input, saying what to send, and changes nothing',
    async () => {
      const before = await timer();
      const refused: Array<[string, unknown, RegExp]> = [
        ['add', { seconds: -5 }, /"seconds" must be a number from 1 to 31622400.*got -5/],
        ['add', { seconds: 'ten' }, /"seconds" must be a number.*got "ten"/],
        ['add', '{"seconds": 1e999}', /"seconds" must be a number from 1 to 31622400/],
        ['add', {}, /"seconds" must be/],
        ['remove', { seconds: 0 }, /"seconds" must be a number from 1/],
        ['settings', { capSeconds: -1 }, /"capSeconds", when given, must be a number from 1/],
        ['settings', { tier1Seconds: null }, /"tier1Seconds", when given, must be a number/],
        ['settings', { tier1seconds: 5 }, /"tier1seconds" is not a subathon setting/],
        ['settings', {}, /Send at least one setting/],
      ];
      for (const [action, body, message] of refused) {
        const response = await fetch(`${harness.service.baseUrl}/api/admin/subathon/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        const answer = (await response.json()) as { message: string };
        expect({ action, body, status: response.status, message: answer.message }).toEqual({
          action,
          body,
          status: 400,
          message: expect.stringMatching(message),
        });
      }
      const after = await timer();
      expect({ ...after, at: null }).toEqual({ ...before, at: null });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'never goes past the cap: an add is cut to fit, and the widget says it ended at zero',
    async () => {
      await admin('reset');
      await admin('settings', { startSeconds: 5, capSeconds: 8 });
      const page = await openTimer('ended=Thanks%20for%20watching!');
      await waitForShown(page, 5);
      const { body } = await admin('add', { seconds: 60 });
      expect(body.change).toEqual({ requestedMs: 60_000, addedMs: 3_000, cappedMs: 57_000 });
      expect(body.subathon).toMatchObject({ remainingMs: 8_000, capped: true });
      await admin('resume');
      await page.waitForSelector('#subathon[data-state="ended"]', { timeout: 30_000 });
      await expect(page.textContent('.subathon__time')).resolves.toBe('Thanks for watching!');
      await eventually(async () => (await timer()).state === 'ended', 'the service: ended');
      expect((await admin('resume')).status).toBe(409);
      await screenshot(page, 'subathon-ended');
      await admin('settings', { capSeconds: null, startSeconds: 3600 });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'events recovered after an EventSub gap add their time once',
    async () => {
      await admin('reset');
      await admin('settings', { tier1Seconds: 60, per100BitsSeconds: 12, followSeconds: 0 });
      await admin('resume');
      await admin('pause');
      const before = (await timer()).remainingMs;
      const client = await SseTestClient.connect(
        `${harness.service.baseUrl}/api/twitch/stream?types=event,status`,
      );
      try {
        harness.service.simulator.startOutage(120);
        await eventually(
          async () => !(await eventSubReceiving(harness.service)),
          'the outage noticed',
        );
        harness.service.simulator.trigger('channel.subscribe', { user: 'gap_subscriber' });
        harness.service.simulator.trigger('channel.cheer', { user: 'gap_cheerer', bits: 500 });
        expect(harness.service.simulator.endOutage()).toBe(true);
        await client.waitFor(
          () => JSON.stringify(client.messages.map((m) => m.json)).includes('"state":"done"'),
          30_000,
          'the recovery done',
        );
        const expected = before + 60_000 + 60_000;
        await eventually(async () => (await timer()).remainingMs === expected, 'the gap’s time');

        // EventSub delivering the recovered sub late is dropped, and adds nothing.
        const recoveredSub = client.messages
          .map((m) => m.json as EventMessage)
          .find((m) => m.type === 'event' && m.recovered && m.event === 'channel.subscribe');
        expect(recoveredSub?.data).toMatchObject({ user_login: 'gap_subscriber' });
        harness.service.app
          .get(TwitchEventIngest)
          .receive({ type: 'channel.subscribe', data: recoveredSub!.data });
        expect((await timer()).remainingMs).toBe(expected);
      } finally {
        await client.close();
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
