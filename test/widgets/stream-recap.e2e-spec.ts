import { text } from 'node:stream/consumers';
import type { Page } from 'playwright-core';
import type { TwitchEventType } from '../../src/contract/twitch-events.js';
import { DEFAULT_EVENT_TYPES, describeType } from '../../src/event-types/event-types.js';
import { sampleContext } from '../../src/event-types/sample-context.js';
import { TwitchEventIngest } from '../../src/eventsub/twitch-event-ingest.js';
import { StatsPoller } from '../../src/stats/stats-poller.js';
import type { StreamRecap } from '../../src/streams/streams-api.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { csvRecords } from '../support/csv.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';

/** Markup that would run if any of it reached innerHTML: each sets a flag the test looks for. */
const HOSTILE_CHEERER = '<img src=x onerror="window.__recapXss=1">';
const HOSTILE_GIFTER = '=HYPERLINK("http://evil.example/","x")<script>window.__recapXss=2</script>';
const HOSTILE_REWARD = '<b onmouseover="window.__recapXss=3">Hi</b>';

/**
 * The dashboard's Streams view, driven by the simulator: two streams, the older one with follows,
 * a raid, a hype train, redemptions and supporters whose names are markup; its recap opened from
 * the list, with its viewers chart drawn (uPlot, served by the service) and a marker at the raid
 * and the hype train; its events downloaded as CSV.
 */
describeInBrowser('the dashboard’s Streams view in Chromium', () => {
  const harness = widgetBrowser(
    () =>
      startTwitchTestApp({
        STATS_POLL_INTERVAL: '3600',
        EVENTSUB_EVENTS: [
          ...DEFAULT_EVENT_TYPES,
          'channel.channel_points_custom_reward_redemption.add',
          'channel.hype_train.begin',
          'channel.hype_train.progress',
          'channel.hype_train.end',
        ].join(','),
      }),
    untilEventSubReceiving,
  );

  const api = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${harness.service.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };
  const trigger = (...args: Parameters<(typeof harness.service.simulator)['trigger']>) =>
    harness.service.simulator.trigger(...args);
  const poll = () => harness.service.app.get(StatsPoller).pollNow();

  /** Goes live and waits until the service has a current stream other than `previous`. */
  async function goLive(viewers: number, previous?: number): Promise<number> {
    trigger('stream.online', { viewers });
    let id = 0;
    await eventually(async () => {
      const { status, body } = await api<StreamRecap>('/api/streams/current');
      id = status === 200 && body.id !== previous ? body.id : 0;
      return id > 0;
    }, 'a new current stream');
    return id;
  }

  /** Ends the stream `id` once polls have seen it live `polls` times. */
  async function goOffline(id: number, polls: number): Promise<void> {
    await eventually(async () => {
      await poll();
      return (await api<StreamRecap>(`/api/streams/${id}`)).body.viewers.polls >= polls;
    }, `${polls} polls of stream ${id}`);
    trigger('stream.offline');
    await eventually(
      async () => (await api<StreamRecap>(`/api/streams/${id}`)).body.endedAt !== null,
      `stream ${id} to end`,
    );
  }

  /** The recap's numbers as the page shows them, label → value. */
  const shownNumbers = (page: Page) =>
    page.$$eval('.recap__numbers > div', (rows) =>
      Object.fromEntries(
        rows.map((row) => [
          row.querySelector('dt')?.textContent,
          row.querySelector('dd')?.textContent,
        ]),
      ),
    );

  it(
    'lists the streams, opens one’s recap with its chart and markers, shows hostile names as text, and downloads its CSV',
    async () => {
      const ingest = harness.service.app.get(TwitchEventIngest);
      const first = await goLive(30);
      await poll();
      for (const user of ['fan_a', 'fan_b']) trigger('channel.follow', { user });
      trigger('channel.raid', { user: 'raider_one', viewers: 20 });
      await poll();
      trigger('channel.hype_train.begin', { user: 'hype_starter', bits: 500 });
      trigger('channel.hype_train.progress', { user: 'hype_helper', bits: 1_000 });
      trigger('channel.hype_train.end');
      for (const reward of [HOSTILE_REWARD, HOSTILE_REWARD, 'Song request']) {
        trigger('channel.channel_points_custom_reward_redemption.add', { reward });
      }
      // Names Twitch would never allow, put in where notifications enter: the view must not care.
      const hostile = (type: TwitchEventType, id: string, login: string, name: string) => ({
        type,
        data: describeType(type).sample(
          sampleContext({ id, login, name }, new Date().toISOString()),
        ),
      });
      const cheer = hostile('channel.cheer', '900001', 'hostile_cheerer', HOSTILE_CHEERER);
      ingest.receive({ ...cheer, data: { ...cheer.data, bits: 1000, is_anonymous: false } });
      const gift = hostile('channel.subscription.gift', '900002', 'hostile_gifter', HOSTILE_GIFTER);
      ingest.receive({
        ...gift,
        data: { ...gift.data, total: 3, tier: '1000', is_anonymous: false },
      });
      await goOffline(first, 2);
      const second = await goLive(5, first);
      await goOffline(second, 1);
      const recap = (await api<StreamRecap>(`/api/streams/${first}`)).body;

      const page = await harness.open('/', { width: 1440, height: 1000 }, '#connection.pill--good');
      // Newest first.
      await page.waitForFunction(() => document.querySelectorAll('.streams__item').length === 2);
      await expect(
        page
          .locator('.streams__item')
          .evaluateAll((items) =>
            items.map((item) => Number((item as HTMLElement).dataset.streamId)),
          ),
      ).resolves.toEqual([second, first]);

      await page.click(`.streams__item[data-stream-id="${first}"]`);
      await page.waitForSelector(`.streams[data-view="recap"] .recap[data-stream-id="${first}"]`);
      await page.waitForSelector('.recap-chart[data-markers="2"] canvas');
      await expect(page.getAttribute('.recap-chart', 'data-points')).resolves.toBe(
        String(recap.viewerSeries.length),
      );
      await expect(shownNumbers(page)).resolves.toMatchObject({
        'Peak viewers': String(recap.viewers.peak),
        'New followers': '2',
        'Gifted subs': '3',
        Raids: '1',
        Events: String(recap.events),
      });
      expect(recap.viewers.peak).toBe(50);

      // The chart: uPlot drew the series (its purple line) on the canvas, and a line per marker.
      const purple = await page.$eval('.recap-chart canvas', (canvas) => {
        const { data } = (canvas as HTMLCanvasElement)
          .getContext('2d')!
          .getImageData(
            0,
            0,
            (canvas as HTMLCanvasElement).width,
            (canvas as HTMLCanvasElement).height,
          );
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
          if (a > 200 && b > 200 && r > 110 && r < 180 && g < 110) count++;
        }
        return count;
      });
      expect(purple).toBeGreaterThan(100);
      await expect(page.locator('.recap-chart__marker[data-kind="raid"]').count()).resolves.toBe(1);
      await expect(
        page.locator('.recap-chart__marker[data-kind="hype-train"]').count(),
      ).resolves.toBe(1);
      await expect(page.locator('.recap-chart__legend li').allTextContents()).resolves.toEqual([
        expect.stringMatching(new RegExp(` Raid from ${recap.raids[0]?.from} \\(20\\)$`)),
        expect.stringMatching(new RegExp(` Hype train, level ${recap.hypeTrains[0]?.level}$`)),
      ]);

      // Hostile names and titles are text: shown as typed, nothing of them ran or became markup.
      const supporters = await page.textContent('.recap__supporters');
      expect(supporters).toContain(`Top cheerer: ${HOSTILE_CHEERER} (1,000 Bits)`);
      expect(supporters).toContain(`${HOSTILE_GIFTER}: 3 subs in 1 gift`);
      expect(supporters).toContain(`${HOSTILE_REWARD}: 2×`);
      await page.hover('.recap__supporters');
      await expect(
        page.evaluate(() => ({
          flag: (window as { __recapXss?: number }).__recapXss ?? null,
          markup: document.querySelectorAll('.recap img, .recap script, .recap b').length,
        })),
      ).resolves.toEqual({ flag: null, markup: 0 });

      await page.locator('.card--streams').scrollIntoViewIfNeeded();
      await screenshot(page, 'dashboard-stream-recap');

      // The CSV: every event of the recap, the hostile names as text a spreadsheet will not run.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('.recap__download[data-format="csv"]'),
      ]);
      expect(download.suggestedFilename()).toBe(`stream-${first}-events.csv`);
      // Read through Playwright: the file is on the browser's side of the connection.
      const rows = csvRecords(await text(await download.createReadStream()));
      expect(rows).toHaveLength(recap.events);
      expect(rows.find((row) => row.user_login === 'hostile_gifter')?.user_name).toBe(
        `'${HOSTILE_GIFTER}`,
      );
      expect(rows.find((row) => row.user_login === 'hostile_cheerer')?.user_name).toBe(
        HOSTILE_CHEERER,
      );

      await page.click('.recap__back');
      await page.waitForSelector('.streams[data-view="list"] .streams__item', { state: 'visible' });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'pages the list newest first: Older streams shows the older ones, and back from a recap and Reload the list return to them',
    async () => {
      const ingest = harness.service.app.get(TwitchEventIngest);
      const before = (await api<{ streams: { id: number }[] }>('/api/streams?limit=100')).body
        .streams.length;
      // More streams than a page holds (20), an hour apart: each stream.online ends the one before.
      const added = 22;
      for (let n = 0; n < added; n++) {
        const startedAt = new Date(Date.now() - (added - n) * 3_600_000).toISOString();
        const online = describeType('stream.online').sample(
          sampleContext({ id: '1', login: 'streamer', name: 'Streamer' }, startedAt),
        );
        ingest.receive({
          type: 'stream.online',
          data: { ...online, id: `paging-${n}`, started_at: startedAt },
        });
      }
      const all = (await api<{ streams: { id: number }[] }>('/api/streams?limit=100')).body.streams;
      expect(all).toHaveLength(before + added);
      const ids = all.map(({ id }) => id);

      const page = await harness.open('/', { width: 1440, height: 1000 }, '#connection.pill--good');
      const listed = () =>
        page
          .locator('.streams__item')
          .evaluateAll((items) =>
            items.map((item) => Number((item as HTMLElement).dataset.streamId)),
          );

      /** Waits until the list shows `count` streams, and checks they are the newest `count`. */
      const showsNewest = async (count: number) => {
        await page.waitForFunction(
          (expected) => document.querySelectorAll('.streams__item').length === expected,
          count,
        );
        await expect(listed()).resolves.toEqual(ids.slice(0, count));
      };

      // Page 1: the newest 20, and the way to the older ones.
      await showsNewest(20);
      const older = page.getByRole('button', { name: 'Older streams' });
      await expect(older.isVisible()).resolves.toBe(true);

      // Page 2: the older streams, after the newer ones; no page after it.
      await older.click();
      await showsNewest(ids.length);
      await expect(older.isVisible()).resolves.toBe(false);

      // Back from the oldest stream's recap: the list as it was, both pages.
      const oldest = ids.at(-1)!;
      await page.click(`.streams__item[data-stream-id="${oldest}"]`);
      await page.waitForSelector(`.streams[data-view="recap"] .recap[data-stream-id="${oldest}"]`);
      await page.click('.recap__back');
      await page.waitForSelector('.streams[data-view="list"] .streams__item', { state: 'visible' });
      await expect(listed()).resolves.toEqual(ids);

      // Reload the list: the newest page again, with the way to the older ones.
      await page.getByRole('button', { name: 'Reload the list' }).click();
      await showsNewest(20);
      await expect(older.isVisible()).resolves.toBe(true);
      await older.click();
      await showsNewest(ids.length);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
