import type { SimulatedTrigger } from '@twitch-realtime/twitch-simulator';
import type { StatsData } from '../../src/contract/sse-contract.js';
import { TWITCH_EVENT_TYPES, type TwitchEventType } from '../../src/contract/twitch-events.js';
import { describeType } from '../../src/event-types/event-types.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { TwitchSession } from '../../src/twitch/twitch-session.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

/** The opt-in types: channel points, hype trains, creator goals, polls and predictions. */
const OPT_IN: TwitchEventType[] = [
  'channel.channel_points_custom_reward_redemption.add',
  'channel.hype_train.begin',
  'channel.hype_train.progress',
  'channel.hype_train.end',
  'channel.goal.begin',
  'channel.goal.progress',
  'channel.goal.end',
  'channel.poll.begin',
  'channel.poll.progress',
  'channel.poll.end',
  'channel.prediction.begin',
  'channel.prediction.progress',
  'channel.prediction.lock',
  'channel.prediction.end',
];

interface EventJson {
  type: 'event';
  event: TwitchEventType;
  data: Record<string, unknown>;
}

async function healthOf(service: TwitchTestApp): Promise<HealthReport> {
  return (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;
}

describe('Channel points, hype trains, goals, polls and predictions: simulator → Twurple → SSE', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;

  const events = (): EventJson[] =>
    client.messages.map((m) => m.json as EventJson).filter((m) => m.type === 'event');
  const stats = (): StatsData[] =>
    client.messages
      .map((m) => m.json as { type: string; data: StatsData })
      .filter((m) => m.type === 'stats')
      .map((m) => m.data);

  beforeAll(async () => {
    service = await startTwitchTestApp({
      EVENTSUB_EVENTS: ['channel.follow', ...OPT_IN].join(','),
    });
    await eventually(async () => {
      const { eventsub } = await healthOf(service);
      return (
        eventsub?.state === 'connected' &&
        eventsub.subscriptions?.length === OPT_IN.length + 1 &&
        eventsub.subscriptions.every((s) => s.status === 'enabled')
      );
    }, 'EventSub connected with every opt-in type enabled');
  });

  beforeEach(async () => {
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event,stats`);
  });

  afterEach(async () => {
    await client.close();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('delivers each new type with the event object exactly as Twitch sent it', async () => {
    const steps: Array<[TwitchEventType, SimulatedTrigger]> = [
      [
        'channel.channel_points_custom_reward_redemption.add',
        { user: 'ann', reward: 'Hydrate!', input: 'cheers' },
      ],
      ['channel.hype_train.begin', { user: 'bob', bits: 500 }],
      ['channel.hype_train.progress', { user: 'cat', tier: 2 }],
      ['channel.hype_train.end', {}],
      ['channel.goal.begin', { goalType: 'new_bit', target: 1000, description: 'Bits for a mic' }],
      ['channel.goal.progress', { amount: 250 }],
      ['channel.goal.end', {}],
      ['channel.poll.begin', { title: 'Next game?', choices: 'Celeste,Hades' }],
      ['channel.poll.progress', { choice: '2', votes: 3 }],
      ['channel.poll.end', {}],
      ['channel.prediction.begin', { title: 'First try?', outcomes: 'Yes,No' }],
      ['channel.prediction.progress', { user: 'dan', outcome: 'Yes', points: 200 }],
      ['channel.prediction.lock', {}],
      ['channel.prediction.end', { outcome: 'Yes' }],
    ];
    const produced = steps.flatMap(
      ([type, options]) => service.simulator.trigger(type, options).events,
    );
    // A hype train begins with a progress for the contribution that started it, as on Twitch.
    expect(produced.map((p) => p.type)).toEqual([
      'channel.channel_points_custom_reward_redemption.add',
      'channel.hype_train.begin',
      'channel.hype_train.progress',
      ...OPT_IN.slice(2),
    ]);
    await client.waitFor(() => events().length >= produced.length, 15_000, 'every event');
    expect(events()).toEqual(
      produced.map(({ type, event }) => ({
        type: 'event',
        event: type,
        data: event,
        sentAt: expect.any(String),
      })),
    );
    expect(new Set(events().map((e) => e.event))).toEqual(new Set(OPT_IN));
  });

  it('moves the stats at once: a goal’s amount, the hype train, the poll, the prediction', async () => {
    service.simulator.trigger('channel.goal.begin', { goalType: 'follower', target: 50 });
    service.simulator.trigger('channel.follow', { user: 'erin' }); // a follow moves the goal
    await client.waitFor(
      () => stats().some((s) => s.goals?.some((g) => g.event === 'channel.goal.progress')),
      10_000,
      'stats with the goal’s progress',
    );
    const goal = stats()
      .at(-1)
      ?.goals?.find((g) => g.data.type === 'follower');
    expect(goal).toMatchObject({
      event: 'channel.goal.progress',
      data: { current_amount: service.simulator.channel().followers, target_amount: 50 },
    });

    service.simulator.trigger('channel.hype_train.progress', { user: 'fay', bits: 2500 });
    service.simulator.trigger('channel.poll.progress', { votes: 2 });
    service.simulator.trigger('channel.prediction.lock');
    await client.waitFor(
      () => {
        const last = stats().at(-1);
        return (
          last?.hypeTrain?.event === 'channel.hype_train.progress' &&
          last.poll?.event === 'channel.poll.progress' &&
          last.prediction?.event === 'channel.prediction.lock'
        );
      },
      10_000,
      'stats with the hype train, the poll and the prediction',
    );
    expect(stats().at(-1)?.hypeTrain?.data).toMatchObject({ level: 3, total: 3000 }); // 500 that began it, 2 500 bits

    // A client that connects now gets the same at once.
    const late = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=stats`);
    try {
      await late.waitFor((c) => c.messages.length >= 1, 5_000, 'the current stats');
      expect((late.messages[0]?.json as { data: StatsData }).data).toMatchObject({
        hypeTrain: { event: 'channel.hype_train.progress' },
        poll: { event: 'channel.poll.progress' },
        prediction: { event: 'channel.prediction.lock' },
      });
    } finally {
      await late.close();
    }
    service.simulator.trigger('channel.hype_train.end');
    service.simulator.trigger('channel.poll.end');
    service.simulator.trigger('channel.prediction.end', { status: 'canceled' });
    service.simulator.trigger('channel.goal.end');
  });
});

describe('Opt-in types and scopes', () => {
  it('reports a missing scope per type and subscribes to the others', async () => {
    const service = await startTwitchTestApp({ EVENTSUB_EVENTS: OPT_IN.join(',') });
    try {
      const minted = service.simulator.mintUserToken({
        scopes: ['channel:read:redemptions', 'channel:read:hype_train', 'channel:read:goals'],
      });
      await service.app.get(TwitchSession).signIn({
        accessToken: minted.accessToken,
        refreshToken: minted.refreshToken,
        scope: [...minted.scope],
        expiresIn: minted.expiresIn,
        obtainmentTimestamp: minted.obtainmentTimestamp,
      });
      await eventually(async () => {
        const subscriptions = (await healthOf(service)).eventsub?.subscriptions ?? [];
        return subscriptions.filter((s) => s.status === 'enabled').length === 7;
      }, 'the redemption, hype train and goal subscriptions enabled');
      const subscriptions = (await healthOf(service)).eventsub?.subscriptions ?? [];
      const missing = subscriptions.filter((s) => s.status === 'missing_scope');
      expect(missing.map((s) => s.type).sort()).toEqual(
        OPT_IN.filter((t) => t.startsWith('channel.poll.') || t.startsWith('channel.prediction.'))
          .slice()
          .sort(),
      );
      const poll = missing.find((s) => s.type === 'channel.poll.end');
      expect(poll?.error).toContain('channel:read:polls');
      expect(poll?.error).toContain('npm run auth');
      const prediction = missing.find((s) => s.type === 'channel.prediction.lock');
      expect(prediction?.error).toContain('channel:read:predictions');
      expect(service.simulator.subscriptions({ type: 'channel.poll.begin' })).toHaveLength(0);
    } finally {
      await service.close();
    }
  });

  it('subscribes to every type in demo mode when EVENTSUB_EVENTS is not set, Bits in one place', async () => {
    const service = await startTwitchTestApp({ EVENTSUB_EVENTS: '' });
    // channel.bits.use carries every cheer too, so channel.cheer is left out.
    const every = TWITCH_EVENT_TYPES.filter((type) => type !== 'channel.cheer');
    try {
      await eventually(
        async () =>
          ((await healthOf(service)).eventsub?.subscriptions ?? []).filter(
            (s) => s.status === 'enabled',
          ).length === every.length,
        'every type enabled',
      );
      // Each type at the version its descriptor says (hype trains at 2, follows at 2): what
      // Twurple really asks Twitch for.
      expect(
        service.simulator
          .subscriptions()
          .map((s) => `${String(s.type)} v${String(s.version)}`)
          .sort(),
      ).toEqual(every.map((type) => `${type} v${describeType(type).version}`).sort());
    } finally {
      await service.close();
    }
  });
});
