import { BROADCASTER_SCOPES } from '../src/simulator-constants.js';
import { eventually, SimulatorFixture } from './support/simulator-fixture.js';

describe('POST/GET/DELETE /eventsub/subscriptions', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({
      keepaliveSeconds: 60,
      pingIntervalMs: 0,
      dropNoticeMs: 60_000,
    });
  });

  afterEach(async () => {
    await fx.stop();
  });

  it("creates a subscription (202) in Twitch's shape, with rate-limit headers", async () => {
    const { sessionId } = await fx.session();
    const created = await fx.subscribe(sessionId, 'channel.raid');
    expect(created.status).toBe(202);
    expect(created.json).toEqual({
      data: [
        {
          id: expect.any(String),
          status: 'enabled',
          type: 'channel.raid',
          version: '1',
          condition: { from_broadcaster_user_id: '', to_broadcaster_user_id: '1000' },
          created_at: expect.any(String),
          transport: {
            method: 'websocket',
            session_id: sessionId,
            connected_at: expect.any(String),
          },
          cost: 0,
        },
      ],
      total: 1,
      total_cost: 0,
      max_total_cost: 10,
    });
    expect(created.headers.get('ratelimit-limit')).toBe('800');
    expect(Number(created.headers.get('ratelimit-remaining'))).toBeLessThan(800);
    expect(Number(created.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('answers 401 without a token, with an unknown token, and with another client id', async () => {
    const { sessionId } = await fx.session();
    const body = {
      type: 'stream.online',
      version: '1',
      condition: { broadcaster_user_id: '1000' },
      transport: { method: 'websocket', session_id: sessionId },
    };
    const noToken = await fx.api('/eventsub/subscriptions', { method: 'POST', body, token: null });
    expect(noToken.status).toBe(401);
    expect(noToken.json).toEqual({
      error: 'Unauthorized',
      status: 401,
      message: 'OAuth token is missing',
    });
    const badToken = await fx.api('/eventsub/subscriptions', {
      method: 'POST',
      body,
      token: 'nope',
    });
    expect(badToken.status).toBe(401);
    const otherClient = await fx.api('/eventsub/subscriptions', {
      method: 'POST',
      body,
      clientId: 'someoneelse',
    });
    expect(otherClient.status).toBe(401);
    expect(otherClient.json.message).toBe('Client ID and OAuth token do not match');
    const noClient = await fx.api('/eventsub/subscriptions', {
      method: 'POST',
      body,
      clientId: null,
    });
    expect(noClient.status).toBe(401);
  });

  it('answers 400 for a session that does not exist, or has gone', async () => {
    const unknown = await fx.subscribe('no-such-session', 'stream.online');
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toBe(
      'websocket transport session does not exist or has already disconnected',
    );
    const { client, sessionId } = await fx.session();
    client.socket.close(1000);
    await client.waitForClose();
    expect((await fx.subscribe(sessionId, 'stream.online')).status).toBe(400);
  });

  it.each([
    ['channel.follow', '2', { broadcaster_user_id: '1000' }, 'moderator_user_id'],
    ['channel.subscribe', '1', {}, 'broadcaster_user_id'],
    ['channel.raid', '1', {}, 'exactly one of'],
    [
      'channel.raid',
      '1',
      { from_broadcaster_user_id: '1', to_broadcaster_user_id: '1000' },
      'exactly one of',
    ],
  ])(
    'answers 400 for a %s condition without the fields it needs',
    async (type, version, condition, words) => {
      const { sessionId } = await fx.session();
      const answer = await fx.subscribe(sessionId, type, { version, condition });
      expect(answer.status).toBe(400);
      expect(answer.json.message).toContain(words);
    },
  );

  it('answers 400 for an unknown type or version (follow v1 is gone)', async () => {
    const { sessionId } = await fx.session();
    expect((await fx.subscribe(sessionId, 'channel.hug')).status).toBe(400);
    const followV1 = await fx.subscribe(sessionId, 'channel.follow', {
      version: '1',
      condition: { broadcaster_user_id: '1000' },
    });
    expect(followV1.status).toBe(400);
  });

  it.each([
    ['channel.follow', 'moderator:read:followers'],
    ['channel.subscribe', 'channel:read:subscriptions'],
    ['channel.subscription.gift', 'channel:read:subscriptions'],
    ['channel.cheer', 'bits:read'],
    ['channel.channel_points_custom_reward_redemption.add', 'channel:read:redemptions'],
    ['channel.hype_train.begin', 'channel:read:hype_train'],
    ['channel.goal.progress', 'channel:read:goals'],
    ['channel.poll.end', 'channel:read:polls'],
    ['channel.prediction.lock', 'channel:read:predictions'],
  ])('answers 403 for %s without %s', async (type, scope) => {
    const { sessionId } = await fx.session();
    const others = BROADCASTER_SCOPES.filter((s) => s !== scope);
    const token = fx.sim.mintUserToken({ scopes: others }).accessToken;
    const answer = await fx.subscribe(sessionId, type, { token });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({
      error: 'Forbidden',
      status: 403,
      message: 'subscription missing proper authorization',
    });
  });

  it('takes a manage scope for its read scope, as Twitch does (polls, predictions, redemptions)', async () => {
    const { sessionId } = await fx.session();
    const token = fx.sim.mintUserToken({
      scopes: ['channel:manage:polls', 'channel:manage:predictions', 'channel:manage:redemptions'],
    }).accessToken;
    for (const type of [
      'channel.poll.begin',
      'channel.prediction.begin',
      'channel.channel_points_custom_reward_redemption.add',
    ]) {
      expect((await fx.subscribe(sessionId, type, { token })).status).toBe(202);
    }
  });

  it('serves hype trains in version 2 only (Twitch retired version 1)', async () => {
    const { sessionId } = await fx.session();
    expect((await fx.subscribe(sessionId, 'channel.hype_train.end')).status).toBe(202);
    expect(
      (await fx.subscribe(sessionId, 'channel.hype_train.begin', { version: '1' })).status,
    ).toBe(400);
  });

  it('lets raid, online and offline through with no scope at all', async () => {
    const { sessionId } = await fx.session();
    const token = fx.sim.mintUserToken({ scopes: [] }).accessToken;
    for (const type of ['channel.raid', 'stream.online', 'stream.offline']) {
      expect((await fx.subscribe(sessionId, type, { token })).status).toBe(202);
    }
  });

  it("answers 403 for another broadcaster's private events, even with the scope", async () => {
    const { sessionId } = await fx.session();
    const viewerToken = fx.sim.mintUserToken({ user: 'some_viewer' }).accessToken;
    expect((await fx.subscribe(sessionId, 'channel.cheer', { token: viewerToken })).status).toBe(
      403,
    );
  });

  it('answers 409 for the same subscription twice on one session', async () => {
    const { sessionId } = await fx.session();
    expect((await fx.subscribe(sessionId, 'channel.follow')).status).toBe(202);
    const again = await fx.subscribe(sessionId, 'channel.follow');
    expect(again.status).toBe(409);
    expect(again.json).toEqual({
      error: 'Conflict',
      status: 409,
      message: 'subscription already exists',
    });
  });

  it('answers 429 past 3 connections with subscriptions for one client id and user', async () => {
    for (let i = 0; i < 3; i++) {
      const { sessionId } = await fx.session();
      expect((await fx.subscribe(sessionId, 'stream.online')).status).toBe(202);
    }
    const { sessionId: fourth } = await fx.session();
    const refused = await fx.subscribe(fourth, 'stream.offline');
    expect(refused.status).toBe(429);
    expect(refused.json.message).toBe('number of websocket transports limit exceeded');

    // Another user of the same app has connections of their own.
    const other = fx.sim.mintUserToken({ user: 'other_streamer' }).accessToken;
    const { sessionId: theirs } = await fx.session();
    const otherAnswer = await fx.subscribe(theirs, 'stream.online', {
      token: other,
      condition: { broadcaster_user_id: fx.sim.user('other_streamer').id },
    });
    expect(otherAnswer.status).toBe(202);
  });

  it('frees a connection slot once a socket is closed cleanly, but not while a dropped one still looks connected', async () => {
    const sessions = [];
    for (let i = 0; i < 3; i++) {
      const session = await fx.session();
      await fx.subscribe(session.sessionId, 'channel.raid');
      sessions.push(session);
    }
    // Abrupt drop, not yet noticed (dropNoticeMs is a minute here): the slot is still taken.
    fx.sim.dropConnections(sessions[0].sessionId);
    await sessions[0].client.waitForClose();
    const { sessionId: fourth } = await fx.session();
    expect((await fx.subscribe(fourth, 'channel.raid')).status).toBe(429);
    // A clean close is noticed at once.
    sessions[1].client.socket.close(1000);
    await eventually(
      () => fx.sim.subscriptions({ status: 'websocket_disconnected' }).length === 1,
      'the clean close to disable its subscription',
    );
    expect((await fx.subscribe(fourth, 'channel.raid')).status).toBe(202);
  });

  it('answers 429 past the subscriptions allowed on one connection', async () => {
    await fx.stop();
    fx = await SimulatorFixture.start({
      pingIntervalMs: 0,
      limits: { subscriptionsPerConnection: 2 },
    });
    const { sessionId } = await fx.session();
    expect((await fx.subscribe(sessionId, 'stream.online')).status).toBe(202);
    expect((await fx.subscribe(sessionId, 'stream.offline')).status).toBe(202);
    const third = await fx.subscribe(sessionId, 'channel.raid');
    expect(third.status).toBe(429);
    expect(third.json.message).toBe('websocket transport session subscription limit exceeded');
  });

  it('answers 429 when subscriptions to other channels cost more than max_total_cost', async () => {
    const { sessionId } = await fx.session();
    for (let i = 0; i < 10; i++) {
      const answer = await fx.subscribe(sessionId, 'stream.online', {
        condition: { broadcaster_user_id: `99${i}` },
      });
      expect(answer.json.data[0].cost).toBe(1);
    }
    const eleventh = await fx.subscribe(sessionId, 'stream.online', {
      condition: { broadcaster_user_id: '9999' },
    });
    expect(eleventh.status).toBe(429);
  });

  it('lists subscriptions with their status and total, filtered by status and type', async () => {
    const first = await fx.session();
    await fx.subscribe(first.sessionId, 'stream.online');
    await fx.subscribe(first.sessionId, 'stream.offline');
    first.client.socket.close(1000);
    await eventually(
      () => fx.sim.subscriptions({ status: 'websocket_disconnected' }).length === 2,
      'the closed socket to disable its subscriptions',
    );
    const second = await fx.session();
    await fx.subscribe(second.sessionId, 'stream.online');

    const all = await fx.api('/eventsub/subscriptions');
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ total: 3, total_cost: 0, max_total_cost: 10, pagination: {} });
    expect(all.json.data.map((s: { status: string }) => s.status).sort()).toEqual([
      'enabled',
      'websocket_disconnected',
      'websocket_disconnected',
    ]);
    const disconnected = await fx.api('/eventsub/subscriptions?status=websocket_disconnected');
    expect(disconnected.json.data).toHaveLength(2);
    expect(disconnected.json.data[0].transport).toEqual({
      method: 'websocket',
      session_id: first.sessionId,
      connected_at: expect.any(String),
      disconnected_at: expect.any(String),
    });
    const online = await fx.api('/eventsub/subscriptions?type=stream.online');
    expect(online.json.data).toHaveLength(2);
    expect(online.json.total).toBe(3);
  });

  it('deletes a subscription (204), and answers 404 for one that does not exist', async () => {
    const { sessionId } = await fx.session();
    const created = await fx.subscribe(sessionId, 'stream.online');
    const id = created.json.data[0].id as string;
    expect((await fx.api(`/eventsub/subscriptions?id=${id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const again = await fx.api(`/eventsub/subscriptions?id=${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await fx.api('/eventsub/subscriptions', { method: 'DELETE' })).status).toBe(400);
    expect(fx.sim.subscriptions()).toHaveLength(0);
  });

  it('counts subscription requests like any Helix endpoint', async () => {
    const { sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'stream.online');
    await fx.api('/eventsub/subscriptions');
    expect(fx.sim.helixRequestCount('eventsub/subscriptions')).toBe(2);
  });
});
