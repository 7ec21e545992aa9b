/**
 * The service against a simulator with the Twitch CLI mock servers' quirks (`TWITCH_CLI_QUIRKS`):
 * user tokens without refresh tokens, and Helix and `/eventsub/subscriptions` answers without
 * `Ratelimit-*` headers. Signed in the way the README's recipe says: TWITCH_ACCESS_TOKEN seeds the
 * token file.
 */
import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import { TWITCH_CLI_QUIRKS } from '@twitch-realtime/twitch-simulator';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { StatsPoller } from '../../src/stats/stats-poller.js';
import { TwitchSession } from '../../src/twitch/twitch-session.js';
import { startSignInTestApp, type SignInTestApp } from '../auth/auth-harness.js';
import { eventually } from '../support/eventually.js';
import { LogCapture } from '../support/log-capture.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

const ALL_DEFAULT = DEFAULT_EVENT_TYPES.length;

/** How often `pattern` occurs in `text`. */
function occurrences(text: string, pattern: RegExp): number {
  return [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))]
    .length;
}

/** EventSub connected, with every configured subscription enabled. */
function allSubscriptionsEnabled({ eventsub }: HealthReport): boolean {
  const subscriptions = eventsub?.subscriptions ?? [];
  return (
    eventsub?.state === 'connected' &&
    subscriptions.length === ALL_DEFAULT &&
    subscriptions.every((entry) => entry.status === 'enabled')
  );
}

const EXPIRY_NOTICE = /token expires at \S+ and cannot be renewed .*npm run auth. before then/;

describe("a token without a refresh token, against Helix without Ratelimit headers (the Twitch CLI's mock servers)", () => {
  const logs = new LogCapture();
  let service: SignInTestApp;

  const twitch = async () => (await service.health()).twitch;

  beforeAll(async () => {
    logs.start();
    service = await startSignInTestApp({}, TWITCH_CLI_QUIRKS);
    const minted = service.simulator.mintUserToken();
    expect(minted.refreshToken).toBe('');
    await service.restart({ TWITCH_ACCESS_TOKEN: minted.accessToken });
    await eventually(async () => (await twitch()).state === 'ok', 'signed in');
  });

  afterAll(async () => {
    await service?.close();
    logs.stop();
  });

  it('connects EventSub and gets every subscription enabled', async () => {
    await eventually(
      async () => allSubscriptionsEnabled(await service.health()),
      'EventSub connected with every default subscription enabled',
    );
    expect(service.simulator.subscriptions({ status: 'enabled' })).toHaveLength(ALL_DEFAULT);
  });

  it('delivers a follow triggered at Twitch to an SSE client', async () => {
    await eventually(async () => allSubscriptionsEnabled(await service.health()), 'EventSub');
    const client = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream?types=event&events=channel.follow`,
    );
    try {
      service.simulator.trigger('channel.follow', { user: 'cli_follower' });
      await eventually(
        () =>
          client.messages.some(
            ({ json }) =>
              (json as { data?: { user_login?: string } }).data?.user_login === 'cli_follower',
          ),
        'the follow on the stream',
      );
    } finally {
      await client.close();
    }
  });

  it('delivers a resub shaped as the Twitch CLI sends it once, as the latest sub', async () => {
    await eventually(async () => allSubscriptionsEnabled(await service.health()), 'EventSub');
    const client = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream?types=event,labels&events=channel.subscription.message`,
    );
    try {
      const broadcaster = service.simulator.user('demo_streamer');
      // `twitch event trigger channel.subscription.message --transport=websocket --to-user <id>`:
      // login and name alike, and an emote range that starts one early, on the space.
      const resub = {
        user_id: '51000001',
        user_login: 'testFromUser',
        user_name: 'testFromUser',
        broadcaster_user_id: broadcaster.id,
        broadcaster_user_login: broadcaster.login,
        broadcaster_user_name: broadcaster.login,
        tier: '1000',
        message: {
          text: 'Hello from the Twitch CLI! twitchdevLeek',
          emotes: [{ begin: 26, end: 39, id: '304456816' }],
        },
        cumulative_months: 17,
        streak_months: 12,
        duration_months: 1,
      };
      expect(service.simulator.deliver('channel.subscription.message', resub).delivered).toBe(1);
      await client.waitFor(
        (c) =>
          c.messages.some(({ json }) => (json as { type: string }).type === 'event') &&
          c.messages.some(
            ({ json }) =>
              (json as { data?: { latestSub?: { name?: string } } }).data?.latestSub?.name ===
              'testFromUser',
          ),
        10_000,
        'the resub and the labels it moves',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const events = client.messages
        .map(({ json }) => json as { type: string; event?: string; data: unknown })
        .filter((message) => message.type === 'event');
      expect(events).toEqual([
        expect.objectContaining({ event: 'channel.subscription.message', data: resub }),
      ]);
    } finally {
      await client.close();
    }
  });

  it('polls Helix', async () => {
    await service.app.get(StatsPoller).pollNow();
    await eventually(async () => (await service.health()).poll?.ok === true, 'a good poll');
    expect(service.simulator.helixRequestCount('streams')).toBeGreaterThan(0);
  });

  it('/api/health says when the token expires and that it cannot be renewed', async () => {
    const state = await twitch();
    expect(state).toMatchObject({ state: 'ok', broadcaster: 'demo_streamer', renewable: false });
    // The simulator's tokens live four hours.
    const expiresInMs = Date.parse(state.tokenExpiresAt ?? '') - Date.now();
    expect(expiresInMs).toBeGreaterThan(3 * 3600_000);
    expect(expiresInMs).toBeLessThanOrEqual(4 * 3600_000);
  });

  it('logs the expiry once, with what to do before then — also after a reconnect', async () => {
    const reconnected = await fetch(`${service.baseUrl}/api/admin/twitch/reconnect`, {
      method: 'POST',
    });
    expect(((await reconnected.json()) as { state: string }).state).toBe('ok');
    expect(occurrences(logs.output, EXPIRY_NOTICE)).toBe(1);
  });

  it('turns unauthorized, with the fix, logged once, when the token expires at Twitch', async () => {
    await eventually(async () => allSubscriptionsEnabled(await service.health()), 'EventSub');
    service.simulator.expireAccessTokens();
    await service.app.get(StatsPoller).pollNow(); // a Helix call meets the 401
    await eventually(async () => (await twitch()).state === 'unauthorized', 'unauthorized');
    const { detail } = await twitch();
    expect(detail).toMatch(/no longer accepts the token.*no refresh token.*npm run auth/);
    expect(detail).not.toContain('expired at'); // by its own clock it has hours left
    await eventually(
      async () => (await service.health()).eventsub?.state === 'unauthorized',
      'EventSub stopped',
    );
    // Asking again changes nothing, and says nothing new.
    await service.app.get(StatsPoller).pollNow();
    await fetch(`${service.baseUrl}/api/admin/twitch/reconnect`, { method: 'POST' });
    expect((await twitch()).state).toBe('unauthorized');
    expect(occurrences(logs.output, /no longer accepts the token.*npm run auth/)).toBe(1);
  });

  it('turns unauthorized again, logged again, when a new token is revoked', async () => {
    const refused = /no longer accepts the token.*npm run auth/;
    const loggedBefore = occurrences(logs.output, refused);
    const session = service.app.get(TwitchSession);
    const fresh = service.simulator.mintUserToken();
    await session.signIn({
      accessToken: fresh.accessToken,
      refreshToken: null,
      scope: [],
      expiresIn: null,
      obtainmentTimestamp: Date.now(),
    });
    expect((await twitch()).state).toBe('ok');
    await eventually(async () => allSubscriptionsEnabled(await service.health()), 'EventSub');
    service.simulator.revokeAuthorization();
    await service.app.get(StatsPoller).pollNow();
    await eventually(async () => (await twitch()).state === 'unauthorized', 'unauthorized');
    expect((await twitch()).detail).toMatch(/revoked.*no refresh token.*npm run auth/);
    expect(occurrences(logs.output, refused)).toBe(loggedBefore + 1);
    // The new token's expiry was announced too: once per token.
    expect(occurrences(logs.output, EXPIRY_NOTICE)).toBe(2);
  });

  it('turns unauthorized at the expiry by itself, with the fix, logged once', async () => {
    const shortLived = service.simulator.mintUserToken({ expiresInSeconds: 3 });
    await service.app.get(TwitchSession).signIn({
      accessToken: shortLived.accessToken,
      refreshToken: null,
      scope: [],
      expiresIn: shortLived.expiresIn,
      obtainmentTimestamp: shortLived.obtainmentTimestamp,
    });
    // No request fails meanwhile: the session checks with Twitch when the token expires.
    await eventually(
      async () => /expired at/.test((await twitch()).detail ?? ''),
      'unauthorized at the expiry',
    );
    const { state, detail } = await twitch();
    expect(state).toBe('unauthorized');
    expect(detail).toMatch(/token expired at \S+, and it has no refresh token.*npm run auth/);
    expect(occurrences(logs.output, /token expired at \S+, and it has no refresh token/)).toBe(1);
  });
});

describe('Helix without Ratelimit headers, with a token that can be renewed', () => {
  let service: TwitchTestApp;

  afterAll(async () => {
    await service?.close();
  });

  it('creates every EventSub subscription and polls, instead of holding the requests forever', async () => {
    service = await startTwitchTestApp({}, { rateLimitHeaders: false });
    await eventually(
      async () =>
        allSubscriptionsEnabled(
          (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport,
        ),
      'EventSub connected with every default subscription enabled',
    );
    await service.app.get(StatsPoller).pollNow();
    const health = (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;
    expect(health.poll?.ok).toBe(true);
    expect(health.twitch).toMatchObject({ state: 'ok', renewable: true });
    expect(health.twitch).not.toHaveProperty('tokenExpiresAt');
  });
});

describe('states that keep the service from working are logged once, with the fix', () => {
  const logs = new LogCapture();
  let service: SignInTestApp | undefined;

  beforeEach(() => logs.start());

  afterEach(async () => {
    await service?.close();
    service = undefined;
    logs.stop();
  });

  it('signed-out: once, however often it is asked to connect', async () => {
    service = await startSignInTestApp();
    await eventually(
      async () => (await service!.health()).twitch.state === 'signed-out',
      'signed out',
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      await fetch(`${service.baseUrl}/api/admin/twitch/reconnect`, { method: 'POST' });
    }
    expect(occurrences(logs.output, /Nobody is signed in\. Sign in with `npm run auth`/)).toBe(1);
  });

  it('a refresh token Twitch refuses at start: unauthorized with the fix, not retried as unreachable', async () => {
    service = await startSignInTestApp({
      TWITCH_REFRESH_TOKEN: 'a-refresh-token-twitch-never-made',
    });
    await eventually(
      async () => (await service!.health()).twitch.state !== 'connecting',
      'the first attempt',
    );
    const { state, detail } = (await service.health()).twitch;
    expect(state).toBe('unauthorized');
    expect(detail).toMatch(/refused the stored token.*Invalid refresh token.*npm run auth/);
    expect(occurrences(logs.output, /refused the stored token/)).toBe(1);
  });

  it('unreachable: once when it begins, not on every retry', async () => {
    const session = { unreachable: 0 };
    service = await startSignInTestApp({
      // Nothing listens there.
      TWURPLE_MOCK_API_PORT: '1',
      TWITCH_ACCESS_TOKEN: 'an-access-token',
      TWITCH_REFRESH_TOKEN: 'a-refresh-token',
    });
    const subscription = service.app.get(TwitchSession).state$.subscribe((state) => {
      if (state.state === 'unreachable') session.unreachable++;
    });
    try {
      // The first attempt, then retries after 1 s and 2 s.
      await eventually(() => session.unreachable >= 2, 'two retries that failed too');
    } finally {
      subscription.unsubscribe();
    }
    expect(occurrences(logs.output, /Could not reach Twitch/)).toBe(1);
    expect((await service.health()).twitch.detail).toMatch(
      /Could not reach Twitch.*mock server on port 1/,
    );
  });
});
