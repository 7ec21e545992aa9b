import { describeEventLogContract } from '../../test/support/event-log-contract.js';
import { MemoryEventLog } from './memory-event-log.js';

describeEventLogContract('MemoryEventLog', (capacity) => new MemoryEventLog(capacity));

describe('MemoryEventLog', () => {
  it('starts its ids above any earlier run’s (start-up time in microseconds)', () => {
    const earlier = new MemoryEventLog(5, 1_000);
    for (let i = 0; i < 100; i++)
      earlier.append({ type: 'control', data: { action: 'skip' } }, { kind: 'transient' });
    const later = new MemoryEventLog(5, 1_001);
    expect(later.lastId).toBeGreaterThan(earlier.lastId);
    expect(later.eventsAfter(earlier.lastId).complete).toBe(false);
  });
});
