import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  TwitchSimulator,
} from '@twitch-realtime/twitch-simulator';
import { BehaviorSubject } from 'rxjs';
import { eventually } from '../../test/support/eventually.js';
import { MemoryTokenSource } from '../../test/support/memory-token-source.js';
import { SoleInstance } from '../leadership/leadership.js';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import type { EventSubStatus } from '../contract/sse-contract.js';
import { pointTwurpleAt } from '../twitch/twitch-endpoint.js';
import {
  TwitchSession,
  type ActiveTwitchSession,
  type TwitchSessionState,
} from '../twitch/twitch-session.js';
import { EventSubConnection } from './eventsub-connection.js';
import { EventSubStatusModel } from './eventsub-status.js';
import type { Notification } from './notification.js';
import { ReconnectSupervisor } from './reconnect-supervisor.js';
import { StaleSubscriptionCleanup } from './stale-subscription-cleanup.js';
import type { TwitchEventIngest } from './twitch-event-ingest.js';

// EventSubConnection with no Nest around it, against the project's Twitch simulator on loopback.
// The Twitch session is a stand-in whose state the test sets (its `ok` session is a real one,
// signed in to the simulator); the ingest records the notifications it is handed.

const EVENTS = 'channel.follow,channel.cheer,channel.raid';

/** The part of `TwitchSession` the connection uses, with its state in the test's hands. */
class SessionStates {
  readonly subject = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
  readonly eventSubState$ = this.subject.asObservable();
  readonly markedUnauthorized: string[] = [];

  set(state: TwitchSessionState): void {
    this.subject.next(state);
  }

  markUnauthorized(detail: string): void {
    this.markedUnauthorized.push(detail);
    this.set({ state: 'unauthorized', detail });
  }
}

describe('EventSubConnection', () => {
  let simulator: TwitchSimulator;
  let config: AppConfig;
  let tokens: MemoryTokenSource;
  let signIn: TwitchSession;
  let active: ActiveTwitchSession;
  let states: SessionStates;
  let status: EventSubStatusModel;
  let supervisor: ReconnectSupervisor;
  let connection: EventSubConnection;
  let received: Notification[];
  let errors: string[];
  let warnings: string[];

  const current = () => connection.status;
  const subscriptionOf = (type: string) =>
    current().subscriptions?.find((entry) => entry.type === type);
  const everyEnabled = () =>
    current().state === 'connected' &&
    (current().subscriptions ?? []).every((entry) => entry.status === 'enabled');

  /** Signs in to the simulator with a token of `scopes` (all by default): the `ok` session. */
  async function signedIn(scopes?: readonly string[]): Promise<ActiveTwitchSession> {
    const minted = simulator.mintUserToken(scopes ? { scopes } : {});
    tokens = new MemoryTokenSource({
      accessToken: minted.accessToken,
      refreshToken: minted.refreshToken,
      scope: [...minted.scope],
      expiresIn: minted.expiresIn,
      obtainmentTimestamp: minted.obtainmentTimestamp,
    });
    signIn = new TwitchSession(config, tokens, new SoleInstance('test'));
    const state = await signIn.connect();
    if (state.state !== 'ok') throw new Error(`could not sign in to the simulator: ${state.state}`);
    return state.session;
  }

  beforeEach(async () => {
    errors = [];
    warnings = [];
    received = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message) => {
      errors.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => {
      warnings.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => {});
    jest.spyOn(Logger.prototype, 'verbose').mockImplementation(() => {});
    simulator = new TwitchSimulator({ keepaliveSeconds: 5 });
    await simulator.start({ port: 0 });
    pointTwurpleAt(simulator.port);
    config = loadConfig(
      {
        TWITCH_CLIENT_ID: DEFAULT_CLIENT_ID,
        TWITCH_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
        TWURPLE_MOCK_API_PORT: String(simulator.port),
        EVENTSUB_EVENTS: EVENTS,
      },
      null,
    );
    states = new SessionStates();
    status = new EventSubStatusModel();
    supervisor = new ReconnectSupervisor(status);
    const ingest = {
      receive: (notification: Notification) => received.push(notification),
      sessionJoined: () => undefined,
    };
    connection = new EventSubConnection(
      config,
      states as unknown as TwitchSession,
      ingest as unknown as TwitchEventIngest,
      status,
      supervisor,
      new StaleSubscriptionCleanup(),
    );
    connection.onModuleInit();
  });

  afterEach(async () => {
    connection.onApplicationShutdown();
    signIn?.onApplicationShutdown();
    await simulator.stop();
    pointTwurpleAt(null);
    jest.restoreAllMocks();
  });

  it('waits while the session connects, then subscribes to every configured type for the broadcaster and says connected', async () => {
    const told: EventSubStatus[] = [];
    connection.status$.subscribe((change) => told.push(change));
    expect(current().state).toBe('starting');
    states.set({ state: 'connecting' });
    expect(current().state).toBe('starting');

    active = await signedIn();
    states.set({ state: 'ok', session: active });
    await eventually(everyEnabled, 'every subscription enabled');

    const atTwitch = simulator.subscriptions({ status: 'enabled' });
    expect(atTwitch.map((sub) => sub.type).sort()).toEqual(EVENTS.split(',').sort());
    for (const sub of atTwitch) {
      expect(JSON.stringify(sub.condition)).toContain('"1000"');
      expect((sub.transport as { session_id: string }).session_id).toBe(current().sessionId);
    }
    expect(told[0]?.subscriptions?.map((entry) => entry.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    expect(told.at(-1)?.state).toBe('connected');
    expect([...errors, ...warnings]).toEqual([]);
  });

  it('hands each notification to the ingest whole: its type, Twitch’s event object, message_id and arrival', async () => {
    active = await signedIn();
    states.set({ state: 'ok', session: active });
    await eventually(everyEnabled, 'every subscription enabled');
    const [follow] = simulator.trigger('channel.follow', { user: 'alice' }).events;
    const [raid] = simulator.trigger('channel.raid', { user: 'bob', viewers: 7 }).events;
    await eventually(() => received.length === 2, 'two notifications');
    expect(received).toEqual([
      {
        type: 'channel.follow',
        data: follow?.event,
        messageId: expect.any(String),
        receivedAt: expect.any(Number),
        redelivered: false,
      },
      {
        type: 'channel.raid',
        data: raid?.event,
        messageId: expect.any(String),
        receivedAt: expect.any(Number),
        redelivered: false,
      },
    ]);
    expect(received[0]?.messageId).not.toBe(received[1]?.messageId);
  });

  it('does not subscribe to a type the token lacks the scope for, and says which scope to sign in with', async () => {
    active = await signedIn(['moderator:read:followers']);
    states.set({ state: 'ok', session: active });
    await eventually(
      () =>
        current().state === 'connected' && subscriptionOf('channel.follow')?.status === 'enabled',
      'the follow subscription enabled',
    );
    const lacking =
      'channel.cheer needs the scope bits:read, which the token lacks: sign in again with `npm run auth`.';
    expect(subscriptionOf('channel.cheer')).toEqual({
      type: 'channel.cheer',
      status: 'missing_scope',
      error: lacking,
    });
    expect(warnings).toContain(lacking);
    expect(simulator.subscriptions({ type: 'channel.cheer' })).toEqual([]);
    // A raid needs no scope.
    expect(subscriptionOf('channel.raid')?.status).toBe('enabled');
  });

  it('says which of Twitch’s limits a 429 hit, and what to do', async () => {
    // A Twitch that allows no more subscription of a type and condition: as when other copies
    // of the service (or other tools on the same app and account) hold them all.
    const port = simulator.port;
    await simulator.stop();
    simulator = new TwitchSimulator({ keepaliveSeconds: 5, limits: { sameConditionPerClient: 0 } });
    await simulator.start({ port });
    active = await signedIn();
    states.set({ state: 'ok', session: active });
    await eventually(
      () => subscriptionOf('channel.follow')?.status === 'failed',
      'the follow subscription refused',
    );
    const why =
      /Twitch allows 3 EventSub WebSocket connections per app and account, and the same type and condition 3 times; this service holds 1 .*Another program or copy of this service/;
    expect(subscriptionOf('channel.follow')?.error).toMatch(why);
    // Twitch's own reason first, then ours.
    const logged = errors.find((error) =>
      error.startsWith('Could not subscribe to channel.follow'),
    );
    expect(logged).toMatch(
      /^Could not subscribe to channel\.follow: subscription limit exceeded for this type and condition — Twitch allows 3/,
    );
    expect(logged).toMatch(why);
  });

  it('disconnects when the session is lost, saying why, and connects again with the next one', async () => {
    active = await signedIn();
    states.set({ state: 'ok', session: active });
    await eventually(everyEnabled, 'every subscription enabled');

    states.set({ state: 'unauthorized', detail: 'Twitch refused the token.' });
    expect(current()).toMatchObject({ state: 'unauthorized', detail: 'Twitch refused the token.' });
    await eventually(() => simulator.sessions().length === 0, 'the WebSocket closed');
    states.set({ state: 'unreachable', detail: 'Could not reach Twitch.' });
    expect(current()).toMatchObject({ state: 'down', detail: 'Could not reach Twitch.' });
    states.set({ state: 'signed-out', detail: 'Nobody is signed in.' });
    expect(current().state).toBe('unauthorized');
    // Connecting again does not disturb what the status says until a session is there.
    states.set({ state: 'connecting' });
    expect(current().state).toBe('unauthorized');

    states.set({ state: 'ok', session: active });
    await eventually(everyEnabled, 'every subscription enabled again');
    expect(simulator.sessions()).toHaveLength(1);
  });

  it('marks a subscription Twitch revoked, and says what to do', async () => {
    active = await signedIn();
    states.set({ state: 'ok', session: active });
    await eventually(everyEnabled, 'every subscription enabled');
    expect(simulator.revokeSubscriptions({ type: 'channel.raid' })).toBe(1);
    await eventually(
      () => subscriptionOf('channel.raid')?.status === 'revoked',
      'the raid subscription revoked',
    );
    expect(subscriptionOf('channel.raid')?.error).toBe('authorization_revoked');
    expect(warnings).toContain(
      'Twitch revoked the channel.raid subscription (authorization_revoked). If access was removed, sign in again with `npm run auth` or the dashboard\'s "Connect Twitch".',
    );
  });

  it('after a drop, refreshes the token and deletes its stale subscriptions before resubscribing', async () => {
    active = await signedIn();
    states.set({ state: 'ok', session: active });
    await eventually(everyEnabled, 'every subscription enabled');
    const firstSession = current().sessionId;
    const firstToken = tokens.token?.accessToken;

    expect(simulator.closeConnections(4005)).toBe(1);
    await eventually(
      () => everyEnabled() && current().sessionId !== firstSession,
      'every subscription enabled on a new WebSocket session',
    );
    expect(current()).toMatchObject({
      lastCloseCode: 4005,
      lastCloseReason: 'network timeout',
      reconnects: 1,
    });
    expect(warnings).toContain('EventSub connection lost: 4005 (network timeout). Reconnecting.');
    expect(tokens.token?.accessToken).not.toBe(firstToken);
    // The first session's subscriptions are gone; only the new session's remain.
    const left = simulator.subscriptions();
    expect(left).toHaveLength(3);
    for (const sub of left) {
      expect((sub.transport as { session_id: string }).session_id).toBe(current().sessionId);
    }
  });

  it('ends the session when Twitch refuses to refresh the token before resubscribing', async () => {
    active = await signedIn();
    states.set({ state: 'ok', session: active });
    await eventually(everyEnabled, 'every subscription enabled');
    simulator.revokeRefreshTokens();

    simulator.closeConnections(4005);
    await eventually(() => states.markedUnauthorized.length > 0, 'the session marked unauthorized');
    expect(states.markedUnauthorized).toEqual([
      'Twitch refused to refresh the token. Sign in again with `npm run auth` or the dashboard\'s "Connect Twitch".',
    ]);
    expect(errors.some((line) => line.startsWith('Could not refresh the token before'))).toBe(true);
    expect(current().state).toBe('unauthorized');
  });
});
