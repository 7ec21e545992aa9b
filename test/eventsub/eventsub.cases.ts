import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import type { TwitchEventType } from '../../src/contract/twitch-events.js';
import { TokenSource } from '../../src/twitch/token-source.js';
import { LogCapture } from '../support/log-capture.js';
import { SseTestClient, type SseMessage } from '../support/sse-client.js';
import { eventually } from '../support/eventually.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

interface EventJson {
  type: 'event';
  event: TwitchEventType;
  data: Record<string, unknown>;
}

describe('EventSub → bus → SSE, against the simulator', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;

  const health = async (): Promise<HealthReport> =>
    (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;

  const allEnabled = async () => {
    const { eventsub } = await health();
    return (
      eventsub?.state === 'connected' &&
      (eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
    );
  };

  const events = (): EventJson[] =>
    client.messages.map((m: SseMessage) => m.json as EventJson).filter((m) => m.type === 'event');

  beforeAll(async () => {
    service = await startTwitchTestApp();
    await eventually(allEnabled, 'EventSub connected with every default subscription enabled');
  });

  beforeEach(async () => {
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
  });

  afterEach(async () => {
    await client.close();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('delivers each of the seven events of the seed in the contract shape, with the event object exactly as Twitch sent it', async () => {
    const produced = [
      ...service.simulator.trigger('channel.follow', { user: 'alice' }).events,
      ...service.simulator.trigger('channel.subscribe', { user: 'bob', tier: 2 }).events,
      ...service.simulator.trigger('channel.subscription.gift', { user: 'carol', total: 3 }).events,
      // Twitch sends a cheer as channel.bits.use too, a type these defaults do not listen to.
      ...service.simulator
        .trigger('channel.cheer', { user: 'dave', bits: 500 })
        .events.filter((produced) => produced.type === 'channel.cheer'),
      ...service.simulator.trigger('channel.raid', { user: 'erin', viewers: 42 }).events,
      ...service.simulator.trigger('stream.online').events,
      ...service.simulator.trigger('stream.offline').events,
    ];
    // The gift bomb is one gift and three gifted subs, as on Twitch. (Resubs, the eighth default
    // type, have their own file: resubs-and-bits.cases.ts.)
    expect(produced).toHaveLength(10);
    await client.waitFor(
      () => events().length >= produced.length,
      15_000,
      `${produced.length} events`,
    );
    expect(events()).toEqual(
      produced.map(({ type, event }) => ({
        type: 'event',
        event: type,
        data: event,
        sentAt: expect.any(String),
      })),
    );
    const follow = events()[0]?.data;
    expect(Object.keys(follow ?? {}).sort()).toEqual(
      [
        'broadcaster_user_id',
        'broadcaster_user_login',
        'broadcaster_user_name',
        'followed_at',
        'user_id',
        'user_login',
        'user_name',
      ].sort(),
    );
  });

  it('skips a malformed frame and keeps the connection', async () => {
    const before = (await health()).eventsub;
    expect(service.simulator.sendMalformedFrame()).toBeGreaterThan(0);
    service.simulator.trigger('channel.follow', { user: 'after_garbage' });
    await client.waitFor(
      () => events().length >= 1,
      10_000,
      'the follow after the malformed frame',
    );
    expect(events()[0]?.data.user_login).toBe('after_garbage');
    const after = (await health()).eventsub;
    expect(after?.sessionId).toBe(before?.sessionId);
    expect(after?.reconnects).toBe(before?.reconnects);
  });

  it('loses and repeats nothing across a session_reconnect: before, during and after', async () => {
    const before = (await health()).eventsub;
    service.simulator.trigger('channel.follow', { user: 'before_reconnect' });
    expect(service.simulator.requestReconnect()).toBeGreaterThan(0);
    service.simulator.trigger('channel.follow', { user: 'during_reconnect' });
    await eventually(async () => {
      const now = (await health()).eventsub;
      return now?.state === 'connected' && !!now.sessionId && now.sessionId !== before?.sessionId;
    }, 'the new session');
    service.simulator.trigger('channel.follow', { user: 'after_reconnect' });
    await client.waitFor(() => events().length >= 3, 10_000, 'three follows');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events().map((e) => e.data.user_login)).toEqual([
      'before_reconnect',
      'during_reconnect',
      'after_reconnect',
    ]);
    // Subscriptions moved to the new session: none was created again.
    expect(service.simulator.subscriptions()).toHaveLength(DEFAULT_EVENT_TYPES.length);
  });

  it('resubscribes after abrupt drops, with a fresh token and without leaking stale subscriptions (5 in a row)', async () => {
    const tokenBefore = (await service.app.get(TokenSource).load())?.accessToken;
    let most = 0;
    const watch = setInterval(
      () => (most = Math.max(most, service.simulator.subscriptions().length)),
      10,
    );
    try {
      for (let drop = 1; drop <= 5; drop++) {
        const { eventsub } = await health();
        expect(service.simulator.dropConnections()).toBeGreaterThan(0);
        await eventually(
          async () => {
            const now = (await health()).eventsub;
            return (await allEnabled()) && now?.sessionId !== eventsub?.sessionId;
          },
          `resubscribed after drop ${drop}`,
          30_000,
        );
        service.simulator.trigger('channel.follow', { user: `after_drop_${drop}` });
        await client.waitFor(
          () => events().length >= drop,
          10_000,
          `the follow after drop ${drop}`,
        );
      }
    } finally {
      clearInterval(watch);
    }
    expect(events().map((e) => e.data.user_login)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `after_drop_${n}`),
    );
    expect(most).toBeLessThanOrEqual(DEFAULT_EVENT_TYPES.length);
    expect(service.simulator.subscriptions()).toHaveLength(DEFAULT_EVENT_TYPES.length);
    expect((await health()).eventsub?.lastCloseCode).toBe(1006);
    expect((await service.app.get(TokenSource).load())?.accessToken).not.toBe(tokenBefore);
  });

  it('logs a 4003 close as the bug it is, and reconnects', async () => {
    const logs = new LogCapture().start();
    try {
      expect(service.simulator.closeConnections(4003, 'connection unused')).toBeGreaterThan(0);
      await eventually(
        async () => (await health()).eventsub?.lastCloseCode === 4003,
        'the 4003 in health',
      );
      await eventually(allEnabled, 'resubscribed after 4003');
    } finally {
      logs.stop();
    }
    expect(logs.output).toMatch(/4003 \(connection unused.*\): this is a bug in twitch-realtime/);
  });

  it('reports a close code, reconnects, and flows again', async () => {
    expect(service.simulator.closeConnections(4000, 'internal error')).toBeGreaterThan(0);
    await eventually(
      async () => (await health()).eventsub?.lastCloseCode === 4000,
      'the close code in health',
    );
    await eventually(allEnabled, 'resubscribed after 4000');
    service.simulator.trigger('channel.raid', { user: 'raider', viewers: 5 });
    await client.waitFor(() => events().length >= 1, 10_000, 'the raid');
  });

  it('shows a revocation in the status (pushed to SSE clients) and keeps running', async () => {
    const statusClient = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream?types=status`,
    );
    try {
      expect(service.simulator.revokeSubscriptions({ type: 'channel.raid' })).toBe(1);
      await statusClient.waitFor(
        (c) =>
          c.messages.some((m) =>
            (
              (
                m.json as {
                  data: { eventsub?: { subscriptions?: { type: string; status: string }[] } };
                }
              ).data.eventsub?.subscriptions ?? []
            ).some((s) => s.type === 'channel.raid' && s.status === 'revoked'),
          ),
        10_000,
        'a status saying channel.raid was revoked',
      );
      const raid = (await health()).eventsub?.subscriptions?.find((s) => s.type === 'channel.raid');
      expect(raid).toMatchObject({
        status: 'revoked',
        error: expect.stringMatching(/revoked|removed/),
      });
      service.simulator.trigger('channel.follow', { user: 'still_here' });
      await client.waitFor(() => events().length >= 1, 10_000, 'a follow after the revocation');
    } finally {
      await statusClient.close();
    }
  });
});
