import type { LabelsData, SubathonData } from '../../src/contract/sse-contract.js';
import type { TwitchEventType } from '../../src/contract/twitch-events.js';
import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { SubathonCountdown } from '../../src/subathon/subathon-countdown.js';
import { DEFAULT_SUBATHON_SETTINGS } from '../../src/subathon/subathon-timer.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

interface Message {
  type: string;
  event?: TwitchEventType;
  data: Record<string, unknown>;
}

async function allEnabled(service: TwitchTestApp, count: number): Promise<void> {
  await eventually(async () => {
    const { eventsub } = (await (
      await fetch(`${service.baseUrl}/api/health`)
    ).json()) as HealthReport;
    const subscriptions = eventsub?.subscriptions ?? [];
    return (
      eventsub?.state === 'connected' &&
      subscriptions.length === count &&
      subscriptions.every((s) => s.status === 'enabled')
    );
  }, `EventSub connected with ${count} subscriptions enabled`);
}

/** Everything one client saw, by kind. */
function seen(client: SseTestClient) {
  const messages = client.messages.map((m) => m.json as Message);
  return {
    events: messages.filter((m) => m.type === 'event'),
    labels: messages.filter((m) => m.type === 'labels').map((m) => m.data as unknown as LabelsData),
    subathon: messages
      .filter((m) => m.type === 'subathon')
      .map((m) => m.data as unknown as SubathonData),
  };
}

describe('Resubs with the default settings: simulator → Twurple → SSE, labels, subathon', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;

  beforeAll(async () => {
    service = await startTwitchTestApp();
    await allEnabled(service, DEFAULT_EVENT_TYPES.length);
  });

  afterEach(async () => client?.close());
  afterAll(async () => service?.close());

  it('delivers a resub once, exactly as Twitch sent it, as the latest sub and with the tier’s subathon time', async () => {
    service.app.get(SubathonCountdown).resume();
    client = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream?types=event,labels,subathon`,
    );
    await client.waitFor((c) => seen(c).subathon.length > 0, 5_000, 'the subathon state');
    const before = seen(client).subathon.at(-1)!;

    const [produced] = service.simulator.trigger('channel.subscription.message', {
      user: 'loyal_viewer',
      tier: 2,
      months: 14,
      streak: 6,
      message: 'Fourteen months! Kappa',
    }).events;
    expect(produced?.type).toBe('channel.subscription.message');

    await client.waitFor(
      (c) => seen(c).labels.some((l) => l.latestSub?.login === 'loyal_viewer'),
      10_000,
      'the labels with the resub',
    );
    await client.waitFor(
      (c) => seen(c).subathon.some((s) => s.lastChange?.event === 'channel.subscription.message'),
      10_000,
      'the subathon time of the resub',
    );
    const resubs = seen(client).events.filter((e) => e.event === 'channel.subscription.message');
    expect(resubs).toEqual([
      {
        type: 'event',
        event: 'channel.subscription.message',
        data: produced!.event,
        sentAt: expect.any(String),
      },
    ]);
    expect(resubs[0]!.data).toMatchObject({
      user_login: 'loyal_viewer',
      tier: '2000',
      cumulative_months: 14,
      streak_months: 6,
      message: { text: 'Fourteen months! Kappa', emotes: [{ id: expect.any(String) }] },
    });
    const labels = seen(client).labels.at(-1)!;
    expect(labels.latestSub).toMatchObject({ login: 'loyal_viewer', tier: '2000' });
    expect(labels.session.subs).toBe(1);
    const added = seen(client).subathon.find(
      (s) => s.lastChange?.event === 'channel.subscription.message',
    )!;
    expect(added.lastChange?.ms).toBe(DEFAULT_SUBATHON_SETTINGS.tier2Seconds * 1000);
    expect(added.remainingMs).toBeGreaterThan(before.remainingMs);
  });

  it('loses and repeats no resub across a session_reconnect', async () => {
    client = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream?types=event&events=channel.subscription.message`,
    );
    const health = async () =>
      ((await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport).eventsub;
    const before = await health();
    service.simulator.trigger('channel.subscription.message', { user: 'before_reconnect' });
    expect(service.simulator.requestReconnect()).toBeGreaterThan(0);
    service.simulator.trigger('channel.subscription.message', { user: 'during_reconnect' });
    await eventually(async () => {
      const now = await health();
      return now?.state === 'connected' && !!now.sessionId && now.sessionId !== before?.sessionId;
    }, 'the new session');
    service.simulator.trigger('channel.subscription.message', { user: 'after_reconnect' });
    await client.waitFor((c) => seen(c).events.length >= 3, 10_000, 'three resubs');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen(client).events.map((e) => e.data.user_login)).toEqual([
      'before_reconnect',
      'during_reconnect',
      'after_reconnect',
    ]);
  });
});

describe('Bits in one place: channel.cheer and channel.bits.use both configured', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;

  beforeAll(async () => {
    service = await startTwitchTestApp({
      EVENTSUB_EVENTS: 'channel.cheer,channel.bits.use,channel.follow',
    });
    // channel.cheer is left out: every cheer comes as a channel.bits.use too.
    await allEnabled(service, 2);
  });

  afterEach(async () => client?.close());
  afterAll(async () => service?.close());

  it('subscribes to channel.bits.use only, and counts a cheer’s Bits once in the labels and the subathon timer', async () => {
    expect(
      service.simulator
        .subscriptions()
        .map((s) => s.type)
        .sort(),
    ).toEqual(['channel.bits.use', 'channel.follow']);
    service.app.get(SubathonCountdown).resume();
    client = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream?types=event,labels,subathon`,
    );
    await client.waitFor((c) => seen(c).subathon.length > 0, 5_000, 'the subathon state');
    const produced = service.simulator.trigger('channel.cheer', {
      user: 'cheery',
      bits: 300,
    }).events;
    // Twitch sends a cheer as both types; only one was subscribed to.
    expect(produced.map((p) => p.type)).toEqual(['channel.cheer', 'channel.bits.use']);
    service.simulator.trigger('channel.bits.use', {
      user: 'powerful',
      bitsType: 'power_up',
      bits: 50,
    });
    service.simulator.trigger('channel.bits.use', {
      user: 'combo_king',
      bitsType: 'combo',
      bits: 100,
    });

    await client.waitFor(
      (c) => seen(c).labels.some((l) => l.session.bits === 450),
      10_000,
      'the labels with 450 Bits',
    );
    const events = seen(client).events;
    expect(events.map((e) => [e.event, e.data.type, e.data.bits])).toEqual([
      ['channel.bits.use', 'cheer', 300],
      ['channel.bits.use', 'power_up', 50],
      ['channel.bits.use', 'combo', 100],
    ]);
    expect(events[1]!.data.power_up).toMatchObject({ type: expect.any(String) });
    const labels = seen(client).labels.at(-1)!;
    expect(labels.latestCheer).toMatchObject({ login: 'combo_king', bits: 100 });
    expect(labels.topCheerer).toMatchObject({ login: 'cheery', bits: 300 });
    await client.waitFor(
      (c) => seen(c).subathon.filter((s) => s.lastChange?.event === 'channel.bits.use').length >= 3,
      10_000,
      'the subathon time of the three',
    );
    const per100 = DEFAULT_SUBATHON_SETTINGS.per100BitsSeconds * 1000;
    const added = seen(client)
      .subathon.filter((s) => s.lastChange?.event === 'channel.bits.use')
      .map((s) => s.lastChange?.ms);
    expect(added).toEqual([3 * per100, 0.5 * per100, per100]);
  });
});
