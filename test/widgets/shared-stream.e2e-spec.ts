import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SseClientStreams } from '../../src/stream/sse-client-streams.js';
import { MESSAGE_EVENT } from '../../src/widgets/public/lib/stream-connection.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, launchChromium } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

/**
 * Twelve OBS browser sources a streamer might have, and the dashboard. `follows`: each shows a
 * follow (an alert, a number, a list entry, a goal, the feed); the labels show it through the
 * `labels` state the service derives; the hype train bar and the poll take the stats only.
 */
const PAGES: { path: string; follows: boolean }[] = [
  { path: '/widgets/alerts?duration=0.2&gap=0', follows: true },
  { path: '/widgets/alerts?duration=0.2&gap=0&instance=second', follows: true },
  { path: '/widgets/stats', follows: true },
  { path: '/widgets/stats?show=followers', follows: true },
  { path: '/widgets/goal?target=5000', follows: true },
  { path: '/widgets/goal?metric=followers&target=100&label=Road', follows: true },
  { path: '/widgets/events?limit=5', follows: true },
  { path: '/widgets/events', follows: true },
  { path: '/widgets/label?show=latest-follower', follows: false },
  { path: '/widgets/label?show=latest-follower&text=New%3A%20%7Bname%7D', follows: false },
  { path: '/widgets/hypetrain', follows: false },
  { path: '/widgets/poll', follows: false },
  { path: '/', follows: true },
];

/** Longer than pages used to wait for a shared worker's hello before connecting on their own. */
const SLOW_WORKER_MS = 4_000;

/** A page of one browser context, and what it was handed, in order. */
interface SourcePage {
  readonly path: string;
  readonly page: Page;
  /** Who followed, of the follows handed to it. */
  readonly follows: string[];
  /** Every message handed to it: its id and type. */
  readonly messages: { id: number; type: string }[];
  readonly errors: string[];
}

/** Whether the ids a page was handed of each kind of message only ever went up (no repeats). */
function handedOnce(source: SourcePage): boolean {
  const last = new Map<string, number>();
  // Statuses are one message per component, all under the connect-time id.
  for (const { id, type } of source.messages.filter((message) => message.type !== 'status')) {
    if (id <= (last.get(type) ?? -1)) return false;
    last.set(type, id);
  }
  return true;
}

describeInBrowser('one stream per browser, shared by every widget and the dashboard', () => {
  let service: TwitchTestApp;
  let streams: SseClientStreams;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTwitchTestApp(), launchChromium()]);
    await untilEventSubReceiving(service);
    streams = service.app.get(SseClientStreams);
  }, BROWSER_TEST_TIMEOUT);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await eventually(() => streams.clientCount === 0, 'the streams of closed pages to end');
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  /**
   * One browser profile, as OBS runs all its sources in. `lockOnly` takes SharedWorker away, as in
   * browsers without it: the pages then elect one of them with a Web Lock to hold the stream.
   */
  async function profile(lockOnly = false): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 800, height: 400 } });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    if (lockOnly)
      await context.addInitScript(
        () => delete (globalThis as { SharedWorker?: unknown }).SharedWorker,
      );
    await context.addInitScript((eventName: string) => {
      // The page's own messages, not those of a widget preview in a frame of the dashboard.
      if (window !== window.top) return;
      window.addEventListener(eventName, (event) => {
        const { id, message } = (event as CustomEvent).detail;
        const record = window as unknown as {
          recordMessage(id: number, type: string, follower?: string): void;
        };
        const follow = message.type === 'event' && message.event === 'channel.follow';
        record.recordMessage(id, message.type, follow ? message.data.user_login : undefined);
      });
    }, MESSAGE_EVENT);
    return context;
  }

  async function openSource(context: BrowserContext, path: string): Promise<SourcePage> {
    const page = await context.newPage();
    const source: SourcePage = { path, page, follows: [], messages: [], errors: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') source.errors.push(message.text());
    });
    page.on('pageerror', (error) => source.errors.push(String(error)));
    await page.exposeFunction('recordMessage', (id: number, type: string, follower?: string) => {
      source.messages.push({ id, type });
      if (follower) source.follows.push(follower);
    });
    await page.goto(`${service.baseUrl}${path}`);
    await loaded(source);
    return source;
  }

  /** Waits until a page's stream is open (the dashboard says so in its pill). */
  async function loaded(source: SourcePage): Promise<void> {
    if (source.path === '/') await source.page.waitForSelector('#connection.pill--good');
    else await source.page.waitForSelector('body[data-connection="open"]');
  }

  /** A follow through the simulator, EventSub and Twurple, as a streamer's test would. */
  function followBy(name: string): string {
    service.simulator.trigger('channel.follow', { user: name });
    return name;
  }

  async function untilEveryPageHas(sources: SourcePage[], names: string[]): Promise<void> {
    await eventually(
      () => sources.every((source) => names.every((name) => source.follows.includes(name))),
      `every page to be handed the follows of ${names.join(', ')}`,
    ).catch((error: unknown) => {
      const handed = sources.map((source) => `${source.path}: ${source.follows.join(', ')}`);
      throw new Error(`${String(error)}; handed so far:\n${handed.join('\n')}`);
    });
  }

  it(
    'twelve widgets and the dashboard in one browser all load, on one stream, and each shows a follow once',
    async () => {
      const context = await profile();
      const sources: SourcePage[] = [];
      for (const { path } of PAGES) sources.push(await openSource(context, path));
      expect(streams.clientCount).toBe(1);
      expect(
        await sources[0]!.page.evaluate(() => document.documentElement.dataset.sharedStream),
      ).toBe('worker');

      const takers = sources.filter((_, index) => PAGES[index]!.follows);
      const ids = [followBy('seventh_source')];
      await untilEveryPageHas(takers, ids);
      // What some of them show of it.
      await sources[7]!.page.waitForSelector('#events li:has-text("seventh_source")');
      await sources[8]!.page.waitForSelector('#label:has-text("Latest follower: seventh_source")');
      await sources[9]!.page.waitForSelector('#label:has-text("New: seventh_source")');
      await sources[12]!.page.waitForSelector('#feed :text("seventh_source")');
      ids.push(followBy('later_one'));
      await untilEveryPageHas(takers, ids);
      await sources[8]!.page.waitForSelector('#label:has-text("Latest follower: later_one")');
      for (const source of takers) {
        expect({ path: source.path, follows: source.follows }).toEqual({
          path: source.path,
          follows: ids,
        });
      }
      for (const source of sources) {
        expect({ path: source.path, once: handedOnce(source), errors: source.errors }).toEqual({
          path: source.path,
          once: true,
          errors: [],
        });
      }
      expect(streams.clientCount).toBe(1);
    },
    BROWSER_TEST_TIMEOUT * 2,
  );

  it(
    'without SharedWorker, closing the page that holds the stream hands it to another, losing and repeating nothing',
    async () => {
      const context = await profile(true);
      const sources: SourcePage[] = [];
      for (const { path } of PAGES.slice(0, 8)) sources.push(await openSource(context, path));
      expect(streams.clientCount).toBe(1);
      const roles = await Promise.all(
        sources.map((source) =>
          source.page.evaluate(() => document.documentElement.dataset.sharedStream),
        ),
      );
      expect(roles.filter((role) => role === 'holder')).toHaveLength(1);
      expect(roles.filter((role) => role === 'member')).toHaveLength(7);

      const ids = [followBy('before_handover')];
      await untilEveryPageHas(sources, ids);
      for (let round = 0; round < 3; round++) {
        const holder = sources[roles.indexOf('holder')]!;
        sources.splice(sources.indexOf(holder), 1);
        roles.splice(roles.indexOf('holder'), 1);
        await holder.page.close();
        // Published while nobody holds the stream, and while the next holder connects.
        ids.push(followBy(`during_${round}`));
        await eventually(async () => {
          const now = await Promise.all(
            sources.map((source) =>
              source.page.evaluate(() => document.documentElement.dataset.sharedStream),
            ),
          );
          roles.splice(0, roles.length, ...(now as string[]));
          return now.includes('holder');
        }, 'another page to hold the stream');
        ids.push(followBy(`after_${round}`));
        await untilEveryPageHas(sources, ids);
        await eventually(() => streams.clientCount === 1, 'one stream, the new holder’s');
      }
      for (const source of sources) {
        expect({ path: source.path, follows: source.follows }).toEqual({
          path: source.path,
          follows: ids,
        });
      }
    },
    BROWSER_TEST_TIMEOUT * 2,
  );

  it(
    'a shared worker slow to start is still the one stream: no page gives up on it and connects on its own',
    async () => {
      const context = await profile();
      // Its scripts take seconds, as on a machine busy with a game while OBS starts every source.
      await context.route('**/widgets/lib/stream-hub-worker.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_WORKER_MS));
        await route.continue();
      });
      const [alerts, events] = await Promise.all([
        openSource(context, '/widgets/alerts?duration=0.2&gap=0'),
        openSource(context, '/widgets/events'),
      ]);
      for (const source of [alerts, events]) {
        expect(
          await source.page.evaluate(() => document.documentElement.dataset.sharedStream),
        ).toBe('worker');
      }
      expect(streams.clientCount).toBe(1);
      const name = followBy('after_slow_worker');
      await untilEveryPageHas([alerts, events], [name]);
      expect(streams.clientCount).toBe(1);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'a reloaded widget resumes exactly: what was published while it reloaded once, nothing from before',
    async () => {
      const context = await profile();
      const events = await openSource(context, '/widgets/events');
      const alerts = await openSource(context, '/widgets/alerts?duration=0.2&gap=0');
      const before = followBy('before_reload');
      await untilEveryPageHas([events, alerts], [before]);
      await alerts.page.waitForFunction(() => document.querySelectorAll('.alert').length === 0);

      // Away (as OBS does when it refreshes a source) while a follow comes in.
      await alerts.page.goto('about:blank');
      alerts.follows.length = 0;
      const during = followBy('during_reload');
      await untilEveryPageHas([events], [during]);
      await alerts.page.goto(`${service.baseUrl}${alerts.path}`);
      await loaded(alerts);
      const after = followBy('after_reload');
      await untilEveryPageHas([alerts, events], [during, after]);
      expect(alerts.follows).toEqual([during, after]);
      expect(events.follows).toEqual([before, during, after]);
      expect(streams.clientCount).toBe(1);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'an overlay composed in the dashboard shows several widgets in one source on the same one stream, and leaves out any layer that is not a widget page of this service',
    async () => {
      const context = await profile();
      const dashboard = await openSource(context, '/');
      // Compose it as a streamer would: the alert box, then the stats line, from the URL builder.
      await dashboard.page.click('#add-to-overlay');
      await dashboard.page.check('input[name="widget"][value="stats"]');
      await dashboard.page.click('#add-to-overlay');
      const composed = await dashboard.page.inputValue('#overlay-url');
      const url = new URL(composed);
      expect(url.pathname).toBe('/widgets/overlay');
      expect(url.searchParams.getAll('layer')).toEqual([
        '0,0,1000,400,/widgets/alerts',
        '0,400,1000,80,/widgets/stats',
      ]);

      // Hostile layers, as anyone could paste into a URL: none becomes a frame.
      const hostile = [
        '0,0,10,10,javascript:alert(1)',
        '0,0,10,10,https://example.com/widgets/alerts',
        '0,0,10,10,//example.com/widgets/alerts',
        '0,0,10,10,/\\example.com/widgets/alerts',
        '0,0,10,10,/widgets/dashboard',
        '0,0,10,10,/widgets/overlay?layer=0,0,1,1,/widgets/stats',
        '0,0,10,10,/widgets/alerts"><img src=x onerror=alert(1)>',
        '"><img src=x onerror=alert(1)>,0,10,10,/widgets/stats',
        '0,0,99999,10,/widgets/stats',
      ];
      for (const layer of hostile) url.searchParams.append('layer', layer);
      url.searchParams.append('layer', '0,480,800,60,/widgets/label?show=latest-follower');
      const overlay = await openOverlay(context, url.href);
      expect(await overlay.page.getAttribute('#overlay', 'data-layers')).toBe('3');
      const sources = await overlay.page.$$eval('iframe', (frames) =>
        frames.map((frame) => frame.getAttribute('src')),
      );
      expect(sources).toEqual([
        '/widgets/alerts',
        '/widgets/stats',
        '/widgets/label?show=latest-follower',
      ]);
      expect(await overlay.page.$$('img')).toEqual([]);
      expect(overlay.warnings).toHaveLength(hostile.length);
      expect(streams.clientCount).toBe(1);

      followBy('overlay_follower');
      const [alerts, , label] = overlay.page.frames().slice(1);
      await alerts!.waitForSelector('.alert:has-text("overlay_follower")');
      await label!.waitForSelector('#label:has-text("Latest follower: overlay_follower")');
      await untilEveryPageHas([dashboard], ['overlay_follower']);
      expect(overlay.dialogs).toEqual([]);
      expect(overlay.errors).toEqual([]);
      expect(streams.clientCount).toBe(1);
    },
    BROWSER_TEST_TIMEOUT,
  );

  /** Opens an overlay and waits until every one of its frames is connected. */
  async function openOverlay(context: BrowserContext, url: string) {
    const page = await context.newPage();
    const seen = {
      page,
      warnings: [] as string[],
      errors: [] as string[],
      dialogs: [] as string[],
    };
    page.on('console', (message) => {
      if (message.type() === 'warning') seen.warnings.push(message.text());
      if (message.type() === 'error') seen.errors.push(message.text());
    });
    page.on('pageerror', (error) => seen.errors.push(String(error)));
    page.on('dialog', (dialog) => {
      seen.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url);
    await page.waitForSelector('#overlay[data-layers]');
    for (const frame of page.frames().slice(1)) {
      await frame.waitForSelector('body[data-connection="open"]');
    }
    return seen;
  }
});
