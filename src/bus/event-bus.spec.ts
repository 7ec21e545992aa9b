import { loadConfig } from '../config/app-config.js';
import type { StreamMessage } from '../contract/sse-contract.js';
import { EventBus } from './event-bus.js';

const follow: StreamMessage = { type: 'event', event: 'channel.follow', data: { user_id: '1' } };
const stats: StreamMessage = {
  type: 'stats',
  data: { live: false, viewers: 0, followers: 1, subs: 0 },
};

describe('EventBus', () => {
  it('gives each message the next id and serialises it once', () => {
    const bus = new EventBus(loadConfig({}, null));
    const first = bus.publish(follow);
    const second = bus.publish(stats);
    expect(second.id).toBe(first.id + 1);
    expect(first.json).toBe(JSON.stringify(follow));
  });

  it('delivers in id order even when a listener publishes while a message is being delivered', () => {
    const bus = new EventBus(loadConfig({}, null));
    // A producer that reacts to events (as the stats do) subscribes first...
    bus.messages$.subscribe(({ message }) => {
      if (message.type === 'event') bus.publish(stats);
    });
    // ...and a client after it.
    const seen: number[] = [];
    bus.messages$.subscribe(({ id }) => seen.push(id));
    const event = bus.publish(follow);
    expect(seen).toEqual([event.id, event.id + 1]);
  });

  it('keeps events for replay and state as snapshots', () => {
    const bus = new EventBus(loadConfig({ SSE_REPLAY_BUFFER_SIZE: '2' }, null));
    const a = bus.publish(follow);
    const s = bus.publish(stats);
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
});
