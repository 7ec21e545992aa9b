import type { StreamMessage } from '../../src/contract/sse-contract.js';
import type { EventLog } from '../../src/bus/event-log.js';

const follow = (user: string): StreamMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_id: user },
});
const stats = (followers: number): StreamMessage => ({
  type: 'stats',
  data: { live: false, viewers: 0, followers, subs: 0 },
});

/**
 * What every `EventLog` implementation must do, as Jest tests. A new implementation's spec calls
 * this with a factory for a fresh log holding at most `capacity` events.
 */
export function describeEventLogContract(
  name: string,
  create: (capacity: number) => EventLog | Promise<EventLog>,
  /** Lets the log finish what it does in the background (e.g. pruning beyond its capacity). */
  settle: (log: EventLog) => Promise<void> = () => Promise.resolve(),
): void {
  describe(`${name} (the EventLog contract)`, () => {
    it('gives every message a strictly increasing id and its JSON text', async () => {
      const log = await create(10);
      const before = log.lastId;
      const a = log.append(follow('a'), { kind: 'history' });
      const b = log.append(stats(1), { kind: 'state', key: 'stats' });
      const c = log.append({ type: 'control', data: { action: 'skip' } }, { kind: 'transient' });
      expect([a.id, b.id, c.id]).toEqual([before + 1, before + 2, before + 3]);
      expect(a.json).toBe(JSON.stringify(follow('a')));
      expect(log.lastId).toBe(c.id);
    });

    it('reads the events after an id, and says when some of them are gone', async () => {
      const log = await create(2);
      const a = log.append(follow('a'), { kind: 'history' });
      const b = log.append(follow('b'), { kind: 'history' });
      expect(log.eventsAfter(a.id)).toEqual({ complete: true, events: [b] });
      const c = log.append(follow('c'), { kind: 'history' });
      await settle(log);
      expect(log.eventCount).toBe(2);
      expect(log.eventCapacity).toBe(2);
      expect(log.oldestEventId).toBe(b.id);
      // `a` fell out, but a reader that saw it missed nothing that is gone.
      expect(log.eventsAfter(a.id)).toEqual({ complete: true, events: [b, c] });
      expect(log.eventsAfter(a.id - 1)).toEqual({ complete: false, events: [] });
      expect(log.eventsAfter(c.id + 1000)).toEqual({ complete: false, events: [] });
      expect(log.event(b.id)).toEqual(b);
      expect(log.event(a.id)).toBeUndefined();
      expect(log.latestEvents(1)).toEqual([c]);
    });

    it('keeps the latest state per key, oldest first, and no transient message', async () => {
      const log = await create(10);
      log.append(stats(1), { kind: 'state', key: 'stats' });
      const auth = log.append(
        { type: 'status', data: { auth: { state: 'ok' } } },
        { kind: 'state', key: 'status:auth' },
      );
      const latest = log.append(stats(2), { kind: 'state', key: 'stats' });
      log.append({ type: 'control', data: { action: 'skip' } }, { kind: 'transient' });
      expect(log.states()).toEqual([auth, latest]);
      expect(log.state('stats')).toEqual(latest);
      expect(log.eventCount).toBe(0);
    });
  });
}
