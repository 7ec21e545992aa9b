import type { EventSubStatus } from '../contract/sse-contract.js';
import type { Clock } from './clock.js';
import { EventSubStatusModel } from './eventsub-status.js';

describe('EventSubStatusModel', () => {
  let now: number;
  const clock: Clock = {
    now: () => now,
    setTimeout: () => () => undefined,
    setInterval: () => () => undefined,
  };
  let model: EventSubStatusModel;
  let emitted: EventSubStatus[];

  beforeEach(() => {
    now = Date.parse('2026-12-01T10:00:00Z');
    model = new EventSubStatusModel(clock);
    emitted = [];
    model.status$.subscribe((status) => emitted.push(status));
  });

  const startWithTwo = () =>
    model.starting([
      { type: 'channel.follow', status: 'pending' },
      { type: 'channel.cheer', status: 'missing_scope', error: 'needs bits:read' },
    ]);

  it('starts with no WebSocket session, nothing subscribed and no reconnects', () => {
    expect(model.status).toEqual({
      state: 'starting',
      sessionId: null,
      lastCloseCode: null,
      lastCloseReason: null,
      lastMessageAt: null,
      subscriptions: [],
      reconnects: 0,
    });
    expect(emitted).toEqual([]);
  });

  it('tells of a change once, with a copy of the whole status, and not again while nothing changed', () => {
    startWithTwo();
    model.connected('ws-1', { reconnect: false });
    model.setState('connected');
    expect(emitted.map((status) => status.state)).toEqual(['starting', 'connected']);
    expect(emitted[1]).toEqual({
      state: 'connected',
      sessionId: 'ws-1',
      lastCloseCode: null,
      lastCloseReason: null,
      lastMessageAt: null,
      subscriptions: [
        { type: 'channel.follow', status: 'pending' },
        { type: 'channel.cheer', status: 'missing_scope', error: 'needs bits:read' },
      ],
    });
    model.subscriptionEnabled('channel.follow');
    expect(emitted[1]?.subscriptions?.[0]?.status).toBe('pending');
  });

  it('does not tell of the last-message time alone, but carries it with the next change', () => {
    startWithTwo();
    now += 1_000;
    model.frameArrived();
    model.frameArrived();
    expect(emitted).toHaveLength(1);
    expect(model.status.lastMessageAt).toBe('2026-12-01T10:00:01.000Z');
    model.connected('ws-1', { reconnect: false });
    expect(emitted).toHaveLength(2);
    expect(emitted[1]?.lastMessageAt).toBe('2026-12-01T10:00:01.000Z');
  });

  it('counts reconnects, and keeps the count out of what it tells SSE clients', () => {
    startWithTwo();
    model.connected('ws-1', { reconnect: false });
    model.dropped(4002, 'the client failed to answer a ping');
    model.connected('ws-2', { reconnect: true });
    expect(model.status.reconnects).toBe(1);
    expect(emitted.at(-1)).not.toHaveProperty('reconnects');
  });

  it('on a drop, records why, forgets the WebSocket session and marks live subscriptions pending', () => {
    model.starting([
      { type: 'channel.follow', status: 'pending' },
      { type: 'channel.cheer', status: 'missing_scope', error: 'needs bits:read' },
      { type: 'channel.raid', status: 'pending' },
      { type: 'stream.online', status: 'pending' },
    ]);
    model.connected('ws-1', { reconnect: false });
    model.subscriptionEnabled('channel.follow');
    model.subscriptionRevoked('channel.raid', 'authorization_revoked');
    const before = emitted.length;
    model.dropped(4003, 'connection unused');
    expect(emitted).toHaveLength(before + 1);
    expect(model.status).toMatchObject({
      state: 'reconnecting',
      sessionId: null,
      lastCloseCode: 4003,
      lastCloseReason: 'connection unused',
      subscriptions: [
        { type: 'channel.follow', status: 'pending' },
        { type: 'channel.cheer', status: 'missing_scope', error: 'needs bits:read' },
        { type: 'channel.raid', status: 'revoked', error: 'authorization_revoked' },
        { type: 'stream.online', status: 'pending' },
      ],
    });
  });

  it('shows a failure or a revocation with its reason, and drops the reason once enabled', () => {
    startWithTwo();
    model.subscriptionFailed('channel.follow', 'Too Many Requests', { retryable: true });
    expect(model.status.subscriptions?.[0]).toEqual({
      type: 'channel.follow',
      status: 'failed',
      error: 'Too Many Requests',
    });
    model.subscriptionEnabled('channel.follow');
    expect(model.status.subscriptions?.[0]).toEqual({ type: 'channel.follow', status: 'enabled' });
    model.subscriptionRevoked('channel.follow', 'user_removed');
    expect(model.status.subscriptions?.[0]).toEqual({
      type: 'channel.follow',
      status: 'revoked',
      error: 'user_removed',
    });
    expect(emitted).toHaveLength(4);
  });

  it('ignores a type it was not told to expect', () => {
    startWithTwo();
    model.subscriptionEnabled('stream.offline');
    expect(emitted).toHaveLength(1);
  });

  it('has subscriptions to create while one is pending or failed for a passing reason', () => {
    startWithTwo();
    expect(model.hasSubscriptionsToCreate).toBe(true);
    model.subscriptionEnabled('channel.follow');
    expect(model.hasSubscriptionsToCreate).toBe(false);
    model.subscriptionFailed('channel.follow', 'Internal Server Error', { retryable: true });
    expect(model.hasSubscriptionsToCreate).toBe(true);
    model.subscriptionFailed('channel.follow', 'Forbidden', { retryable: false });
    expect(model.hasSubscriptionsToCreate).toBe(false);
    model.subscriptionFailed('channel.follow', 'Bad Gateway', { retryable: true });
    startWithTwo();
    model.subscriptionFailed('channel.follow', 'Forbidden', { retryable: false });
    expect(model.hasSubscriptionsToCreate).toBe(false);
  });

  it('dates the state from when it last changed, not from when it was set again', () => {
    const startedAt = now;
    startWithTwo();
    now += 5_000;
    model.setState('starting');
    expect(model.stateSince).toBe(startedAt);
    model.connected('ws-1', { reconnect: false });
    expect(model.stateSince).toBe(startedAt + 5_000);
  });

  it('shows a detail only with the state it came with', () => {
    model.setState('down', 'Twitch keeps closing the connection; retrying in 30 s.');
    expect(model.status.detail).toBe('Twitch keeps closing the connection; retrying in 30 s.');
    model.setState('reconnecting');
    expect(model.status).not.toHaveProperty('detail');
  });
});
