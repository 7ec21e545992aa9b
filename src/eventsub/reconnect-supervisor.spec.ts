import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { EventSubStatusModel } from './eventsub-status.js';
import {
  DROP_STORM_TIMINGS,
  ReconnectSupervisor,
  WATCHDOG_TIMINGS,
  type RestartableListener,
} from './reconnect-supervisor.js';

const { everyMs, pendingMs, unconnectedMs } = WATCHDOG_TIMINGS;
const { count, windowMs, pauseMs } = DROP_STORM_TIMINGS;

/** A listener that records what the supervisor did to it, in order. */
function fakeListener(): RestartableListener & { calls: string[] } {
  const calls: string[] = [];
  return { calls, start: () => calls.push('start'), stop: () => calls.push('stop') };
}

describe('ReconnectSupervisor', () => {
  let status: EventSubStatusModel;
  let supervisor: ReconnectSupervisor;
  let listener: ReturnType<typeof fakeListener>;
  let errors: string[];
  let warnings: string[];

  /** The connection's part of a drop: the status first, then the supervisor counts it. */
  const drop = () => {
    status.dropped(1006, 'connection dropped without a close frame');
    supervisor.dropped();
  };
  const advance = (ms: number) => jest.advanceTimersByTime(ms);

  beforeEach(() => {
    jest.useFakeTimers();
    errors = [];
    warnings = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message) => {
      errors.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => {
      warnings.push(String(message));
    });
    status = new EventSubStatusModel();
    supervisor = new ReconnectSupervisor(status);
    listener = fakeListener();
  });

  afterEach(() => {
    supervisor.stop();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** Starts supervising a listener that Twitch welcomed, with `channel.follow` still pending. */
  const connectedWithPendingFollow = () => {
    status.starting([
      { type: 'channel.follow', status: 'pending' },
      { type: 'channel.cheer', status: 'pending' },
    ]);
    supervisor.supervise(listener);
    status.connected('ws-1', { reconnect: false });
    status.subscriptionEnabled('channel.cheer');
  };

  describe('watchdog', () => {
    it('restarts a listener connected with a subscription still pending after pendingMs, not before', () => {
      connectedWithPendingFollow();
      advance(pendingMs);
      expect(listener.calls).toEqual([]);
      advance(everyMs);
      expect(listener.calls).toEqual(['stop', 'start']);
      expect(status.state).toBe('reconnecting');
      expect(warnings).toEqual([
        'EventSub is connected but some subscriptions were never created; reconnecting to create them.',
      ]);
    });

    it('leaves a connected listener alone once every subscription is created', () => {
      connectedWithPendingFollow();
      status.subscriptionEnabled('channel.follow');
      advance(10 * unconnectedMs);
      expect(listener.calls).toEqual([]);
    });

    it('counts a subscription that failed for a passing reason (429, 5xx, network) as pending', () => {
      connectedWithPendingFollow();
      status.subscriptionFailed('channel.follow', 'Too Many Requests', { retryable: true });
      advance(pendingMs + everyMs);
      expect(listener.calls).toEqual(['stop', 'start']);
    });

    it('does not retry a subscription that failed for good (403: a scope is missing)', () => {
      connectedWithPendingFollow();
      status.subscriptionFailed('channel.follow', 'Forbidden', { retryable: false });
      advance(10 * pendingMs);
      expect(listener.calls).toEqual([]);
    });

    it('restarts a listener that has not connected for unconnectedMs, not before', () => {
      status.starting([{ type: 'channel.follow', status: 'pending' }]);
      supervisor.supervise(listener);
      advance(unconnectedMs);
      expect(listener.calls).toEqual([]);
      advance(everyMs);
      expect(listener.calls).toEqual(['stop', 'start']);
      expect(status.state).toBe('reconnecting');
      expect(warnings).toEqual(['EventSub has not connected for 65 s; starting over.']);
    });

    it('gives a restart the full unconnectedMs before starting over again', () => {
      status.starting([{ type: 'channel.follow', status: 'pending' }]);
      supervisor.supervise(listener);
      advance(unconnectedMs + everyMs);
      expect(listener.calls).toEqual(['stop', 'start']);
      advance(unconnectedMs);
      expect(listener.calls).toEqual(['stop', 'start']);
      advance(everyMs);
      expect(listener.calls).toEqual(['stop', 'start', 'stop', 'start']);
    });

    it('also restarts a listener that lost its connection and never got it back', () => {
      connectedWithPendingFollow();
      status.subscriptionEnabled('channel.follow');
      drop();
      advance(unconnectedMs + everyMs);
      expect(listener.calls).toEqual(['stop', 'start']);
    });

    it('does nothing while reconnecting is paused after a storm of drops', () => {
      supervisor = new ReconnectSupervisor(status, { dropStorm: { pauseMs: 10 * unconnectedMs } });
      status.starting([{ type: 'channel.follow', status: 'pending' }]);
      supervisor.supervise(listener);
      for (let i = 0; i < count; i++) drop();
      advance(0);
      expect(supervisor.paused).toBe(true);
      expect(listener.calls).toEqual(['stop']);
      // Even were the state to say it is trying to connect, the watchdog leaves the pause alone.
      status.setState('reconnecting');
      advance(5 * unconnectedMs);
      expect(listener.calls).toEqual(['stop']);
    });

    it('does nothing to a listener it no longer supervises', () => {
      status.starting([{ type: 'channel.follow', status: 'pending' }]);
      supervisor.supervise(listener);
      const next = fakeListener();
      advance(unconnectedMs - everyMs);
      supervisor.supervise(next);
      advance(unconnectedMs + everyMs);
      expect(listener.calls).toEqual([]);
      expect(next.calls).toEqual(['stop', 'start']);
    });
  });

  describe('drop-storm back-off', () => {
    it('does not pause after 9 drops within a minute', () => {
      status.starting([{ type: 'channel.follow', status: 'pending' }]);
      supervisor.supervise(listener);
      for (let i = 0; i < count - 1; i++) {
        drop();
        advance(1_000);
      }
      expect(supervisor.paused).toBe(false);
      expect(listener.calls).toEqual([]);
      expect(status.state).toBe('reconnecting');
      expect(errors).toEqual([]);
    });

    it('pauses after 10 drops within a minute: stops the listener, shows it down, and starts it again pauseMs later', () => {
      status.starting([{ type: 'channel.follow', status: 'pending' }]);
      supervisor.supervise(listener);
      for (let i = 0; i < count; i++) {
        advance(1_000);
        drop();
      }
      expect(errors).toEqual([
        'EventSub dropped 10 times within 60 s; pausing 30 s before reconnecting.',
      ]);
      // Deferred, out of Twurple's disconnect handling.
      expect(listener.calls).toEqual([]);
      advance(0);
      expect(listener.calls).toEqual(['stop']);
      expect(supervisor.paused).toBe(true);
      expect(status.status).toMatchObject({
        state: 'down',
        detail: 'Twitch keeps closing the connection; retrying in 30 s.',
      });

      // The listener's own disconnects during the pause are not drops.
      for (let i = 0; i < 2 * count; i++) supervisor.dropped();
      advance(pauseMs - 1);
      expect(listener.calls).toEqual(['stop']);
      advance(1);
      expect(listener.calls).toEqual(['stop', 'start']);
      expect(supervisor.paused).toBe(false);
      expect(status.status.state).toBe('reconnecting');
      expect(status.status.detail).toBeUndefined();
      expect(errors).toHaveLength(1);
    });

    it('does not pause for drops spread over more than the window', () => {
      status.starting([{ type: 'channel.follow', status: 'pending' }]);
      supervisor.supervise(listener);
      const gap = Math.ceil(windowMs / (count - 1));
      for (let i = 0; i < 3 * count; i++) {
        drop();
        status.connected(`ws-${i}`, { reconnect: true });
        advance(gap);
      }
      expect(supervisor.paused).toBe(false);
      expect(listener.calls).toEqual([]);
      expect(errors).toEqual([]);
    });

    it('takes its timings from the constructor', () => {
      supervisor = new ReconnectSupervisor(status, {
        dropStorm: { count: 3, windowMs: 1_000, pauseMs: 500 },
      });
      supervisor.supervise(listener);
      drop();
      drop();
      drop();
      advance(0);
      expect(listener.calls).toEqual(['stop']);
      advance(500);
      expect(listener.calls).toEqual(['stop', 'start']);
    });

    it('forgets a pause it was about to start when it supervises another listener', () => {
      supervisor.supervise(listener);
      for (let i = 0; i < count; i++) drop();
      const next = fakeListener();
      supervisor.supervise(next);
      advance(pauseMs * 2);
      expect(listener.calls).toEqual([]);
      expect(next.calls).toEqual([]);
      expect(supervisor.paused).toBe(false);
    });
  });

  it('stop() cancels the watchdog, a pending pause and the end of a pause', () => {
    status.starting([{ type: 'channel.follow', status: 'pending' }]);
    supervisor.supervise(listener);
    for (let i = 0; i < count; i++) drop();
    supervisor.stop();
    expect(jest.getTimerCount()).toBe(0);
    advance(10 * unconnectedMs);
    expect(listener.calls).toEqual([]);

    supervisor.supervise(listener);
    for (let i = 0; i < count; i++) drop();
    advance(0);
    expect(listener.calls).toEqual(['stop']);
    supervisor.stop();
    expect(jest.getTimerCount()).toBe(0);
    expect(supervisor.paused).toBe(false);
    advance(10 * unconnectedMs);
    expect(listener.calls).toEqual(['stop']);
  });
});
