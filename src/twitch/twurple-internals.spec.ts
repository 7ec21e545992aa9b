/**
 * The Twurple internals the service relies on (see twurple-internals.ts) are still where it expects
 * them. A failure here names the internal a Twurple upgrade moved. Nothing reaches Twitch: the
 * listener is built with a static token and connects to a local WebSocket server.
 */
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { ApiClient } from '@twurple/api';
import { StaticAuthProvider } from '@twurple/auth';
import type { EventSubSubscription } from '@twurple/eventsub-base';
import { EventSubWsListener } from '@twurple/eventsub-ws';
import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import { WebSocketServer, type WebSocket } from 'ws';
import { guardFrames } from '../eventsub/frame-guard.js';
import {
  SupervisedEventSubWsListener,
  type ListenerHooks,
} from '../eventsub/supervised-listener.js';
import {
  helixRateLimitOf,
  seenEventIdsOf,
  socketConnectionOf,
  tolerateMissingRateLimitHeaders,
} from './twurple-internals.js';
import { eventually } from '../../test/support/eventually.js';

const BROADCASTER_ID = '141981764';

/** Throws, naming the internal, unless it is shaped as the service expects. */
function expectInternal(name: string, shapedAsExpected: boolean, found: unknown): void {
  if (shapedAsExpected) return;
  const described =
    typeof found === 'function'
      ? `a function of ${found.length} parameter(s)`
      : found === null || found === undefined
        ? String(found)
        : `${typeof found} ${(found as object).constructor?.name ?? ''}`.trim();
  throw new Error(
    `Twurple internal ${name} is not where twitch-realtime expects it (found ${described}). ` +
      'A Twurple upgrade moved it: update src/twitch/twurple-internals.ts and its callers.',
  );
}

/** A private member, read the way twurple-internals.ts reads it. */
function member(target: object, name: string): unknown {
  return (target as Record<string, unknown>)[name];
}

const isMethod = (found: unknown, arity: number) =>
  typeof found === 'function' && found.length === arity;

function apiClient(): ApiClient {
  return new ApiClient({ authProvider: new StaticAuthProvider('client-id', 'access-token') });
}

describe('Twurple internals the service uses', () => {
  const hooks = {
    prepare: jest.fn<ListenerHooks['prepare']>(async () => undefined),
    notificationArrived: jest.fn<ListenerHooks['notificationArrived']>(),
  };

  beforeEach(() => {
    hooks.prepare.mockClear();
    hooks.notificationArrived.mockClear();
  });

  describe('on the listener as built', () => {
    const listener = new EventSubWsListener({ apiClient: apiClient() });

    it('EventSubWsListener#_getTransportOptionsForSubscription(subscription) is a method', () => {
      const found = member(EventSubWsListener.prototype, '_getTransportOptionsForSubscription');
      expectInternal(
        'EventSubWsListener#_getTransportOptionsForSubscription',
        isMethod(found, 1),
        found,
      );
    });

    it('EventSubBase#_handleSingleEventPayload(subscription, payload, messageId) is a method', () => {
      const found = member(EventSubWsListener.prototype, '_handleSingleEventPayload');
      expectInternal('EventSubBase#_handleSingleEventPayload', isMethod(found, 3), found);
    });

    it('EventSubBase#_seenEventIds is a Set of message ids', () => {
      const found = member(listener, '_seenEventIds');
      expectInternal('EventSubBase#_seenEventIds', found instanceof Set, found);
      expect(seenEventIdsOf(listener)).toBe(found);
    });

    it('EventSubBase#_logger has error(message)', () => {
      const found = member(listener, '_logger');
      const error =
        found === null || typeof found !== 'object' ? undefined : member(found, 'error');
      expectInternal('EventSubBase#_logger.error', typeof error === 'function', found);
    });

    it('EventSubWsListener#_sockets is a Map of sockets by user id', () => {
      const found = member(listener, '_sockets');
      expectInternal('EventSubWsListener#_sockets', found instanceof Map, found);
      expect(socketConnectionOf(listener, BROADCASTER_ID)).toBeUndefined();
    });
  });

  it('BaseApiClient#_rateLimiter has getChildStats(partitionKey), null for a user not seen yet', () => {
    const client = apiClient();
    const limiter = member(client, '_rateLimiter');
    expectInternal(
      'BaseApiClient#_rateLimiter',
      typeof limiter === 'object' && limiter !== null,
      limiter,
    );
    const found = member(limiter as object, 'getChildStats');
    expectInternal('BaseApiClient#_rateLimiter.getChildStats', isMethod(found, 1), found);
    expect(helixRateLimitOf(client, BROADCASTER_ID)).toBeNull();
    expect(helixRateLimitOf(client, null)).toBeNull();
  });

  describe('BaseApiClient#_rateLimiter against Helix answers without Ratelimit headers', () => {
    /** A Helix request as Twurple hands it to its rate limiter. */
    interface LimitedRequest {
      options: { type: 'helix'; url: string; query?: Record<string, string> };
      clientId: string;
      accessToken: string;
      authorizationType?: string;
    }
    interface Limiter {
      request(request: LimitedRequest): Promise<Response>;
    }

    // Like the Twitch CLI's mock API: no Ratelimit-* headers on any answer.
    const simulator = new TwitchSimulator({ rateLimitHeaders: false });
    const mockPort = process.env.TWURPLE_MOCK_API_PORT;

    beforeAll(async () => {
      process.env.TWURPLE_MOCK_API_PORT = String(await simulator.start({ port: 0 }));
    });

    afterAll(async () => {
      if (mockPort === undefined) delete process.env.TWURPLE_MOCK_API_PORT;
      else process.env.TWURPLE_MOCK_API_PORT = mockPort;
      await simulator.stop();
    });

    it('_rateLimiter._createChildCallback(partitionKey) builds limiters whose getParametersFromResponse(response) reads the headers', () => {
      const limiter = member(apiClient(), '_rateLimiter') as object;
      const createChild = member(limiter, '_createChildCallback');
      expectInternal(
        'PartitionedRateLimiter#_createChildCallback',
        typeof createChild === 'function',
        createChild,
      );
      const child = (createChild as (partitionKey: string | null) => object).call(limiter, null);
      const read = member(child, 'getParametersFromResponse');
      expectInternal('HelixRateLimiter#getParametersFromResponse', isMethod(read, 1), read);
      const answer = new Response('{}', {
        headers: {
          'Ratelimit-Limit': '800',
          'Ratelimit-Remaining': '799',
          'Ratelimit-Reset': '2000000000',
        },
      });
      expect((read as (response: Response) => unknown).call(child, answer)).toEqual({
        limit: 800,
        remaining: 799,
        resetsAt: 2_000_000_000_000,
      });
    });

    it('with tolerateMissingRateLimitHeaders, the requests queued behind a headerless answer all run', async () => {
      const client = apiClient();
      expect(tolerateMissingRateLimitHeaders(client)).toBe(true);
      const limiter = member(client, '_rateLimiter') as Limiter;
      const token = simulator.mintUserToken();
      let answered = 0;
      // Asked at once, the first runs and the other six wait for its answer, which has no headers.
      const answers = Array.from({ length: 7 }, () =>
        limiter
          .request({
            options: { type: 'helix', url: 'users' },
            clientId: simulator.clientId,
            accessToken: token.accessToken,
          })
          .finally(() => answered++),
      );
      await eventually(() => answered === 7, 'all seven answers');
      expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual(
        Array(7).fill(200),
      );
      // The figures put in place of the missing headers say nothing.
      expect(helixRateLimitOf(client, null)).toBeNull();
    });
  });

  it('_handleSingleEventPayload tells a first delivery from a redelivery Twurple drops (_seenEventIds), and forgets the id after ten minutes without holding the process', () => {
    jest.useFakeTimers();
    try {
      const listener = new SupervisedEventSubWsListener({ apiClient: apiClient() }, hooks);
      const handleData = jest.fn(async (_body: Record<string, unknown>) => undefined);
      const subscription = {
        id: 'follow',
        _handleData: handleData,
      } as unknown as EventSubSubscription;
      const timers: NodeJS.Timeout[] = [];
      const setTimeoutSpy = jest.spyOn(globalThis, 'setTimeout');
      listener._handleSingleEventPayload(subscription, { user_id: '1' }, 'message-1');
      listener._handleSingleEventPayload(subscription, { user_id: '1' }, 'message-1');
      for (const result of setTimeoutSpy.mock.results) timers.push(result.value as NodeJS.Timeout);
      setTimeoutSpy.mockRestore();
      expect(hooks.notificationArrived.mock.calls).toEqual([
        [subscription, { user_id: '1' }, 'message-1', false],
        [subscription, { user_id: '1' }, 'message-1', true],
      ]);
      expect(handleData.mock.calls).toEqual([[{ user_id: '1' }]]);
      // One timer forgets the id; it does not keep a stopped service's process alive.
      expect(timers.map((timer) => timer.hasRef())).toEqual([false]);
      jest.advanceTimersByTime(10 * 60 * 1000 - 1);
      expect(seenEventIdsOf(listener)?.has('message-1')).toBe(true);
      jest.advanceTimersByTime(1);
      expect(seenEventIdsOf(listener)?.has('message-1')).toBe(false);
      listener._handleSingleEventPayload(subscription, { user_id: '1' }, 'message-1');
      expect(handleData).toHaveBeenCalledTimes(2);
    } finally {
      jest.clearAllTimers();
      jest.useRealTimers();
    }
  });

  it('a handler that fails is logged by the listener, as Twurple does', async () => {
    const listener = new SupervisedEventSubWsListener({ apiClient: apiClient() }, hooks);
    const logged: string[] = [];
    const logger = member(listener, '_logger') as { error(message: string): void };
    logger.error = (message) => logged.push(message);
    const subscription = {
      id: 'follow',
      _handleData: async () => {
        throw new Error('the handler broke');
      },
    } as unknown as EventSubSubscription;
    listener._handleSingleEventPayload(subscription, {}, 'message-2');
    await eventually(() => logged.length > 0, 'the error logged');
    expect(logged[0]).toMatch(/subscription follow: the handler broke/);
  });

  describe('on a connected listener (EventSubWsSocket)', () => {
    let server: WebSocketServer;
    let twitch: WebSocket | undefined;
    let listener: SupervisedEventSubWsListener;
    let subscription: EventSubSubscription;
    const connectedUsers: string[] = [];
    const ready: [string, string][] = [];

    beforeAll(async () => {
      server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise((resolve) => server.once('listening', resolve));
      server.on('connection', (socket) => (twitch = socket));
      const { port } = server.address() as AddressInfo;
      listener = new SupervisedEventSubWsListener(
        { apiClient: apiClient(), url: `ws://127.0.0.1:${port}/ws` },
        hooks,
      );
      listener.onUserSocketConnect((userId) => connectedUsers.push(userId));
      listener.onUserSocketReady((userId, webSocketSessionId) =>
        ready.push([userId, webSocketSessionId]),
      );
      subscription = listener.onChannelFollow(BROADCASTER_ID, BROADCASTER_ID, () => undefined);
      // Creating it would call Helix; the welcome only needs to reach it.
      subscription.start = jest.fn<EventSubSubscription['start']>();
      listener.start();
      await eventually(() => twitch !== undefined && connectedUsers.length > 0, 'the connection');
    });

    afterAll(async () => {
      listener?.stop();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('EventSubWsSocket#_connection emits received frames as its onReceive event', () => {
      const socket = (member(listener, '_sockets') as Map<string, object>).get(BROADCASTER_ID);
      expectInternal('EventSubWsListener#_sockets.get(userId)', typeof socket === 'object', socket);
      const connection = member(socket as object, '_connection');
      expectInternal('EventSubWsSocket#_connection', typeof connection === 'object', connection);
      const emit = member(connection as object, 'emit');
      expectInternal('EventSubWsSocket#_connection.emit', typeof emit === 'function', emit);
      const onReceive = member(connection as object, 'onReceive');
      expectInternal(
        'EventSubWsSocket#_connection.onReceive',
        typeof onReceive === 'function',
        onReceive,
      );
      expect(socketConnectionOf(listener, BROADCASTER_ID)).toBe(connection);
    });

    it('the frame guard sees every frame and survives one that is not JSON', async () => {
      const received: number[] = [];
      const rejected: string[] = [];
      const guarded = guardFrames(listener, BROADCASTER_ID, {
        frameReceived: () => received.push(Date.now()),
        frameRejected: (frame) => rejected.push(frame),
      });
      expectInternal('EventSubWsSocket#_connection (frame interception)', guarded, guarded);
      twitch?.send('this is not JSON');
      twitch?.send(
        JSON.stringify({
          metadata: { message_id: 'k1', message_type: 'session_keepalive' },
          payload: {},
        }),
      );
      await eventually(() => received.length >= 2, 'both frames');
      expect(rejected).toEqual(['this is not JSON']);
      expect(connectedUsers).toEqual([BROADCASTER_ID]);
    });

    it('_getTransportOptionsForSubscription names the welcomed WebSocket session, after prepare', async () => {
      twitch?.send(
        JSON.stringify({
          metadata: { message_id: 'w1', message_type: 'session_welcome' },
          payload: {
            session: {
              id: 'web-socket-session-1',
              status: 'connected',
              keepalive_timeout_seconds: 10,
            },
          },
        }),
      );
      await eventually(() => ready.length > 0, 'the welcome');
      expect(ready).toEqual([[BROADCASTER_ID, 'web-socket-session-1']]);
      expect(subscription.start).toHaveBeenCalled();
      await expect(listener._getTransportOptionsForSubscription(subscription)).resolves.toEqual({
        method: 'websocket',
        session_id: 'web-socket-session-1',
      });
      expect(hooks.prepare.mock.calls).toEqual([['web-socket-session-1']]);
    });
  });
});
