import { TWITCH_CLI_QUIRKS } from '../src/simulator-options.js';
import { DEFAULT_CLIENT_ID } from '../src/simulator-constants.js';
import { SimulatorFixture } from './support/simulator-fixture.js';

const RATE_LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];

/** The `Ratelimit-*` headers an answer carries. */
function rateLimitHeadersOf(headers: Headers): string[] {
  return RATE_LIMIT_HEADERS.filter((name) => headers.has(name));
}

describe("TWITCH_CLI_QUIRKS: the Twitch CLI's mock servers' behaviour", () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({
      ...TWITCH_CLI_QUIRKS,
      helixPointsPerMinute: 5,
      keepaliveSeconds: 60,
      pingIntervalMs: 0,
    });
  });

  afterEach(async () => {
    await fx.stop();
  });

  it('mints user tokens without a refresh token, which Twitch still accepts', async () => {
    expect(fx.token.refreshToken).toBe('');
    expect((await fx.api('/mock/users')).status).toBe(200);
    const validated = await fetch(`${fx.sim.baseUrl}/auth/validate`, {
      headers: { Authorization: `OAuth ${fx.token.accessToken}` },
    });
    expect(validated.status).toBe(200);
    expect(((await validated.json()) as { expires_in: number }).expires_in).toBeGreaterThan(0);
  });

  it('gives no refresh token from the OAuth code grant either', async () => {
    const authorize = new URL(`${fx.sim.baseUrl}/auth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: DEFAULT_CLIENT_ID,
      redirect_uri: 'http://localhost/callback',
      response_type: 'code',
      scope: 'bits:read',
    }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchanged = await fetch(
      `${fx.sim.baseUrl}/auth/token?${new URLSearchParams({
        client_id: DEFAULT_CLIENT_ID,
        client_secret: 'any',
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://localhost/callback',
      })}`,
      { method: 'POST' },
    );
    expect(exchanged.status).toBe(200);
    const token = (await exchanged.json()) as Record<string, unknown>;
    expect(token.access_token).toEqual(expect.any(String));
    expect(token).not.toHaveProperty('refresh_token');
  });

  it('answers Helix and /eventsub/subscriptions without Ratelimit-* headers, errors included', async () => {
    expect(rateLimitHeadersOf((await fx.api('/mock/streams')).headers)).toEqual([]);
    expect(rateLimitHeadersOf((await fx.api('/mock/users', { token: 'nope' })).headers)).toEqual(
      [],
    );
    const { sessionId } = await fx.session();
    const created = await fx.subscribe(sessionId, 'channel.raid');
    expect(created.status).toBe(202);
    expect(rateLimitHeadersOf(created.headers)).toEqual([]);
    expect(rateLimitHeadersOf((await fx.api('/eventsub/subscriptions')).headers)).toEqual([]);
  });

  it('rate-limits nothing, like the CLI', async () => {
    // helixPointsPerMinute is 5 here: Twitch-like answers would turn 429 at the sixth request.
    for (let request = 0; request < 8; request++) {
      expect((await fx.api('/mock/streams')).status).toBe(200);
    }
  });

  it('still answers an injected 429, without headers', async () => {
    fx.sim.failHelix({ endpoint: 'streams', status: 429, count: 1 });
    const answer = await fx.api('/mock/streams');
    expect(answer.status).toBe(429);
    expect(rateLimitHeadersOf(answer.headers)).toEqual([]);
  });
});

describe('without TWITCH_CLI_QUIRKS (the default, like Twitch)', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  it('mints refresh tokens and sends Ratelimit-* headers', async () => {
    expect(fx.token.refreshToken).not.toBe('');
    expect(rateLimitHeadersOf((await fx.api('/mock/streams')).headers)).toEqual(RATE_LIMIT_HEADERS);
  });
});
