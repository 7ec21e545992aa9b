import type { StatsMessage, StreamMessage } from '../contract/sse-contract.js';
import { EventBus } from './event-bus.js';
import { MemoryEventLog } from './memory-event-log.js';

const follow: StreamMessage = { type: 'event', event: 'channel.follow', data: { user_id: '1' } };
const stats = (followers: number, polledAt: string | null = null): StatsMessage => ({
  type: 'stats',
  data: { live: false, viewers: 0, followers, subs: 0, polledAt },
});
const busWith = (capacity = 500) => new EventBus(new MemoryEventLog(capacity));

describe('EventBus', () => {
  it('gives each message the next id and serialises it once', () => {
    const bus = busWith();
    const first = bus.publish(follow);
    const second = bus.publish(stats(1));
    expect(second.id).toBe(first.id + 1);
    expect(first.json).toBe(JSON.stringify(follow));
  });

  it('refuses a publish from a listener while a message is being delivered (ids would go out of order)', () => {
    const bus = busWith();
    const errors: unknown[] = [];
    bus.messages$.subscribe(({ message }) => {
      if (message.type !== 'event') return;
      try {
        bus.publish(stats(2));
      } catch (error) {
        errors.push(error);
      }
    });
    const seen: number[] = [];
    bus.messages$.subscribe(({ id }) => seen.push(id));
    const event = bus.publish(follow);
    expect(seen).toEqual([event.id]);
    expect(String(errors[0])).toMatch(/while another was being delivered/);
  });

  it('publishes a state only when what matters in it changed', () => {
    const bus = busWith();
    const seen: number[] = [];
    bus.messages$.subscribe(({ id }) => seen.push(id));
    const ignoringPollTime = (message: StatsMessage) => ({ ...message.data, polledAt: undefined });
    const first = bus.setState('stats', stats(1, 'a'), ignoringPollTime);
    expect(first).toBeDefined();
    expect(bus.setState('stats', stats(1, 'b'), ignoringPollTime)).toBeUndefined();
    const second = bus.setState('stats', stats(2, 'c'), ignoringPollTime);
    expect(seen).toEqual([first?.id, second?.id]);
    expect(bus.snapshot('stats')?.message).toEqual(stats(2, 'c'));
  });

  it('keeps events for replay and state as snapshots', () => {
    const bus = busWith(2);
    const a = bus.publish(follow);
    const s = bus.publish(stats(1));
    const b = bus.publish(follow);
    const c = bus.publish(follow);
    expect(bus.recentEvents(10).map((p) => p.id)).toEqual([b.id, c.id]);
    expect(bus.snapshot('stats')?.id).toBe(s.id);
    // `a` itself was let go, but a client that saw it has missed nothing that is gone.
    expect(bus.resumeAfter(a.id)).toMatchObject({
      complete: true,
      events: [{ id: b.id }, { id: c.id }],
    });
    expect(bus.resumeAfter(a.id - 1).complete).toBe(false);
    expect(bus.resumeAfter(b.id)).toMatchObject({
      complete: true,
      events: [{ id: c.id }],
      snapshots: [],
    });
    bus.publish({ type: 'control', data: { action: 'skip' } });
    expect(bus.currentSnapshots().map((p) => p.message.type)).toEqual(['stats']);
  });

  it('keeps each component’s status under its own key', () => {
    const bus = busWith();
    bus.publish({ type: 'status', data: { poll: { ok: true, lastPollAt: null } } });
    bus.publish({ type: 'status', data: { auth: { state: 'ok' } } });
    bus.publish({ type: 'status', data: { poll: { ok: false, lastPollAt: null } } });
    expect(bus.currentSnapshots().map((p) => p.message.data)).toEqual([
      { auth: { state: 'ok' } },
      { poll: { ok: false, lastPollAt: null } },
    ]);
  });
});
