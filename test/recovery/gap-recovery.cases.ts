import type { EventMessage, RecoveryReport } from '../../src/contract/sse-contract.js';
import { TwitchEventIngest } from '../../src/eventsub/twitch-event-ingest.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { GapRecovery } from '../../src/recovery/gap-recovery.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

/**
 * Twitch does not replay what a WebSocket client missed: follows, subs and cheers during an EventSub
 * outage never arrive. The service asks Helix afterwards and publishes them, marked `recovered`.
 */
describe('gap recovery: what happened while EventSub was away comes back through Helix, once', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;
  const health = async (): Promise<HealthReport> =>
    (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;
  const receiving = async () => {
    const { eventsub } = await health();
    return (
      eventsub.state === 'connected' &&
      (eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
    );
  };
  const events = () =>
    client.messages.map((m) => m.json as EventMessage).filter((m) => m.type === 'event');
  const reports = () =>
    client.messages
      .map((m) => m.json as { type: string; data: { recovery?: RecoveryReport } })
      .filter((m) => m.type === 'status' && m.data.recovery)
      .map((m) => m.data.recovery as RecoveryReport);

  /** The simulator's channel clock runs this far behind the real one (to make history older). */
  let clockOffsetMs = 0;

  beforeAll(async () => {
    // Helix request counts are checked below: the stats poll (which asks for the followers too)
    // must not land between them on a slow machine.
    service = await startTwitchTestApp(
      { STATS_POLL_INTERVAL: '3600' },
      { clock: () => Date.now() + clockOffsetMs },
    );
    await eventually(receiving, 'EventSub receiving');
    // The first look at Helix is a baseline: nothing before it counts as missed.
    await service.app.get(GapRecovery).settled();
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event,status`);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
  });

  it('recovers the follows, subs and bits of an outage, marked with their gap, and says what it could not', async () => {
    service.simulator.startOutage(120);
    await eventually(async () => !(await receiving()), 'EventSub noticing the outage');
    const follows = ['gap_follower_1', 'gap_follower_2'];
    for (const user of follows) service.simulator.trigger('channel.follow', { user });
    service.simulator.trigger('channel.subscribe', { user: 'gap_subscriber', tier: 2000 });
    service.simulator.trigger('channel.cheer', { user: 'gap_cheerer', bits: 500 });
    service.simulator.trigger('channel.cheer', { anonymous: true, bits: 100 });
    service.simulator.trigger('channel.raid', { user: 'gap_raider', viewers: 30 });
    expect(service.simulator.endOutage()).toBe(true);

    await client.waitFor(
      () => reports().some((report) => report.state === 'done'),
      30_000,
      'the recovery report',
    );
    const recovered = events().filter((e) => e.recovered);
    expect(recovered.every((e) => e.gap && e.gap.start < e.gap.end)).toBe(true);
    expect(
      recovered.filter((e) => e.event === 'channel.follow').map((e) => e.data.user_login),
    ).toEqual(follows);
    expect(recovered.filter((e) => e.event === 'channel.subscribe').map((e) => e.data)).toEqual([
      expect.objectContaining({ user_login: 'gap_subscriber', tier: '2000', is_gift: false }),
    ]);
    expect(recovered.filter((e) => e.event === 'channel.cheer').map((e) => e.data)).toEqual([
      expect.objectContaining({ user_login: 'gap_cheerer', bits: 500, is_anonymous: false }),
    ]);
    expect(recovered.some((e) => e.event === 'channel.raid')).toBe(false);
    // Nothing of the gap arrived live: every event seen is a recovered one.
    expect(events().filter((e) => !e.recovered)).toEqual([]);

    const done = reports().find((report) => report.state === 'done');
    expect(done?.recovered).toEqual({
      'channel.follow': 2,
      'channel.subscribe': 1,
      'channel.cheer': 1,
    });
    expect(done?.missing.join(' ')).toMatch(/channel\.raid/);
    expect(done?.missing.join(' ')).toMatch(/anonymous cheers/);
  });

  it('drops EventSub delivering a recovered follow or sub late', async () => {
    const before = events().length;
    const [follow, sub] = ['channel.follow', 'channel.subscribe'].map(
      (type) => events().find((e) => e.recovered && e.event === type)?.data,
    );
    const ingest = service.app.get(TwitchEventIngest);
    ingest.receive({ type: 'channel.follow', data: follow as Record<string, unknown> });
    ingest.receive({ type: 'channel.subscribe', data: sub as Record<string, unknown> });
    // A marker the stream does carry: nothing before it was published.
    service.simulator.trigger('channel.follow', { user: 'after_late_deliveries' });
    await client.waitFor(
      () => events().some((e) => e.data.user_login === 'after_late_deliveries'),
      10_000,
      'the marker follow',
    );
    expect(
      events()
        .slice(before)
        .map((e) => e.data.user_login),
    ).toEqual(['after_late_deliveries']);
  });

  it('asks Helix only what the gap needs: followers back to its start, one look at the rest', async () => {
    // A bigger channel: 250 more followers and subscribers a minute ago, all delivered live.
    clockOffsetMs = -60_000;
    for (let i = 0; i < 250; i++) {
      service.simulator.trigger('channel.follow', { user: `big_follower_${i}` });
      service.simulator.trigger('channel.subscribe', { user: `big_subscriber_${i}` });
    }
    clockOffsetMs = 0;
    await client.waitFor(
      () => events().some((e) => e.data.user_login === 'big_subscriber_249'),
      30_000,
      'the channel grown',
    );
    const recoveriesBefore = reports().filter((report) => report.state === 'done').length;
    service.simulator.startOutage(120);
    await eventually(async () => !(await receiving()), 'EventSub noticing the outage');
    service.simulator.trigger('channel.follow', { user: 'one_more_follower' });
    service.simulator.resetHelixRequestCounts();
    service.simulator.endOutage();
    await client.waitFor(
      () => reports().filter((report) => report.state === 'done').length > recoveriesBefore,
      30_000,
      'the second recovery',
    );
    const asked = service.simulator.helixRequestCounts();
    // 100 followers a page: the newest page reaches back past the gap's start.
    expect(asked['channels/followers']).toBe(1);
    // Subscribers have no useful order: every page (at least 251 of them, 100 a page).
    expect(asked.subscriptions).toBe(Math.ceil(service.simulator.channel().subs / 100));
    expect(asked['bits/leaderboard']).toBe(1);
    expect(
      events()
        .filter((e) => e.recovered)
        .map((e) => e.data.user_login),
    ).toContain('one_more_follower');
  });
});
