import type { LabelsData, StatsData, SubathonData } from '../../src/contract/sse-contract.js';
import { EventBus } from '../../src/bus/event-bus.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp } from '../support/twitch-test-app.js';
import { widgetBrowser } from '../support/widget-browser.js';
import { AlertBoxPage } from './alert-box-page.js';

/**
 * Twitch tells a sub twice when the channel reads its chat: the sub's own EventSub type, and the
 * chat's notice of it (`channel.chat.notification`), sent apart in either order. Through the
 * simulator, Twurple and the stream: one alert each (saying "with Prime" when the notice says so),
 * counted once by the stats, the labels and the subathon timer; announcements and watch streaks
 * play when chosen; other channels' notices under shared chat never do.
 */
describeInBrowser('chat notices and the alert box, in Chromium', () => {
  const harness = widgetBrowser(
    () =>
      startTwitchTestApp({
        EVENTSUB_EVENTS: [
          'channel.subscribe',
          'channel.subscription.message',
          'channel.subscription.gift',
          'channel.chat.notification',
        ].join(','),
        // The counts below are the events' own: no Helix poll (which counts the simulator's
        // subscribers, resubbers too) may land between them but the first one, awaited below.
        STATS_POLL_INTERVAL: '3600',
      }),
    untilEventSubReceiving,
  );
  let box: AlertBoxPage | undefined;

  afterEach(async () => {
    expect(box?.test.errors).toEqual([]);
    await box?.close();
  });

  const state = <T>(key: 'stats' | 'labels' | 'subathon') =>
    harness.service.app.get(EventBus).snapshot(key)?.message.data as T;
  const admin = (action: string) =>
    fetch(`${harness.service.baseUrl}/api/admin/subathon/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

  it(
    'a resub that comes as both channel.subscription.message and a chat notice alerts once, with Prime, and counts once',
    async () => {
      const { service } = harness;
      // A timer that is paused still takes time from events: what it adds, added once.
      expect((await admin('resume')).status).toBe(200);
      expect((await admin('pause')).status).toBe(200);
      await eventually(() => state<StatsData>('stats').polledAt != null, 'the first Helix poll');
      const before = {
        subs: state<LabelsData>('labels').session.subs,
        statsSubs: state<StatsData>('stats').subs,
        remainingMs: state<SubathonData>('subathon').remainingMs,
      };
      box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=1&gap=0&events=channel.subscribe,channel.subscription.message,channel.subscription.gift,channel.chat.notification',
      );
      await box.page.waitForFunction(() => document.body.dataset.connection === 'open');

      // The notice first, then the resub; then a new sub the other way round, without Prime.
      const sim = service.simulator;
      sim.trigger('channel.chat.notification', {
        user: 'prime_fan',
        notice: 'resub',
        prime: true,
        months: 14,
      });
      sim.trigger('channel.subscription.message', { user: 'prime_fan', months: 14, streak: 6 });
      sim.trigger('channel.subscribe', { user: 'tier_fan', tier: 1000 });
      sim.trigger('channel.chat.notification', { user: 'tier_fan', notice: 'sub' });

      await eventually(() => box!.phase('end').length >= 2, 'both sub alerts played');
      const fan = sim.user('prime_fan').displayName;
      const other = sim.user('tier_fan').displayName;
      expect(box.phase('start').map(({ event, text }) => ({ event, text }))).toEqual([
        {
          event: 'channel.subscription.message',
          text: `${fan} resubscribed with Prime: 14 months, 6 in a row!`,
        },
        { event: 'channel.subscribe', text: `${other} subscribed at Tier 1!` },
      ]);
      const notices = box.phase('skipped').filter((n) => n.event === 'channel.chat.notification');
      expect(notices.map(({ reason }) => reason)).toEqual([
        'the chat’s notice of a sub, gift or raid (the event’s own alert plays it)',
        'the chat’s notice of a sub, gift or raid (the event’s own alert plays it)',
      ]);

      // Counted once each: the resub and the sub, not their notices.
      await eventually(
        () => state<LabelsData>('labels').session.subs === before.subs + 2,
        'the labels counting both subs',
      );
      expect(state<LabelsData>('labels').latestSub?.name).toBe(other);
      // The stats count new subs (a resub was a subscriber already).
      expect(state<StatsData>('stats').subs).toBe(before.statsSubs + 1);
      const { tier1Seconds } = state<SubathonData>('subathon').settings;
      expect(state<SubathonData>('subathon').remainingMs).toBe(
        before.remainingMs + 2 * tier1Seconds * 1000,
      );
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'plays announcements and watch streaks when chosen, and never another channel’s notices under shared chat',
    async () => {
      const { service } = harness;
      box = await AlertBoxPage.open(
        harness.browser,
        service.baseUrl,
        'duration=1&gap=0&events=channel.subscribe,channel.chat.notification',
      );
      const sim = service.simulator;
      sim.trigger('channel.chat.notification', {
        notice: 'shared_chat_sub',
        user: 'elsewhere_fan',
      });
      sim.trigger('channel.chat.notification', { notice: 'shared_chat_announcement' });
      sim.trigger('channel.chat.notification', { notice: 'announcement', message: 'Stream at 8!' });
      sim.trigger('channel.chat.notification', { notice: 'watch_streak', user: 'streaker' });

      await eventually(() => box!.phase('start').length >= 2, 'the announcement and the streak');
      await box.page.waitForSelector('.alert:not(.is-entering)');
      await screenshot(box.page, 'alerts-chat-notice');
      await eventually(() => box!.phase('end').length >= 2, 'both played');
      expect(box.phase('start').map(({ text }) => text)).toEqual([
        'Stream at 8!',
        expect.stringContaining('watch streak'),
      ]);
      expect(
        box
          .phase('skipped')
          .filter((n) => n.event === 'channel.chat.notification')
          .map(({ reason }) => reason),
      ).toEqual([
        'another channel’s chat notice (shared chat)',
        'another channel’s chat notice (shared chat)',
      ]);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
