import type { StreamMessage } from '../contract/sse-contract.js';
import { describeEventLogContract } from '../../test/support/event-log-contract.js';
import { MemoryEventLog } from './memory-event-log.js';

describeEventLogContract(
  'MemoryEventLog',
  (capacity, chat) =>
    new MemoryEventLog(capacity, chat ? { chat: chat.retention, now: chat.now } : {}),
);

describe('MemoryEventLog', () => {
  it('starts its ids above any earlier run’s (start-up time in microseconds)', () => {
    const earlier = new MemoryEventLog(5, { startedAt: 1_000 });
    for (let i = 0; i < 100; i++)
      earlier.append({ type: 'control', data: { action: 'skip' } }, { kind: 'transient' });
    const later = new MemoryEventLog(5, { startedAt: 1_001 });
    expect(later.lastId).toBeGreaterThan(earlier.lastId);
    expect(later.eventsAfter(earlier.lastId).complete).toBe(false);
  });
});

describe('MemoryEventLog, for a reader that wants some event types only', () => {
  const event = (type: 'channel.follow' | 'channel.raid', n: number): StreamMessage => ({
    type: 'event',
    event: type,
    data: { n },
  });

  it('says nothing is gone when only events of other types fell out', () => {
    const log = new MemoryEventLog(3);
    const raid = log.append(event('channel.raid', 1), { kind: 'history' });
    const follows = [1, 2, 3, 4].map((n) =>
      log.append(event('channel.follow', n), { kind: 'history' }),
    );
    const raids = new Set(['channel.raid'] as const);
    // The raid itself fell out, but the reader had it: the follows that went with it were unwanted.
    expect(log.eventsAfter(raid.id, raids)).toEqual({ complete: true, events: follows.slice(1) });
    expect(log.eventsAfter(raid.id - 1, raids).complete).toBe(false);
    expect(log.eventsAfter(raid.id).complete).toBe(false);
    expect(log.eventsAfter(raid.id - 1, new Set()).complete).toBe(true);
    // Still only ids of this log.
    expect(log.eventsAfter(log.lastId + 1, new Set()).complete).toBe(false);
  });
});
