import { SimulatorFixture } from './support/simulator-fixture.js';

describe('Helix (/mock/<endpoint>)', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  describe('authentication', () => {
    it.each([
      ['no token', { token: null }, 'OAuth token is missing'],
      ['an unknown token', { token: 'not-a-token' }, 'Invalid OAuth token'],
      ['no Client-Id', { clientId: null }, 'Client-Id header required'],
    ])("answers 401 in Twitch's shape for %s", async (_what, init, message) => {
      const answer = await fx.api('/mock/streams', init);
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: 'Unauthorized', status: 401, message });
      expect(answer.headers.get('content-type')).toBe('application/json');
      // Twurple's rate limiter needs these on every answer, errors included.
      expect(answer.headers.get('ratelimit-limit')).toBe('800');
    });

    it('answers 401 for an expired or revoked token', async () => {
      fx.sim.expireAccessTokens();
      expect((await fx.api('/mock/streams')).status).toBe(401);
      fx.token = fx.sim.mintUserToken();
      expect((await fx.api('/mock/streams')).status).toBe(200);
      fx.sim.revokeAuthorization();
      expect((await fx.api('/mock/streams')).status).toBe(401);
    });
  });

  describe('goals', () => {
    it('lists the creator goals running now, for the broadcaster with channel:read:goals', async () => {
      expect((await fx.api('/mock/goals?broadcaster_id=1000')).json).toEqual({ data: [] });
      fx.sim.trigger('channel.goal.begin', {
        goalType: 'new_bit',
        target: 5000,
        description: 'New mic',
      });
      const answer = await fx.api('/mock/goals?broadcaster_id=1000');
      expect(answer.json.data).toEqual([
        {
          id: expect.any(String),
          broadcaster_id: '1000',
          broadcaster_name: 'Demo_Streamer',
          broadcaster_login: 'demo_streamer',
          type: 'new_bit',
          description: 'New mic',
          current_amount: 0,
          target_amount: 5000,
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        },
      ]);
      fx.sim.trigger('channel.goal.end', { goalType: 'new_bit' });
      expect((await fx.api('/mock/goals?broadcaster_id=1000')).json).toEqual({ data: [] });
    });

    it("refuses another channel's goals and a token without the scope", async () => {
      fx.sim.trigger('channel.follow', { user: 'alice' });
      const alice = fx.sim.user('alice');
      expect((await fx.api(`/mock/goals?broadcaster_id=${alice?.id}`)).status).toBe(401);
      const withoutScope = fx.sim.mintUserToken({ scopes: ['bits:read'] });
      const answer = await fx.api('/mock/goals?broadcaster_id=1000', {
        token: withoutScope.accessToken,
      });
      expect(answer.status).toBe(401);
      expect(answer.json.message).toBe('Missing scope: channel:read:goals');
    });
  });

  describe('users', () => {
    it("returns the token's user when asked for nobody", async () => {
      const answer = await fx.api('/mock/users');
      expect(answer.json.data).toEqual([
        {
          id: '1000',
          login: 'demo_streamer',
          display_name: 'Demo_Streamer',
          type: '',
          broadcaster_type: 'affiliate',
          description: '',
          profile_image_url: expect.any(String),
          offline_image_url: '',
          view_count: 0,
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        },
      ]);
    });

    it('finds users by id and login, and leaves out ones it does not know', async () => {
      fx.sim.trigger('channel.follow', { user: 'alice' });
      const alice = fx.sim.user('alice');
      const answer = await fx.api(
        `/mock/users?id=${alice.id}&login=demo_streamer&login=nobody_here`,
      );
      expect(answer.json.data.map((u: { login: string }) => u.login)).toEqual([
        'alice',
        'demo_streamer',
      ]);
    });
  });

  describe('streams', () => {
    it('lists the stream only while the channel is live, with its numbers', async () => {
      expect((await fx.api('/mock/streams?user_id=1000')).json).toEqual({
        data: [],
        pagination: {},
      });
      fx.sim.trigger('stream.online', { title: 'Testing', game: 'Chess', viewers: 7 });
      const live = await fx.api('/mock/streams?user_id=1000');
      expect(live.json.data).toEqual([
        {
          id: expect.any(String),
          user_id: '1000',
          user_login: 'demo_streamer',
          user_name: 'Demo_Streamer',
          game_id: expect.any(String),
          game_name: 'Chess',
          type: 'live',
          title: 'Testing',
          tags: expect.any(Array),
          viewer_count: 7,
          started_at: expect.stringMatching(/Z$/),
          language: 'en',
          thumbnail_url: expect.stringContaining('{width}x{height}'),
          tag_ids: [],
          is_mature: false,
        },
      ]);
      fx.sim.setViewerCount(99);
      expect(
        (await fx.api('/mock/streams?user_login=demo_streamer')).json.data[0].viewer_count,
      ).toBe(99);
      fx.sim.trigger('channel.raid', { user: 'raider', viewers: 11 });
      expect((await fx.api('/mock/streams')).json.data[0].viewer_count).toBe(110);
      fx.sim.trigger('stream.offline');
      expect((await fx.api('/mock/streams?user_id=1000')).json.data).toEqual([]);
    });
  });

  describe('channels/followers', () => {
    it('reports a total that follows the follows, and the list newest first', async () => {
      expect((await fx.api('/mock/channels/followers?broadcaster_id=1000')).json).toEqual({
        total: 0,
        data: [],
        pagination: {},
      });
      fx.sim.trigger('channel.follow', { user: 'alice' });
      fx.sim.trigger('channel.follow', { user: 'bob' });
      fx.sim.trigger('channel.follow', { user: 'alice' }); // following again changes nothing
      const answer = await fx.api('/mock/channels/followers?broadcaster_id=1000');
      expect(answer.json.total).toBe(2);
      expect(answer.json.data).toEqual([
        {
          user_id: expect.any(String),
          user_login: 'alice',
          user_name: 'alice',
          followed_at: expect.any(String),
        },
        {
          user_id: expect.any(String),
          user_login: 'bob',
          user_name: 'bob',
          followed_at: expect.any(String),
        },
      ]);
      const firstPage = await fx.api('/mock/channels/followers?broadcaster_id=1000&first=1');
      expect(firstPage.json.data).toHaveLength(1);
      const secondPage = await fx.api(
        `/mock/channels/followers?broadcaster_id=1000&first=1&after=${firstPage.json.pagination.cursor}`,
      );
      expect(secondPage.json.data[0].user_login).toBe('bob');
      expect(secondPage.json.pagination).toEqual({});
    });

    it('gives only the total without moderator:read:followers', async () => {
      fx.sim.trigger('channel.follow', { user: 'alice' });
      const token = fx.sim.mintUserToken({ scopes: ['bits:read'] }).accessToken;
      const answer = await fx.api('/mock/channels/followers?broadcaster_id=1000', { token });
      expect(answer.json).toEqual({ total: 1, data: [], pagination: {} });
    });

    it('needs broadcaster_id', async () => {
      expect((await fx.api('/mock/channels/followers')).status).toBe(400);
    });
  });

  describe('subscriptions', () => {
    it('reports total and points that follow subs and gifts', async () => {
      fx.sim.trigger('channel.subscribe', { user: 'carol', tier: 3 });
      fx.sim.trigger('channel.subscription.gift', { user: 'dave', total: 2, tier: 1 });
      const answer = await fx.api('/mock/subscriptions?broadcaster_id=1000');
      expect(answer.status).toBe(200);
      expect(answer.json.total).toBe(3);
      expect(answer.json.points).toBe(6 + 1 + 1);
      expect(answer.json.data[2]).toEqual({
        broadcaster_id: '1000',
        broadcaster_login: 'demo_streamer',
        broadcaster_name: 'Demo_Streamer',
        gifter_id: '',
        gifter_login: '',
        gifter_name: '',
        is_gift: false,
        plan_name: expect.any(String),
        tier: '3000',
        user_id: expect.any(String),
        user_name: 'carol',
        user_login: 'carol',
      });
      expect(answer.json.data[0]).toMatchObject({ is_gift: true, gifter_login: 'dave' });
    });

    it("needs channel:read:subscriptions and the broadcaster's own token", async () => {
      const noScope = fx.sim.mintUserToken({ scopes: ['bits:read'] }).accessToken;
      const missing = await fx.api('/mock/subscriptions?broadcaster_id=1000', { token: noScope });
      expect(missing.status).toBe(401);
      expect(missing.json.message).toBe('Missing scope: channel:read:subscriptions');
      const viewer = fx.sim.mintUserToken({ user: 'viewer' }).accessToken;
      expect(
        (await fx.api('/mock/subscriptions?broadcaster_id=1000', { token: viewer })).status,
      ).toBe(401);
    });
  });

  describe('rate limits', () => {
    it('sends Ratelimit headers and answers 429 when the bucket is spent', async () => {
      await fx.stop();
      fx = await SimulatorFixture.start({ pingIntervalMs: 0, helixPointsPerMinute: 3 });
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await fx.api('/mock/streams');
        expect(answer.status).toBe(200);
        remaining.push(answer.headers.get('ratelimit-remaining') ?? '');
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const refused = await fx.api('/mock/streams');
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({
        error: 'Too Many Requests',
        status: 429,
        message: 'Too Many Requests',
      });
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(
        Math.floor(Date.now() / 1000),
      );
      // Another user has a bucket of their own.
      const other = fx.sim.mintUserToken({ user: 'someone_else' }).accessToken;
      expect((await fx.api('/mock/streams', { token: other })).status).toBe(200);
    });
  });

  describe('faults', () => {
    it('answers 429 with an empty bucket for N requests to one endpoint', async () => {
      fx.sim.failHelix({ endpoint: 'streams', status: 429, count: 2, resetSeconds: 5 });
      for (let i = 0; i < 2; i++) {
        const answer = await fx.api('/mock/streams');
        expect(answer.status).toBe(429);
        expect(answer.headers.get('ratelimit-remaining')).toBe('0');
        expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      }
      expect((await fx.api('/mock/streams')).status).toBe(200);
      expect((await fx.api('/mock/users')).status).toBe(200);
    });

    it('answers 500 until cleared', async () => {
      fx.sim.failHelix({ endpoint: 'channels/followers', status: 500 });
      for (let i = 0; i < 3; i++) {
        const answer = await fx.api('/mock/channels/followers?broadcaster_id=1000');
        expect(answer.status).toBe(500);
        expect(answer.json).toEqual({
          error: 'Internal Server Error',
          status: 500,
          message: 'Internal Server Error',
        });
      }
      expect(fx.sim.clearHelixFaults('channels/followers')).toBe(1);
      expect((await fx.api('/mock/channels/followers?broadcaster_id=1000')).status).toBe(200);
    });

    it('answers slowly', async () => {
      fx.sim.failHelix({ endpoint: '*', delayMs: 300, count: 1 });
      const started = Date.now();
      expect((await fx.api('/mock/users')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('ends a slow answer when the simulator stops', async () => {
      fx.sim.failHelix({ endpoint: 'streams', delayMs: 60_000 });
      const pending = fx.api('/mock/streams').then(
        () => 'answered',
        () => 'connection closed',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await fx.sim.stop();
      expect(await pending).toBe('connection closed');
    });
  });

  it('counts every request per endpoint, refused ones included', async () => {
    await fx.api('/mock/streams');
    await fx.api('/mock/streams', { token: null });
    await fx.api('/mock/users');
    await fx.api('/mock/no/such/endpoint');
    expect(fx.sim.helixRequestCounts()).toEqual({ streams: 2, users: 1, 'no/such/endpoint': 1 });
    fx.sim.resetHelixRequestCounts();
    expect(fx.sim.helixRequestCount('streams')).toBe(0);
  });
});
