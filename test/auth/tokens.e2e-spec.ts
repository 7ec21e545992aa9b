import { readFileSync, statSync } from 'node:fs';
import type { TwitchToken } from '../../src/twitch/twitch-token.js';
import { StatsPoller } from '../../src/stats/stats-poller.js';
import { LogCapture } from '../support/log-capture.js';
import { eventually } from '../support/eventually.js';
import { startSignInTestApp, type SignInTestApp } from './auth-harness.js';

const readToken = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as TwitchToken;

describe('tokens: seeded, refreshed, persisted, revoked — and never logged', () => {
  const logs = new LogCapture();
  /** Every secret the service was given or obtained during these tests. */
  const secrets = new Set<string>();
  let service: SignInTestApp;

  const remember = (token: Partial<TwitchToken>) => {
    if (token.accessToken) secrets.add(token.accessToken);
    if (token.refreshToken) secrets.add(token.refreshToken);
  };
  const twitchState = async () => (await service.health()).twitch;

  beforeAll(async () => {
    logs.start();
    service = await startSignInTestApp();
  });

  afterAll(async () => {
    await service?.close();
    logs.stop();
  });

  it('stores a token seeded from TWITCH_ACCESS_TOKEN/TWITCH_REFRESH_TOKEN in an owner-only file and connects', async () => {
    const minted = service.simulator.mintUserToken();
    remember(minted);
    // Like a streamer pasting tokens into .env: the first start stores them.
    await service.restart({
      TWITCH_ACCESS_TOKEN: minted.accessToken,
      TWITCH_REFRESH_TOKEN: minted.refreshToken,
    });
    await eventually(async () => (await twitchState())?.state === 'ok', 'signed in from the seed');
    expect(statSync(service.tokenFile).mode & 0o777).toBe(0o600);
    expect(statSync(service.tokenFile.replace(/\/[^/]+$/, '')).mode & 0o777).toBe(0o700);
    expect(readToken(service.tokenFile)).toMatchObject({
      accessToken: minted.accessToken,
      refreshToken: minted.refreshToken,
    });
  });

  it('refreshes an expired access token, rotating the refresh token, and persists it across a restart', async () => {
    const before = readToken(service.tokenFile);
    service.simulator.expireAccessTokens();
    await service.app.get(StatsPoller).pollNow(); // a Helix call meets the 401 and refreshes
    await eventually(
      () => readToken(service.tokenFile).refreshToken !== before.refreshToken,
      'a refreshed token on disk',
    );
    const after = readToken(service.tokenFile);
    remember(after);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(statSync(service.tokenFile).mode & 0o777).toBe(0o600);
    expect((await service.health()).poll?.ok).toBe(true);

    await service.restart();
    await eventually(
      async () => (await twitchState())?.state === 'ok',
      'signed in again after the restart',
    );
    remember(readToken(service.tokenFile));
  });

  it('turns unauthorized, with a clear log line, when Twitch revokes the refresh token — and keeps serving', async () => {
    service.simulator.revokeRefreshTokens();
    service.simulator.expireAccessTokens();
    await service.app.get(StatsPoller).pollNow();
    await eventually(async () => (await twitchState())?.state === 'unauthorized', 'unauthorized');
    expect((await twitchState())?.detail).toContain('npm run auth');
    await eventually(
      async () => (await service.health()).eventsub?.state === 'unauthorized',
      'EventSub unauthorized',
    );
    expect(logs.output).toMatch(/refused to refresh the token.*npm run auth/);
    expect((await fetch(`${service.baseUrl}/widgets/goal`)).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/api/events/recent`)).status).toBe(200);
  });

  it('names the wrong account when the token is not the broadcaster’s', async () => {
    const other = service.simulator.mintUserToken({ user: 'someone_else' });
    remember(other);
    await service.restart({ TWITCH_BROADCASTER: 'demo_streamer' }, other);
    await eventually(
      async () => (await twitchState())?.state === 'unauthorized',
      'unauthorized for the wrong account',
    );
    const detail = (await twitchState())?.detail ?? '';
    expect(detail).toContain('someone_else');
    expect(detail).toContain('demo_streamer');
    expect(detail).toContain('npm run auth');
  });

  it('names the event types whose scopes the token lacks', async () => {
    const narrow = service.simulator.mintUserToken({ scopes: ['moderator:read:followers'] });
    remember(narrow);
    await service.restart({}, narrow);
    const response = await fetch(`${service.baseUrl}/api/admin/twitch/reconnect`, {
      method: 'POST',
    });
    const view = (await response.json()) as { state: string; missing: string[] };
    expect(view).toMatchObject({
      state: 'ok',
      missing: [
        'channel.subscribe',
        'channel.subscription.message',
        'channel.subscription.gift',
        'channel.cheer',
      ],
    });
    expect(JSON.stringify(view)).not.toContain(narrow.accessToken);
  });

  it('never wrote a token, refresh token or client secret to the logs', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(6);
    for (const secret of [...secrets, 'simulatorclientsecret000000000']) {
      expect(logs.output).not.toContain(secret);
    }
  });
});
