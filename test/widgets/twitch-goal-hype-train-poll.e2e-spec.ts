import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import type { Page } from 'playwright-core';
import { TWITCH_EVENT_TYPES } from '../../src/contract/twitch-events.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTestApp } from '../support/test-app.js';
import { widgetBrowser, type SourceSize } from '../support/widget-browser.js';
import { TEST_KEEPALIVE_SECONDS } from '../support/test-keepalive.js';

/**
 * The widgets of the opt-in event types (issue 17's): the goal bar's `metric=twitch` (the creator
 * goal read from Helix at start, then moved by goal events), the hype train bar and the poll /
 * prediction card — fed by the simulator through EventSub and the service's `stats`.
 */
describeInBrowser('the Twitch goal, hype train and poll widgets in Chromium', () => {
  let simulator: TwitchSimulator;
  const harness = widgetBrowser(async () => {
    const twitch = new TwitchSimulator({ keepaliveSeconds: TEST_KEEPALIVE_SECONDS });
    simulator = twitch;
    await twitch.start({ port: 0 });
    // A goal set on Twitch before the service starts: the goal bar shows it from Helix.
    twitch.trigger('channel.goal.begin', {
      goalType: 'new_bit',
      target: 5000,
      description: 'New microphone',
    });
    return startTestApp(
      { DEMO_MODE: 'on', EVENTSUB_EVENTS: TWITCH_EVENT_TYPES.join(',') },
      { twitch: true, simulator: twitch },
    );
  }, untilEventSubReceiving);
  const open = (path: string, size: SourceSize) => harness.open(path, size);

  afterAll(async () => {
    await simulator?.stop();
  });

  /** Waits until bars have slid to their width, for a picture of where they end. */
  const settled = (page: Page) =>
    page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

  it(
    'goal bar metric=twitch: the creator goal from Helix at start, then moved by goal events until reached',
    async () => {
      const page = await open('/widgets/goal?metric=twitch', { width: 800, height: 140 });
      await page.waitForSelector('#goal[data-value="0"][data-target="5000"]');
      await expect(page.textContent('.goal__label')).resolves.toBe('New microphone');
      await expect(page.textContent('.goal__count')).resolves.toBe('0 / 5,000');

      // Cheers move a running bits goal on Twitch, which sends channel.goal.progress.
      simulator.trigger('channel.cheer', { user: 'cheery', bits: 1500 });
      await page.waitForSelector('#goal[data-value="1500"]');
      await settled(page);
      await screenshot(page, 'goal-twitch');
      simulator.trigger('channel.goal.progress', { goalType: 'new_bit', amount: 5000 });
      simulator.trigger('channel.goal.end', { goalType: 'new_bit' });
      await page.waitForSelector('#goal[data-value="5000"][data-reached="true"]');
      await expect(page.textContent('.goal__count')).resolves.toBe('Goal reached! · 5,000 / 5,000');

      // A bar for a goal type the channel has none of says so, never "undefined".
      const none = await open('/widgets/goal?metric=twitch&goalType=follower', {
        width: 800,
        height: 140,
      });
      await none.waitForFunction(
        () => document.querySelector('.goal__count')?.textContent === 'No goal right now',
      );
      await expect(none.textContent('#goal')).resolves.not.toMatch(/undefined|null/);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'hype train bar: hidden without a train; level, progress and time left while it runs; the end, then hidden',
    async () => {
      const page = await open('/widgets/hypetrain?ended=2', { width: 800, height: 140 });
      await page.waitForSelector('#hypetrain[data-state="none"]', { state: 'attached' });
      expect(await page.isVisible('#hypetrain')).toBe(false);

      simulator.trigger('channel.hype_train.begin');
      await page.waitForSelector('#hypetrain[data-state="running"][data-level="1"]');
      await expect(page.textContent('.goal__label')).resolves.toBe('Hype train · Level 1');
      await expect(page.textContent('.hypetrain__left')).resolves.toMatch(/^\d+:\d\d left$/);
      const before = Number(await page.getAttribute('#hypetrain', 'data-progress'));
      simulator.trigger('channel.hype_train.progress', { user: 'hype_viewer', bits: 300 });
      await page.waitForFunction(
        (earlier) =>
          Number(document.getElementById('hypetrain')?.dataset.progress) > earlier ||
          Number(document.getElementById('hypetrain')?.dataset.level) > 1,
        before,
      );
      await settled(page);
      await screenshot(page, 'hypetrain-running');

      simulator.trigger('channel.hype_train.end');
      await page.waitForSelector('#hypetrain[data-state="ended"]');
      await expect(page.textContent('.goal__label')).resolves.toMatch(
        /^Hype train over: Level \d+$/,
      );
      await screenshot(page, 'hypetrain-ended');
      await page.waitForSelector('#hypetrain[data-state="none"]', { state: 'attached' });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'poll card: the options with live percentages, then the winner; a prediction after it takes its place',
    async () => {
      const page = await open('/widgets/poll', { width: 600, height: 320 });
      expect(await page.isVisible('#poll')).toBe(false);

      simulator.trigger('channel.poll.begin', {
        title: 'Next game?',
        choices: 'Chess,Tetris,Doom',
      });
      await page.waitForSelector('#poll[data-kind="poll"]');
      await expect(page.textContent('.poll__title')).resolves.toBe('Next game?');
      simulator.trigger('channel.poll.progress', { choice: 'Tetris', votes: 3 });
      simulator.trigger('channel.poll.progress', { choice: 'Chess', votes: 1 });
      const shares = () =>
        page.$$eval('.poll__option', (items) =>
          items.map(
            (item) =>
              `${item.querySelector('.poll__name')?.textContent} ${(item as HTMLElement).dataset.share}`,
          ),
        );
      await page.waitForSelector('.poll__option[data-share="75"]');
      await expect(shares()).resolves.toEqual(['Chess 25', 'Tetris 75', 'Doom 0']);
      await expect(page.textContent('.poll__status')).resolves.toMatch(/left$/);

      simulator.trigger('channel.poll.end');
      await page.waitForSelector('#poll[data-over="true"]');
      await expect(page.textContent('.poll__status')).resolves.toBe('Winner: Tetris');
      expect(await page.getAttribute('.poll__option[data-winner="true"]', 'data-id')).toBeTruthy();
      await expect(page.textContent('.poll__option[data-winner="true"] .poll__name')).resolves.toBe(
        'Tetris',
      );
      await settled(page);
      await screenshot(page, 'poll-result');

      simulator.trigger('channel.prediction.begin', {
        title: 'Do we win this round?',
        outcomes: 'Yes,No',
      });
      await page.waitForSelector('#poll[data-kind="prediction"]');
      simulator.trigger('channel.prediction.progress', { outcome: 'Yes', points: 300 });
      simulator.trigger('channel.prediction.progress', { outcome: 'No', points: 100 });
      await page.waitForSelector('.poll__option[data-share="75"]');
      simulator.trigger('channel.prediction.end', { outcome: 'No' });
      await page.waitForSelector('#poll[data-over="true"]');
      await expect(page.textContent('.poll__status')).resolves.toBe('Winner: No');
      await settled(page);
      await screenshot(page, 'prediction-result');
      await expect(page.textContent('#poll')).resolves.not.toMatch(/undefined|null|NaN/);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
