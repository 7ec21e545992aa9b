import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  TWITCH_CLI_QUIRKS,
  TwitchSimulator,
  type TwitchSimulatorOptions,
} from '@twitch-realtime/twitch-simulator';
import { Subject, type Observable } from 'rxjs';
import { freePort } from '../../test/support/free-port.js';
import { MemoryTokenSource } from '../../test/support/memory-token-source.js';
import { HandedLeadership } from '../../test/support/handed-leadership.js';
import { loadConfig, type Environment } from '../config/app-config.js';
import { pointTwurpleAt } from './twitch-endpoint.js';
import { TwitchSession, type TwitchSessionState } from './twitch-session.js';
import type { TwitchToken } from './twitch-token.js';

// TwitchSession with no Nest around it: an in-memory token store, a leadership the test hands
// over, and the project's Twitch simulator on loopback as Twitch (Twurple's real code path).

/** Tokens in memory; `changed$` and `announceSignIn` as a store shared by instances has them. */
class MemoryTokens extends MemoryTokenSource {
  readonly changes = new Subject<void>();
  override readonly changed$: Observable<void> = this.changes.asObservable();
  announced = 0;

  override async announceSignIn(): Promise<void> {
    this.announced++;
  }
}

describe('TwitchSession', () => {
  let simulator: TwitchSimulator;
  let tokens: MemoryTokens;
  let leadership: HandedLeadership;
  let session: TwitchSession;
  /** Every state the session went through, the one it starts in first. */
  let states: TwitchSessionState[];
  let errors: string[];
  let warnings: string[];
  let infos: string[];

  const names = () => states.map((state) => state.state);
  const detailOf = (state: TwitchSessionState) => ('detail' in state ? state.detail : '');
  /** Resolves with the first state (now or later) that passes `wanted`. */
  const reaching = (wanted: (state: TwitchSessionState) => boolean) =>
    new Promise<TwitchSessionState>((resolve) => {
      const subscription = session.state$.subscribe((state) => {
        if (!wanted(state)) return;
        queueMicrotask(() => subscription.unsubscribe());
        resolve(state);
      });
    });

  /** A token from the simulator, as the token file keeps it. */
  const minted = (options: Parameters<TwitchSimulator['mintUserToken']>[0] = {}): TwitchToken => {
    const token = simulator.mintUserToken(options);
    return {
      accessToken: token.accessToken,
      refreshToken: token.refreshToken || null,
      scope: [...token.scope],
      expiresIn: token.expiresIn,
      obtainmentTimestamp: token.obtainmentTimestamp,
    };
  };

  /** The simulator on loopback (on `port`, when given) as Twitch. */
  async function startTwitch(options: TwitchSimulatorOptions = {}, port = 0): Promise<void> {
    await simulator.stop();
    simulator = new TwitchSimulator(options);
    await simulator.start({ port });
    pointTwurpleAt(simulator.port);
  }

  /** A session over `tokens` and `leadership`, with `env` as the configuration. */
  function sessionWith(env: Environment = {}): TwitchSession {
    const config = loadConfig(
      {
        TWITCH_CLIENT_ID: DEFAULT_CLIENT_ID,
        TWITCH_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
        TWURPLE_MOCK_API_PORT: String(simulator.port),
        ...env,
      },
      null,
    );
    session = new TwitchSession(config, tokens, leadership);
    session.state$.subscribe((state) => states.push(state));
    return session;
  }

  beforeEach(async () => {
    states = [];
    errors = [];
    warnings = [];
    infos = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message) => {
      errors.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => {
      warnings.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message) => {
      infos.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => {});
    jest.spyOn(Logger.prototype, 'verbose').mockImplementation(() => {});
    simulator = new TwitchSimulator();
    await simulator.start({ port: 0 });
    pointTwurpleAt(simulator.port);
    tokens = new MemoryTokens();
    leadership = new HandedLeadership('leader');
  });

  afterEach(async () => {
    session?.onApplicationShutdown();
    await simulator.stop();
    pointTwurpleAt(null);
    jest.restoreAllMocks();
  });

  it('with the broadcaster’s token goes from connecting to ok, with the broadcaster, its scopes and a renewable token', async () => {
    tokens.token = minted();
    sessionWith();
    const state = await session.connect();
    expect(names()).toEqual(['connecting', 'connecting', 'ok']);
    if (state.state !== 'ok') throw new Error(`not ok: ${detailOf(state)}`);
    expect(state.session.broadcaster).toEqual({
      id: '1000',
      login: 'demo_streamer',
      displayName: 'Demo_Streamer',
    });
    expect(state.session.userId).toBe('1000');
    expect(state.session.scopes).toContain('bits:read');
    expect(state.session).toMatchObject({ renewable: true, tokenExpiresAt: null });
    expect(session.current).toBe(state);
    expect(infos).toContain('Signed in to Twitch as Demo_Streamer (1000).');
    expect([...errors, ...warnings]).toEqual([]);
  });

  it('with no token is signed-out, saying how to sign in, and logs it once however often it tries', async () => {
    sessionWith();
    await session.connect();
    await session.connect();
    expect(names()).toEqual(['connecting', 'connecting', 'signed-out', 'connecting', 'signed-out']);
    expect(detailOf(session.current)).toBe(
      'Nobody is signed in. Sign in with `npm run auth` or the dashboard\'s "Connect Twitch".',
    );
    expect(warnings).toEqual([detailOf(session.current)]);
  });

  it('says how to sign in through the dashboard in demo mode', async () => {
    sessionWith({ TWITCH_CLIENT_ID: '', DEMO_MODE: 'on' });
    await session.connect();
    expect(detailOf(session.current)).toMatch(/^Nobody is signed in\. Sign in with the dashboard/);
  });

  it('is unreachable while Twitch does not answer, logs that once across retries, and retries by itself until it answers', async () => {
    const port = await freePort();
    tokens.token = minted();
    await simulator.stop();
    sessionWith({ TWURPLE_MOCK_API_PORT: String(port) });
    pointTwurpleAt(port);
    expect((await session.connect()).state).toBe('unreachable');
    expect((await session.connect()).state).toBe('unreachable');
    expect(detailOf(session.current)).toMatch(
      new RegExp(`^Could not reach Twitch: .*check that the mock server on port ${port}`),
    );
    expect(warnings).toHaveLength(1);

    // Twitch comes back (a new simulator, so a token it issued) before the next retry.
    const ok = reaching((state) => state.state === 'ok');
    simulator = new TwitchSimulator();
    tokens.token = minted();
    await simulator.start({ port });
    await ok;
    expect(names().slice(-3)).toEqual(['unreachable', 'connecting', 'ok']);
  });

  it('is unauthorized when Twitch refuses the token and its refresh, until a new sign-in', async () => {
    tokens.token = minted();
    simulator.revokeAuthorization();
    sessionWith();
    // Twurple meets the 401 with a refresh, which Twitch refuses (400): asking again will not help.
    expect(await session.connect()).toEqual({
      state: 'unauthorized',
      detail:
        'Twitch refused the stored token (Twitch answered HTTP 400: Invalid refresh token). Sign in again with `npm run auth` or the dashboard\'s "Connect Twitch".',
    });
    await session.connect();
    expect(errors).toHaveLength(1);

    const fresh = minted();
    expect((await session.signIn(fresh)).state).toBe('ok');
    expect(tokens.token).toBe(fresh);
  });

  it('is unauthorized with someone else’s token, naming whose it is and what to change', async () => {
    tokens.token = minted({ user: 'alice' });
    sessionWith({ TWITCH_BROADCASTER: 'demo_streamer' });
    expect(await session.connect()).toEqual({
      state: 'unauthorized',
      detail:
        'The token belongs to alice, but the channel is demo_streamer. Sign in as demo_streamer with `npm run auth`, or set TWITCH_BROADCASTER=alice.',
    });
  });

  it('is unauthorized when TWITCH_BROADCASTER names nobody', async () => {
    tokens.token = minted();
    sessionWith({ TWITCH_BROADCASTER: 'nobody_by_that_name' });
    expect(await session.connect()).toEqual({
      state: 'unauthorized',
      detail:
        'TWITCH_BROADCASTER=nobody_by_that_name is not a Twitch user. Check the login name or id.',
    });
  });

  it('finds the broadcaster by id too', async () => {
    tokens.token = minted();
    sessionWith({ TWITCH_BROADCASTER: '1000' });
    const state = await session.connect();
    expect(state.state === 'ok' && state.session.broadcaster.login).toBe('demo_streamer');
  });

  it('lets a newer connect take over from a slower earlier one: one ok, the newer one’s', async () => {
    tokens.token = minted();
    sessionWith();
    const [earlier, newer] = await Promise.all([session.connect(), session.connect()]);
    expect(names().filter((name) => name === 'ok')).toHaveLength(1);
    expect(newer).toBe(session.current);
    // The earlier one answers what stood when it finished: still connecting, or the newer's ok.
    expect(earlier.state === 'connecting' || earlier === newer).toBe(true);
  });

  it('ends an ok session when Twitch refuses to refresh its token, and says so once', async () => {
    tokens.token = minted();
    sessionWith();
    const state = await session.connect();
    if (state.state !== 'ok') throw new Error(`not ok: ${detailOf(state)}`);
    simulator.revokeRefreshTokens();
    await expect(
      state.session.authProvider.refreshAccessTokenForUser(state.session.userId),
    ).rejects.toThrow();
    expect(session.current.state).toBe('unauthorized');
    expect(detailOf(session.current)).toMatch(
      /^Twitch refused to refresh the token \(Twitch answered HTTP 400.*\)\. Sign in again with `npm run auth`/,
    );
    session.markUnauthorized('something else');
    expect(names().filter((name) => name === 'unauthorized')).toHaveLength(1);
    expect(errors).toEqual([detailOf(session.current)]);
  });

  it('keeps a refreshed token in the store', async () => {
    const first = minted();
    tokens.token = first;
    sessionWith();
    const state = await session.connect();
    if (state.state !== 'ok') throw new Error(`not ok: ${detailOf(state)}`);
    await state.session.authProvider.refreshAccessTokenForUser(state.session.userId);
    await new Promise((resolve) => setImmediate(resolve));
    expect(tokens.token?.accessToken).not.toBe(first.accessToken);
    expect(tokens.token?.refreshToken).toBeTruthy();
  });

  describe('with a token that has no refresh token (the Twitch CLI’s mock servers)', () => {
    beforeEach(() => startTwitch(TWITCH_CLI_QUIRKS));

    it('is ok with a token that cannot be renewed, and announces its expiry once per token', async () => {
      tokens.token = minted({ expiresInSeconds: 3600 });
      expect(tokens.token.refreshToken).toBeNull();
      sessionWith();
      const state = await session.connect();
      if (state.state !== 'ok') throw new Error(`not ok: ${detailOf(state)}`);
      expect(state.session.renewable).toBe(false);
      expect(state.session.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
      await session.connect();
      const notices = warnings.filter((line) => line.includes('cannot be renewed'));
      expect(notices).toEqual([
        `The Twitch token expires at ${state.session.tokenExpiresAt?.toISOString()} and cannot be renewed (it has no refresh token): sign in with \`npm run auth\` before then.`,
      ]);
    });

    it('ends the session once Twitch no longer accepts the token', async () => {
      tokens.token = minted();
      sessionWith();
      const state = await session.connect();
      if (state.state !== 'ok') throw new Error(`not ok: ${detailOf(state)}`);
      simulator.revokeAuthorization();
      await expect(
        state.session.authProvider.refreshAccessTokenForUser(state.session.userId),
      ).rejects.toThrow();
      expect(session.current).toEqual({
        state: 'unauthorized',
        detail:
          'Twitch no longer accepts the token (it expired or was revoked), and it has no refresh token to renew it. Sign in again with `npm run auth` or the dashboard\'s "Connect Twitch".',
      });
    });

    it('is unauthorized when the token was made for another application', async () => {
      await startTwitch({ ...TWITCH_CLI_QUIRKS, clientIds: ['anotherclientid000000000000000'] });
      tokens.token = minted({ clientId: 'anotherclientid000000000000000' });
      sessionWith();
      expect(detailOf(await session.connect())).toBe(
        `The stored token was made for the client id anotherclientid000000000000000, but TWITCH_CLIENT_ID is ${DEFAULT_CLIENT_ID}. Set TWITCH_CLIENT_ID=anotherclientid000000000000000, or sign in again with \`npm run auth\` or the dashboard's "Connect Twitch".`,
      );
    });
  });

  describe('among several instances', () => {
    it('stands by while another instance leads, and connects when this one leads', async () => {
      tokens.token = minted();
      leadership = new HandedLeadership('follower');
      sessionWith();
      session.onApplicationBootstrap();
      expect(session.current.state).toBe('standby');
      expect(await session.connect()).toBe(session.current);

      const ok = reaching((state) => state.state === 'ok');
      leadership.set('leader');
      await ok;
      leadership.set('follower');
      expect(names()).toEqual(['connecting', 'standby', 'connecting', 'ok', 'standby']);
    });

    it('the standby holds a session for EventSub but shows standby to the leader’s parts, and keeps the same session when it takes the lead', async () => {
      tokens.token = minted();
      leadership = new HandedLeadership('follower');
      sessionWith();
      const listened: TwitchSessionState[] = [];
      session.eventSubState$.subscribe((state) => listened.push(state));
      session.onApplicationBootstrap();
      const ok = new Promise<TwitchSessionState>((resolve) => {
        const subscription = session.eventSubState$.subscribe((state) => {
          if (state.state !== 'ok') return;
          queueMicrotask(() => subscription.unsubscribe());
          resolve(state);
        });
      });
      leadership.set('standby');
      const held = await ok;
      expect(session.current.state).toBe('standby');
      expect(detailOf(session.current)).toMatch(/standby/);

      leadership.set('leader');
      expect(session.current).toBe(held);
      // No new connect: EventSub goes on with the session it has.
      expect(listened.map((state) => state.state)).toEqual([
        'connecting',
        'standby',
        'connecting',
        'ok',
      ]);
      // (standby as a follower, then as the standby: the detail says which.)
      expect(names()).toEqual(['connecting', 'standby', 'standby', 'ok']);

      leadership.set('follower');
      expect(session.current.state).toBe('standby');
      expect(listened.at(-1)?.state).toBe('standby');
    });

    it('on the standby connects with a token another instance stored, and stores its own sign-in for the leader too', async () => {
      leadership = new HandedLeadership('standby');
      sessionWith();
      const listened: TwitchSessionState[] = [];
      session.eventSubState$.subscribe((state) => listened.push(state));
      session.onApplicationBootstrap();
      await new Promise<void>((resolve) => {
        const subscription = session.eventSubState$.subscribe((state) => {
          if (state.state !== 'signed-out') return;
          queueMicrotask(() => subscription.unsubscribe());
          resolve();
        });
      });
      expect(await session.signIn(minted())).toMatchObject({ state: 'standby' });
      expect(tokens.announced).toBe(1);
      expect(listened.at(-1)?.state).toBe('ok');
    });

    it('on a follower stores a sign-in for the leader and tells the others, without connecting', async () => {
      leadership = new HandedLeadership('follower');
      sessionWith();
      session.onApplicationBootstrap();
      const token = minted();
      expect((await session.signIn(token)).state).toBe('standby');
      expect(tokens.token).toBe(token);
      expect(tokens.announced).toBe(1);
    });

    it('on the leader connects with a token another instance stored', async () => {
      sessionWith();
      const signedOut = reaching((state) => state.state === 'signed-out');
      session.onApplicationBootstrap();
      await signedOut;
      const ok = reaching((state) => state.state === 'ok');
      tokens.token = minted();
      tokens.changes.next();
      await ok;
    });
  });
});
