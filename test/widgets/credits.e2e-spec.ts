import type { Page } from 'playwright-core';
import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import type { CreditsSection, StreamCredits } from '../../src/credits/credits-api.js';
import { TwitchEventIngest } from '../../src/eventsub/twitch-event-ingest.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { builderPreview, widgetBrowser } from '../support/widget-browser.js';

/** The widget's OBS size (CREDITS_WIDGET). */
const SOURCE = { width: 1920, height: 1080 };

/** A viewer's name that tries to become markup and run a script. */
const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>Mallory</b>';

/** Each section's names as the roll shows them, in its order. */
type Rolled = Array<[section: string, heading: string, names: string[]]>;

/** What the roll holds now: each section, its heading and its names with their amounts. */
const rolled = (page: Page): Promise<Rolled> =>
  page.$$eval('.credits__section', (sections) =>
    sections.map((section): [string, string, string[]] => [
      (section as HTMLElement).dataset.section ?? '',
      section.querySelector('.credits__heading')?.textContent ?? '',
      [...section.querySelectorAll('.credits__name')].map((row) => row.textContent ?? ''),
    ]),
  );

/** Waits until the roll names `name` (as text). */
const untilNamed = (page: Page, name: string) =>
  page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('.credits__who')].some((who) => who.textContent === wanted),
    name,
  );

/** Nothing a name carried became an element or ran. */
async function expectNoMarkupRan(page: Page): Promise<void> {
  expect(
    await page.locator('.credits__roll img, .credits__roll script, .credits__roll b').count(),
  ).toBe(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
}

/** Every name of the stream below, with what the roll says beside it, by section. */
const STREAM_ROLL: Rolled = [
  ['followers', 'Followers', ['fan_a', 'fan_b', 'fan_c', HOSTILE]],
  ['subscribers', 'Subscribers', ['sub_new', 'loyal12 months']],
  ['gifters', 'Gifted subs', ['gifter_one5 subs']],
  ['cheerers', 'Cheers', ['cheery150 bits', 'cheer_two120 bits']],
  ['raiders', 'Raids', ['raider_one25 viewers']],
  ['redeemers', 'Channel points', ['redeemer_one×2']],
];

/**
 * The credits roll from the simulator to Chromium: a stream driven through Twurple (online,
 * follows, a sub, a resub, a gift bomb, cheers, a raid, redemptions), its names read by a widget
 * opened mid-stream — from the log, then live — and rolled from the dashboard's Roll credits; then
 * a widget opened after stream.offline, one that rolls by itself at the offline, the end and the
 * loop. Viewer names reach the page only as text.
 */
describeInBrowser('the credits widget and the dashboard’s Roll credits, in Chromium', () => {
  const harness = widgetBrowser(
    () =>
      startTwitchTestApp({
        EVENTSUB_EVENTS: [
          ...DEFAULT_EVENT_TYPES,
          'channel.channel_points_custom_reward_redemption.add',
        ].join(','),
        STATS_POLL_INTERVAL: '3600',
      }),
    untilEventSubReceiving,
  );

  const trigger = (...args: Parameters<typeof harness.service.simulator.trigger>) =>
    harness.service.simulator.trigger(...args);
  const credits = async () =>
    (await (await fetch(`${harness.service.baseUrl}/api/credits`)).json()) as StreamCredits;
  const names = (answer: StreamCredits, section: CreditsSection) =>
    answer.sections[section].map((name) => name.name);
  const admin = async (action: 'roll' | 'stop') => {
    const response = await fetch(`${harness.service.baseUrl}/api/admin/credits/${action}`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { id: number; action: string };
  };

  it(
    'rolls every name of the live stream from the dashboard’s button, the ones read when it opened and the ones after',
    async () => {
      trigger('stream.online');
      await eventually(async () => (await credits()).stream?.live === true, 'the stream live');
      // Before the widget opens: it reads these from the service's log.
      trigger('channel.follow', { user: 'fan_a' });
      trigger('channel.follow', { user: 'fan_b' });
      trigger('channel.subscribe', { user: 'sub_new', tier: 1 });
      trigger('channel.subscription.message', { user: 'loyal', tier: 1, months: 12 });
      trigger('channel.subscription.gift', { user: 'gifter_one', total: 5, tier: 1 });
      trigger('channel.cheer', { user: 'cheery', bits: 100 });
      await eventually(
        async () => names(await credits(), 'cheerers').length === 1,
        'the first names in the log',
      );

      const widget = await harness.open('/widgets/credits?speed=300&end=loop', SOURCE);
      await widget.waitForSelector('#credits[data-state="idle"]', { state: 'attached' });
      expect(await widget.isVisible('#credits')).toBe(false);

      // After it opened: it takes these from the stream.
      trigger('channel.follow', { user: 'fan_c' });
      trigger('channel.cheer', { user: 'cheery', bits: 50 });
      trigger('channel.cheer', { user: 'cheer_two', bits: 120 });
      trigger('channel.raid', { user: 'raider_one', viewers: 25 });
      trigger('channel.channel_points_custom_reward_redemption.add', { user: 'redeemer_one' });
      trigger('channel.channel_points_custom_reward_redemption.add', {
        user: 'redeemer_one',
        reward: 'Posture check',
      });
      await eventually(async () => {
        const answer = await credits();
        return answer.sections.redeemers[0]?.amount === 2 && answer.sections.followers.length === 3;
      }, 'the names the simulator sent in the log');
      const { broadcasterId } = harness.service.simulator.channel();
      harness.service.app.get(TwitchEventIngest).receive({
        type: 'channel.follow',
        data: {
          user_id: '66600',
          user_login: 'mallory',
          user_name: HOSTILE,
          broadcaster_user_id: broadcasterId,
          broadcaster_user_login: 'demo_streamer',
          broadcaster_user_name: 'Demo_Streamer',
          followed_at: new Date().toISOString(),
        },
      });
      await eventually(
        async () => (await credits()).sections.followers.length === 4,
        'the hostile name in the log',
      );
      const answer = await credits();
      expect(answer.sections).toEqual({
        followers: [
          { name: 'fan_a', login: 'fan_a', amount: 1 },
          { name: 'fan_b', login: 'fan_b', amount: 1 },
          { name: 'fan_c', login: 'fan_c', amount: 1 },
          { name: HOSTILE, login: 'mallory', amount: 1 },
        ],
        // The gift bomb's recipients are not listed: their gifter is.
        subscribers: [
          { name: 'sub_new', login: 'sub_new', amount: 1 },
          { name: 'loyal', login: 'loyal', amount: 12 },
        ],
        gifters: [{ name: 'gifter_one', login: 'gifter_one', amount: 5 }],
        cheerers: [
          { name: 'cheery', login: 'cheery', amount: 150 },
          { name: 'cheer_two', login: 'cheer_two', amount: 120 },
        ],
        raiders: [{ name: 'raider_one', login: 'raider_one', amount: 25 }],
        redeemers: [{ name: 'redeemer_one', login: 'redeemer_one', amount: 2 }],
      });

      const dashboard = await harness.open(
        '/',
        { width: 1280, height: 900 },
        '#connection.pill--good',
      );
      // The URL builder offers the widget, its sections in an order of one's choosing.
      await dashboard.check('input[name="widget"][value="credits"]');
      await dashboard.click('button[aria-label="Move raiders up"]');
      const url = `${harness.service.baseUrl}/widgets/credits?sections=${encodeURIComponent(
        'followers,subscribers,gifters,raiders,cheerers,redeemers',
      )}`;
      await dashboard.waitForFunction(
        (expected) =>
          (document.getElementById('widget-url') as HTMLInputElement).value === expected,
        url,
      );
      const preview = await builderPreview(dashboard);
      // The preview reloads with the new URL (a moment after the change): wait for that page.
      await dashboard.waitForFunction((expected) => {
        const frame = document.querySelector<HTMLIFrameElement>('.builder__preview iframe');
        return (
          frame?.contentWindow?.location.href === expected &&
          frame.contentDocument?.body?.dataset.connection === 'open'
        );
      }, url);

      await dashboard.click('#roll-credits');
      await widget.waitForSelector('#credits[data-state="rolling"]');
      // The preview is a credits widget too: it rolls, raiders before cheerers.
      await preview.locator('#credits[data-state="rolling"]').waitFor();
      await expect(
        preview
          .locator('.credits__section')
          .evaluateAll((sections) =>
            sections.map((section) => (section as HTMLElement).dataset.section),
          ),
      ).resolves.toEqual([
        'followers',
        'subscribers',
        'gifters',
        'raiders',
        'cheerers',
        'redeemers',
      ]);
      await untilNamed(widget, HOSTILE);
      await widget.waitForFunction(
        () =>
          document.querySelector('[data-section="redeemers"] .credits__name')?.textContent ===
          'redeemer_one×2',
      );
      expect(await widget.textContent('.credits__title')).toBe('Thanks for watching!');
      expect(await rolled(widget)).toEqual(STREAM_ROLL);
      await expectNoMarkupRan(widget);

      // A picture of the roll once its names are on screen.
      await widget.waitForFunction(
        () => (document.querySelector('.credits__roll')?.getBoundingClientRect().top ?? 0) < 200,
      );
      await screenshot(widget, 'credits-rolling');
      await dashboard.locator('#roll-credits').scrollIntoViewIfNeeded();
      await screenshot(dashboard, 'credits-dashboard');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'rolls by itself at stream.offline when asked to; a widget opened after the stream ended rolls its names, then ends, or loops until stopped',
    async () => {
      const automatic = await harness.open('/widgets/credits?start=offline&speed=300', SOURCE);
      await automatic.waitForSelector('#credits[data-state="idle"]', { state: 'attached' });
      trigger('stream.offline');
      await automatic.waitForSelector('#credits[data-state="rolling"]');
      await untilNamed(automatic, 'redeemer_one');
      await eventually(async () => (await credits()).stream?.live === false, 'the stream ended');
      // A follow after the stream is not in its credits.
      trigger('channel.follow', { user: 'too_late' });

      const widget = await harness.open('/widgets/credits?speed=2000&title=GG', SOURCE);
      await widget.waitForSelector('#credits[data-state="idle"]', { state: 'attached' });
      await admin('roll');
      await widget.waitForSelector('#credits[data-state="rolling"]');
      expect(await widget.textContent('.credits__title')).toBe('GG');
      expect(await rolled(widget)).toEqual(STREAM_ROLL);
      await expectNoMarkupRan(widget);
      // Without loop, the roll leaves the screen after its last name.
      await widget.waitForSelector('#credits[data-state="ended"]', { state: 'attached' });
      expect(await widget.isVisible('#credits')).toBe(false);
      expect(await widget.getAttribute('#credits', 'data-rolls')).toBe('1');

      // Some sections, in the order asked, without amounts, again and again until Stop credits.
      await widget.goto(
        `${harness.service.baseUrl}/widgets/credits?speed=2000&end=loop&sections=raiders,followers&amounts=hide&heading.raiders=Raided%20by`,
      );
      await widget.waitForSelector('body[data-connection="open"]');
      await admin('roll');
      await widget.waitForSelector('#credits[data-state="rolling"]');
      expect(await rolled(widget)).toEqual([
        ['raiders', 'Raided by', ['raider_one']],
        ['followers', 'Followers', ['fan_a', 'fan_b', 'fan_c', HOSTILE]],
      ]);
      await widget.waitForFunction(
        () => Number(document.getElementById('credits')?.dataset.rolls) >= 2,
      );
      expect(await widget.getAttribute('#credits', 'data-state')).toBe('rolling');
      await admin('stop');
      await widget.waitForSelector('#credits[data-state="ended"]', { state: 'attached' });
      expect(await widget.isVisible('#credits')).toBe(false);
      await expectNoMarkupRan(widget);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
