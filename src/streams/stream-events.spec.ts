import { EventBus } from '../bus/event-bus.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import type { EventMessage } from '../contract/sse-contract.js';
import { StreamEvents } from './stream-events.js';
import { BusStreamLog } from './stream-log.js';
import { StreamSpans } from './stream-span.js';

function setUp(capacity = 10_000) {
  const bus = new EventBus(new MemoryEventLog(capacity));
  const spans = new StreamSpans();
  const publish = (login: string, extra: Partial<EventMessage> = {}) =>
    bus.publishEvent({
      type: 'event',
      event: 'channel.follow',
      data: { user_login: login },
      ...extra,
    }).id;
  return { bus, spans, publish, events: new StreamEvents(new BusStreamLog(bus)) };
}

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const read: T[][] = [];
  for await (const page of pages) read.push(page);
  return read;
}

const logins = (pages: Array<Array<{ message: EventMessage }>>) =>
  pages.flat().map(({ message }) => message.data.user_login);

describe('StreamEvents', () => {
  it('reads a stream’s own events oldest first, a page at a time, without test alerts or replays', async () => {
    const { spans, publish, events } = setUp();
    publish('before');
    spans.online(publish('online'), 0, '2026-12-01T18:00:00.000Z');
    for (let n = 0; n < 4_100; n++) publish(`f${n}`);
    publish('test', { test: true });
    publish('replayed', { replayOf: 3 });
    spans.offline(publish('offline'), 1);
    publish('after');

    const pages = await all(events.pages(spans.all[0]!));
    expect(pages.map((page) => page.length)).toEqual([2_000, 2_000, 102]);
    const read = logins(pages);
    expect(read.slice(0, 2)).toEqual(['online', 'f0']);
    expect(read.at(-1)).toBe('offline');
    expect(read).not.toEqual(expect.arrayContaining(['before', 'test', 'replayed', 'after']));
    expect(await events.complete(spans.all[0]!)).toBe(true);
  });

  it('ends a live stream where the log stood when reading began, however long the reader waits', async () => {
    const { spans, publish, events } = setUp();
    spans.online(publish('online'), 0, '2026-12-01T18:00:00.000Z');
    for (let n = 0; n < 2_500; n++) publish(`f${n}`);
    const pages = events.pages(spans.current!);
    const first = (await pages.next()).value ?? [];
    publish('later');
    expect(logins([first, ...(await all(pages))])).toHaveLength(2_501);
  });

  it('says a stream is incomplete once the log no longer keeps its first events', async () => {
    const { spans, publish, events } = setUp(3);
    spans.online(publish('online'), 0, '2026-12-01T18:00:00.000Z');
    for (let n = 0; n < 4; n++) publish(`f${n}`);
    expect(await events.complete(spans.current!)).toBe(false);
    expect(logins(await all(events.pages(spans.current!)))).toEqual(['f1', 'f2', 'f3']);
  });
});
