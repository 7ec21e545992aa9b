import { BROADCASTER_SCOPES, DEFAULT_CLIENT_ID } from '../src/simulator-constants.js';
import { SimulatorFixture, type ApiResponse } from './support/simulator-fixture.js';

/** An OAuth answer: status and parsed body. */
type OAuthAnswer = Pick<ApiResponse, 'status' | 'json'>;

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('OAuth (/auth/<endpoint>)', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  /** POSTs to /auth/<endpoint> with parameters in the query string, as Twurple does. */
  async function oauth(endpoint: string, params: Record<string, string>): Promise<OAuthAnswer> {
    const response = await fetch(
      `${fx.sim.baseUrl}/auth/${endpoint}?${new URLSearchParams(params)}`,
      {
        method: 'POST',
      },
    );
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  async function validate(token: string): Promise<OAuthAnswer> {
    const response = await fetch(`${fx.sim.baseUrl}/auth/validate`, {
      headers: { Authorization: `OAuth ${token}` },
    });
    return { status: response.status, json: await response.json() };
  }

  describe('validate', () => {
    it('describes a valid token: client, user, scopes and time left', async () => {
      const answer = await validate(fx.token.accessToken);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        client_id: DEFAULT_CLIENT_ID,
        login: 'demo_streamer',
        scopes: [...BROADCASTER_SCOPES],
        user_id: '1000',
        expires_in: expect.any(Number),
      });
      expect(answer.json.expires_in).toBeGreaterThan(14_000);
    });

    it('answers 401 for an unknown or expired token', async () => {
      expect((await validate('nope')).status).toBe(401);
      fx.sim.expireAccessTokens();
      const expired = await validate(fx.token.accessToken);
      expect(expired).toEqual({
        status: 401,
        json: { error: 'Unauthorized', status: 401, message: 'invalid access token' },
      });
    });
  });

  describe('refresh_token grant', () => {
    it('rotates: the new refresh token works, the old one no longer does', async () => {
      const first = await oauth('token', {
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        refresh_token: fx.token.refreshToken,
      });
      expect(first.status).toBe(200);
      expect(first.json).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        expires_in: 14_400,
        scope: fx.token.scope,
        token_type: 'bearer',
      });
      expect(first.json.refresh_token).not.toBe(fx.token.refreshToken);
      expect((await validate(first.json.access_token)).status).toBe(200);

      const reused = await oauth('token', {
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        refresh_token: fx.token.refreshToken,
      });
      expect(reused).toEqual({
        status: 400,
        json: { error: 'Bad Request', status: 400, message: 'Invalid refresh token' },
      });

      const second = await oauth('token', {
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        refresh_token: first.json.refresh_token,
      });
      expect(second.status).toBe(200);
    });

    it('answers 400 Invalid refresh token once the refresh token is revoked', async () => {
      expect(fx.sim.revokeRefreshTokens()).toBe(1);
      const answer = await oauth('token', {
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        refresh_token: fx.token.refreshToken,
      });
      expect(answer.status).toBe(400);
      expect(answer.json.message).toBe('Invalid refresh token');
      // The access token itself still works until it expires.
      expect((await validate(fx.token.accessToken)).status).toBe(200);
    });

    it('refuses an unknown client id', async () => {
      const answer = await oauth('token', {
        grant_type: 'refresh_token',
        client_id: 'x',
        refresh_token: fx.token.refreshToken,
      });
      expect(answer).toEqual({
        status: 400,
        json: { error: 'Bad Request', status: 400, message: 'invalid client' },
      });
    });
  });

  describe('Device Code Flow', () => {
    async function startFlow(): Promise<{
      device_code: string;
      user_code: string;
      verification_uri: string;
    }> {
      const answer = await oauth('device', {
        client_id: DEFAULT_CLIENT_ID,
        scopes: 'channel:read:subscriptions bits:read',
      });
      expect(answer.status).toBe(200);
      return answer.json;
    }

    function poll(deviceCode: string): Promise<OAuthAnswer> {
      return oauth('token', {
        grant_type: DEVICE_GRANT,
        client_id: DEFAULT_CLIENT_ID,
        device_code: deviceCode,
        scopes: 'channel:read:subscriptions bits:read',
      });
    }

    it('starts with a device code, a user code, where to enter it, its lifetime and the polling interval', async () => {
      const answer = await oauth('device', { client_id: DEFAULT_CLIENT_ID, scopes: 'bits:read' });
      expect(answer.json).toEqual({
        device_code: expect.any(String),
        expires_in: 1800,
        interval: 5,
        user_code: expect.stringMatching(/^[A-Z]{8}$/),
        verification_uri: `${fx.sim.baseUrl}/activate?public=true&device-code=${answer.json.user_code}`,
      });
    });

    it('answers authorization_pending until approved, and slow_down when polled faster than the interval', async () => {
      const flow = await startFlow();
      expect(await poll(flow.device_code)).toEqual({
        status: 400,
        json: { error: 'Bad Request', status: 400, message: 'authorization_pending' },
      });
      expect((await poll(flow.device_code)).json.message).toBe('slow_down');
      expect(fx.sim.pendingDeviceCodes().map((c) => c.userCode)).toEqual([flow.user_code]);
    });

    it('gives tokens for the approved scopes once approved, and only once', async () => {
      const flow = await startFlow();
      expect(fx.sim.approveDeviceCode(flow.user_code)).toBe(true);
      const success = await poll(flow.device_code);
      expect(success.status).toBe(200);
      expect(success.json).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        expires_in: expect.any(Number),
        scope: ['channel:read:subscriptions', 'bits:read'],
        token_type: 'bearer',
      });
      expect((await validate(success.json.access_token)).json.login).toBe('demo_streamer');
      expect((await poll(flow.device_code)).json.message).toBe('invalid device code');
    });

    it('answers access_denied when the person cancels', async () => {
      const flow = await startFlow();
      expect(fx.sim.denyDeviceCode(flow.user_code)).toBe(true);
      expect((await poll(flow.device_code)).json.message).toBe('access_denied');
    });

    it('answers expired_token once the code has expired', async () => {
      await fx.stop();
      fx = await SimulatorFixture.start({
        pingIntervalMs: 0,
        deviceCodeSeconds: 1,
        deviceCodeIntervalSeconds: 0,
      });
      const flow = await startFlow();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await poll(flow.device_code)).json.message).toBe('expired_token');
      expect(fx.sim.approveDeviceCode(flow.user_code)).toBe(false);
    });

    it('can be approved on the /activate page, as someone else', async () => {
      const flow = await startFlow();
      const page = await fetch(flow.verification_uri);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`value="${flow.user_code}"`);
      const decided = await fetch(`${fx.sim.baseUrl}/activate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          user_code: flow.user_code,
          login: 'second_account',
          decision: 'approve',
        }),
      });
      expect(decided.status).toBe(200);
      const success = await poll(flow.device_code);
      expect((await validate(success.json.access_token)).json.login).toBe('second_account');
    });
  });

  describe('authorization code flow', () => {
    const redirectUri = 'http://localhost:3000/auth/twitch/callback';

    async function authorize(): Promise<URL> {
      const query = new URLSearchParams({
        client_id: DEFAULT_CLIENT_ID,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'bits:read channel:read:subscriptions',
        state: 'xyz',
      });
      const response = await fetch(`${fx.sim.baseUrl}/auth/authorize?${query}`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(302);
      return new URL(response.headers.get('location') ?? '');
    }

    it('redirects straight back with a code that is exchanged once for tokens', async () => {
      const back = await authorize();
      expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
      expect(back.searchParams.get('state')).toBe('xyz');
      expect(back.searchParams.get('scope')).toBe('bits:read channel:read:subscriptions');
      const exchange = {
        grant_type: 'authorization_code',
        client_id: DEFAULT_CLIENT_ID,
        client_secret: 'anything',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
      };
      const tokens = await oauth('token', exchange);
      expect(tokens.status).toBe(200);
      expect(tokens.json.scope).toEqual(['bits:read', 'channel:read:subscriptions']);
      expect((await oauth('token', exchange)).json.message).toBe('Invalid authorization code');
    });

    it('redirects with error=access_denied when the user is told to deny', async () => {
      fx.sim.setAuthorizeDecision({ approve: false });
      const back = await authorize();
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('state')).toBe('xyz');
      expect(back.searchParams.has('code')).toBe(false);
    });
  });

  it('revokes an access token', async () => {
    const answer = await oauth('revoke', {
      client_id: DEFAULT_CLIENT_ID,
      token: fx.token.accessToken,
    });
    expect(answer.status).toBe(200);
    expect((await validate(fx.token.accessToken)).status).toBe(401);
    expect((await oauth('revoke', { client_id: DEFAULT_CLIENT_ID, token: 'nope' })).status).toBe(
      400,
    );
  });

  it("revoking the authorization revokes the user's EventSub subscriptions too", async () => {
    const { client, sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'channel.cheer');
    fx.sim.revokeAuthorization();
    const [revocation] = await client.waitForType('revocation');
    expect(revocation.payload.subscription.status).toBe('authorization_revoked');
    expect((await validate(fx.token.accessToken)).status).toBe(401);
  });
});
