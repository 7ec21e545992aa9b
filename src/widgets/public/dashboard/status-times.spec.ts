import type { EventSubStatus, PollStatus } from '../../../contract/sse-contract.js';
import { withCurrentPollTimes, withCurrentTimes } from './status-times.js';

const connected = (lastMessageAt: string, sessionId = 's1'): EventSubStatus => ({
  state: 'connected',
  sessionId,
  lastMessageAt,
  subscriptions: [],
});
const poll = (ok: boolean, lastPollAt: string, nextPollAt: string): PollStatus => ({
  ok,
  lastPollAt,
  nextPollAt,
});

describe('the dashboard’s status times', () => {
  it('keeps the last-message time current from health while the connection stays the same', () => {
    const pushed = connected('2026-12-01T10:00:00Z');
    expect(withCurrentTimes(pushed, connected('2026-12-01T10:03:00Z'))).toEqual(
      connected('2026-12-01T10:03:00Z'),
    );
  });

  it('keeps the pushed state when health describes another connection (the next status message settles it)', () => {
    const pushed = connected('2026-12-01T10:00:00Z', 's2');
    expect(withCurrentTimes(pushed, connected('2026-12-01T10:03:00Z', 's1'))).toBe(pushed);
    expect(withCurrentTimes(pushed, { state: 'starting' })).toBe(pushed);
  });

  it('takes health as it is before the first status message', () => {
    const polled = connected('2026-12-01T10:03:00Z');
    expect(withCurrentTimes(null, polled)).toBe(polled);
    const polledPoll = poll(true, '2026-12-01T10:03:00Z', '2026-12-01T10:04:00Z');
    expect(withCurrentPollTimes(null, polledPoll)).toBe(polledPoll);
  });

  it('moves the poll times forward, never back, and only for the same outcome', () => {
    const pushed = poll(true, '2026-12-01T10:00:00Z', '2026-12-01T10:01:00Z');
    const later = poll(true, '2026-12-01T10:05:00Z', '2026-12-01T10:06:00Z');
    expect(withCurrentPollTimes(pushed, later)).toEqual(later);
    expect(withCurrentPollTimes(later, pushed)).toBe(later);
    const failing = {
      ...poll(false, '2026-12-01T10:05:00Z', '2026-12-01T10:07:00Z'),
      error: '500',
    };
    expect(withCurrentPollTimes(pushed, failing)).toBe(pushed);
  });
});
