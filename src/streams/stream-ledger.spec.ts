import { Subject } from 'rxjs';
import type { EventBus } from '../bus/event-bus.js';
import type { EventsPageQuery } from '../bus/event-log.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import type { PolledReading, StatsPoller } from '../stats/stats-poller.js';
import { StreamLedger } from './stream-ledger.js';
import { MemoryStreamStore, type StreamStore } from './stream-store.js';

const STARTED = '2026-12-01T18:00:00.000Z';

/** Events of the log (id and when each arrived), for a ledger looking back for a stream's first. */
function logOf(events: Array<{ id: number; sentAt: string }>) {
  return {
    lastId: events.at(-1)?.id ?? 100,
    eventsPage: ({ before = Infinity, limit }: EventsPageQuery) =>
      events
        .filter((event) => event.id < before)
        .reverse()
        .slice(0, limit)
        .map(({ id, sentAt }) => ({
          id,
          message: { type: 'event', event: 'channel.follow', data: {}, sentAt },
        })),
  };
}

function setUp(store: StreamStore = new MemoryStreamStore(), bus: object = { lastId: 100 }) {
  const readings = new Subject<PolledReading>();
  const runner = { register: (projection: StreamLedger) => projection.restore() };
  const ledger = new StreamLedger(
    bus as unknown as EventBus,
    runner as unknown as ProjectionRunner,
    { readings$: readings } as unknown as StatsPoller,
    store,
  );
  ledger.onModuleInit();
  const poll = (live: boolean, viewers: number) =>
    readings.next({
      reading: {
        live,
        viewers,
        startedAt: live ? STARTED : null,
        followers: 0,
        subs: 0,
        subPoints: 0,
      },
      polledAt: new Date(Date.parse(STARTED) + 60_000),
    });
  return { bus, ledger, poll, store };
}

describe('StreamLedger', () => {
  it('keeps the streams that stream.online, the polls and stream.offline make, and each poll’s viewers', async () => {
    const { ledger, poll, store } = setUp();
    ledger.apply({ type: 'stream.online', data: { started_at: STARTED }, publishedId: 101 });
    poll(true, 33);
    ledger.apply({ type: 'stream.offline', data: {}, publishedId: 150 });
    expect(store.load()).toEqual([
      expect.objectContaining({ id: 1, firstId: 101, lastId: 150, endSource: 'stream.offline' }),
    ]);
    expect((await ledger.viewers(1)).map((sample) => sample.viewers)).toEqual([33]);
    expect((await ledger.stream(1))?.viewers.peak).toBe(33);
    expect(ledger.current).toBeUndefined();
    expect(await ledger.live()).toBeUndefined();
  });

  it('a stream a poll finds live (no stream.online) takes the events that came since it began', () => {
    const second = (s: number) => new Date(Date.parse(STARTED) + s * 1000).toISOString();
    const events = [
      { id: 90, sentAt: second(-600) },
      { id: 91, sentAt: second(-1) },
      ...Array.from({ length: 700 }, (_, n) => ({ id: 92 + n, sentAt: second(n / 20) })),
    ];
    const { ledger, poll } = setUp(new MemoryStreamStore(), logOf(events));
    poll(true, 12);
    expect(ledger.current).toMatchObject({ startSource: 'helix', firstId: 92 });
  });

  it('goes on with the stream that was live, as kept, after a restart', () => {
    const store = new MemoryStreamStore();
    setUp(store).ledger.apply({
      type: 'stream.online',
      data: { started_at: STARTED },
      publishedId: 101,
    });
    const { ledger } = setUp(store);
    expect(ledger.current?.id).toBe(1);
  });

  it('pages the streams newest first, before a stream id', async () => {
    const { ledger } = setUp();
    for (let n = 0; n < 5; n++) {
      const startedAt = new Date(Date.parse(STARTED) + n * 3_600_000).toISOString();
      ledger.apply({
        type: 'stream.online',
        data: { started_at: startedAt },
        publishedId: 200 + n * 10,
      });
      ledger.apply({ type: 'stream.offline', data: {}, publishedId: 205 + n * 10 });
    }
    const ids = async (limit: number, before?: number) =>
      (await ledger.page(limit, before)).map((span) => span.id);
    expect(await ids(2)).toEqual([5, 4]);
    expect(await ids(2, 4)).toEqual([3, 2]);
    expect(await ids(10, 2)).toEqual([1]);
  });

  it('a store that cannot write fails neither the poll nor the event, and the stream is still known', () => {
    const failing = new MemoryStreamStore();
    failing.save = () => {
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    const { ledger, poll } = setUp(failing);
    ledger.apply({ type: 'stream.online', data: { started_at: STARTED }, publishedId: 101 });
    expect(() => poll(true, 5)).not.toThrow();
    expect(ledger.current?.viewers.polls).toBe(1);
  });
});
