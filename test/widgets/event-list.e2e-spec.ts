import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';

const LIST_SIZE = { width: 400, height: 500 };

/** The event list widget, with events from the simulator through EventSub. */
describeInBrowser('the event list widget in Chromium, fed by the simulator', () => {
  const harness = widgetBrowser(startTwitchTestApp, untilEventSubReceiving);

  async function openList(query = ''): Promise<Page> {
    return harness.open(
      `/widgets/events${query ? `?${query}` : ''}`,
      LIST_SIZE,
      'body[data-connection="open"]',
    );
  }

  /** The rows' texts, top to bottom. */
  const rowsOf = (page: Page) =>
    page.$$eval('.event-list__row', (rows) => rows.map((row) => row.textContent));
  const waitForRows = async (page: Page, rows: string[]) => {
    await page
      .waitForFunction(
        (expected) =>
          JSON.stringify(
            [...document.querySelectorAll('.event-list__row')].map((row) => row.textContent),
          ) === JSON.stringify(expected),
        rows,
      )
      .catch(async (error: unknown) => {
        throw new Error(
          `Rows ${JSON.stringify(await rowsOf(page))}, not ${JSON.stringify(rows)}: ${String(error)}`,
        );
      });
  };

  /** Waits until new rows have slid in, for a picture of where they end. */
  const settled = (page: Page) =>
    page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

  it(
    'opens on the newest events of the log, then adds live ones on top; the oldest leave beyond the limit',
    async () => {
      const empty = await openList();
      await expect(rowsOf(empty)).resolves.toEqual([]);

      harness.service.simulator.trigger('channel.follow', { user: 'early_follower' });
      harness.service.simulator.trigger('channel.follow', { user: 'ann' });
      harness.service.simulator.trigger('channel.subscribe', { user: 'bea', tier: 2 });
      harness.service.simulator.trigger('channel.cheer', { user: 'cid', bits: 500 });
      // The empty list fills live.
      await waitForRows(empty, [
        'cid cheered 500 bits',
        'bea subscribed (Tier 2)',
        'ann followed',
        'early_follower followed',
      ]);

      // A list opened now starts from the history: the three newest.
      const list = await openList('limit=3');
      await waitForRows(list, ['cid cheered 500 bits', 'bea subscribed (Tier 2)', 'ann followed']);

      harness.service.simulator.trigger('channel.raid', { user: 'cozycastle', viewers: 42 });
      // A gift bomb is one row: its gifted subs are not listed (giftedSubs=hide).
      harness.service.simulator.trigger('channel.subscription.gift', { user: 'santa', total: 3 });
      await waitForRows(list, [
        'santa gifted 3 subs',
        'cozycastle raided with 42',
        'cid cheered 500 bits',
      ]);
      await settled(list);
      await screenshot(list, 'event-list');

      // A reload lists the same rows.
      await list.reload();
      await list.waitForSelector('body[data-connection="open"]');
      await expect(rowsOf(list)).resolves.toEqual([
        'santa gifted 3 subs',
        'cozycastle raided with 42',
        'cid cheered 500 bits',
      ]);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'lists only the types asked for, cheers from minBits, oldest first when asked, with its own texts',
    async () => {
      const list = await openList(
        'events=channel.cheer,channel.follow&minBits=100&order=oldest-first&limit=4&text.follow=Welcome%20%7Bname%7D!',
      );
      await waitForRows(list, ['Welcome early_follower!', 'Welcome ann!', 'cid cheered 500 bits']);
      harness.service.simulator.trigger('channel.cheer', { user: 'small', bits: 50 });
      harness.service.simulator.trigger('channel.raid', { user: 'not_listed', viewers: 3 });
      harness.service.simulator.trigger('channel.cheer', { anonymous: true, bits: 100 });
      await waitForRows(list, [
        'Welcome early_follower!',
        'Welcome ann!',
        'cid cheered 500 bits',
        'Anonymous cheered 100 bits',
      ]);
      harness.service.simulator.trigger('channel.follow', { user: 'dee' });
      await waitForRows(list, [
        'Welcome ann!',
        'cid cheered 500 bits',
        'Anonymous cheered 100 bits',
        'Welcome dee!',
      ]);
      await settled(list);
      await screenshot(list, 'event-list-oldest-first');
    },
    BROWSER_TEST_TIMEOUT,
  );
});
