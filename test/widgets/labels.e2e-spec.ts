import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';

const LABEL_SIZE = { width: 800, height: 60 };

/**
 * The labels widget, with events from the simulator through EventSub: the service works out the
 * labels, so every copy of the widget — opened late, reloaded, a second one — shows the same line.
 */
describeInBrowser('the labels widget in Chromium, fed by the simulator', () => {
  const harness = widgetBrowser(startTwitchTestApp, untilEventSubReceiving);

  /**
   * Opens a label — in a new page, or afresh in `page` — and waits until it shows what the service
   * sent (not its first paint).
   */
  async function openLabel(query: string, page?: Page): Promise<Page> {
    const [path, ready] = [`/widgets/label?${query}`, '#label[data-ready="true"]'];
    if (!page) return harness.open(path, LABEL_SIZE, ready);
    await harness.load(page, path, ready);
    return page;
  }

  const lineOf = (page: Page) => page.textContent('#label');
  const waitForLine = (page: Page, text: string) =>
    page.waitForFunction(
      (expected) => document.getElementById('label')?.textContent === expected,
      text,
    );

  it(
    'shows a placeholder before anyone followed, then the latest follower — at once in a copy opened later and after a reload',
    async () => {
      const first = await openLabel('show=latest-follower');
      await expect(lineOf(first)).resolves.toBe('Latest follower: no one yet');
      expect(await first.getAttribute('#label', 'data-known')).toBe('false');
      await screenshot(first, 'label-placeholder');

      harness.service.simulator.trigger('channel.follow', { user: 'first_follower' });
      harness.service.simulator.trigger('channel.follow', { user: 'latest_follower' });
      await waitForLine(first, 'Latest follower: latest_follower');
      await screenshot(first, 'label-latest-follower');

      // A copy opened now, and the first one reloaded, show the line in their first paint of it.
      const second = await openLabel('show=latest-follower&align=center');
      await expect(lineOf(second)).resolves.toBe('Latest follower: latest_follower');
      await first.reload();
      await first.waitForSelector('#label[data-ready="true"]');
      await expect(lineOf(first)).resolves.toBe('Latest follower: latest_follower');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'names the latest sub, gift, cheer and raid, this stream’s top cheerer and gifter, and counts since it went live',
    async () => {
      // The stream goes live: a new session, counted from here.
      harness.service.simulator.trigger('stream.online');
      harness.service.simulator.trigger('channel.follow', { user: 'session_follower' });
      harness.service.simulator.trigger('channel.cheer', { user: 'big_cheerer', bits: 300 });
      harness.service.simulator.trigger('channel.cheer', { user: 'steady_cheerer', bits: 200 });
      harness.service.simulator.trigger('channel.cheer', { user: 'steady_cheerer', bits: 150 });
      harness.service.simulator.trigger('channel.cheer', { anonymous: true, bits: 1000 });
      harness.service.simulator.trigger('channel.subscription.gift', { user: 'santa', total: 5 });
      harness.service.simulator.trigger('channel.subscribe', { user: 'new_subscriber', tier: 2 });
      harness.service.simulator.trigger('channel.raid', { user: 'cozycastle', viewers: 42 });

      const expected: Array<[query: string, line: string]> = [
        ['show=latest-raid', 'Latest raid: cozycastle (42 viewers)'],
        ['show=latest-sub', 'Latest sub: new_subscriber'],
        ['show=latest-gift', 'Latest gift: santa (5 subs)'],
        ['show=latest-cheer', 'Latest cheer: Anonymous (1,000 bits)'],
        ['show=top-cheerer', 'Top cheerer: steady_cheerer (350 bits)'],
        ['show=top-gifter', 'Top gifter: santa (5 subs)'],
        ['show=session-follows', 'Follows this stream: 1'],
        // The gift of five, then the sub: the gift's five gifted subs are not counted twice.
        ['show=session-subs', 'Subs this stream: 6'],
        ['show=session-bits&text=Bits%20today%3A%20%7Bcount%7D', 'Bits today: 1,650'],
      ];
      // One page, taken from label to label: each is a fresh load of that label's URL, as OBS
      // loads a browser source, without a new browser context (and renderer process) per label.
      // The raid came last, so once the first label names it, the service has counted them all.
      let page: Page | undefined;
      for (const [query, line] of expected) {
        page = await openLabel(query, page);
        await waitForLine(page, line);
        await screenshot(page, `label-${query.split('&')[0]!.slice('show='.length)}`);
      }
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'starts the counts and tops over when the stream goes live again; the latest viewers stay',
    async () => {
      const bits = await openLabel('show=session-bits');
      const top = await openLabel('show=top-cheerer&empty=No%20cheers%20yet');
      await waitForLine(bits, 'Bits this stream: 1,650');
      harness.service.simulator.trigger('stream.offline');
      harness.service.simulator.trigger('stream.online');
      await waitForLine(bits, 'Bits this stream: 0');
      await waitForLine(top, 'No cheers yet');
      const latest = await openLabel('show=latest-raid');
      await expect(lineOf(latest)).resolves.toBe('Latest raid: cozycastle (42 viewers)');
    },
    BROWSER_TEST_TIMEOUT,
  );
});
