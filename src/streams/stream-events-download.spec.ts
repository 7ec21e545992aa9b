import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { EventMessage } from '../contract/sse-contract.js';
import type { StreamEvents, StreamLogEvent } from './stream-events.js';
import { writeStreamEvents } from './stream-events-download.js';
import { summaryOf } from './stream-recap.js';
import type { StreamSpan } from './stream-span.js';

const span: StreamSpan = {
  id: 7,
  startedAt: '2026-12-01T18:00:00.000Z',
  startSource: 'stream.online',
  firstId: 1,
  endedAt: '2026-12-01T20:00:00.000Z',
  endSource: 'stream.offline',
  lastId: 20_000,
  lastLivePollAt: null,
  viewers: { polls: 0, peak: 0, sum: 0, last: 0 },
};

/** A response that keeps what is written, and can go away after some writes like a client. */
class Sink extends Writable {
  text = '';
  head: Record<string, string> = {};
  constructor(private goneAfterWrites = Infinity) {
    super();
  }
  writeHead(_status: number, headers: Record<string, string>) {
    this.head = headers;
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    if (--this.goneAfterWrites <= 0) this.destroy();
    done();
  }
}

/** `pages` pages of 2,000 follows; counts the pages read. */
function eventsOf(pages: number) {
  const read = { pages: 0 };
  const events = {
    complete: () => true,
    *pages(): Generator<StreamLogEvent[]> {
      for (let page = 0; page < pages; page++) {
        read.pages++;
        yield Array.from({ length: 2_000 }, (_, n) => {
          const id = page * 2_000 + n + 1;
          const message: EventMessage = {
            type: 'event',
            event: 'channel.follow',
            data: { user_login: `f${id}`, user_name: `F${id}` },
          };
          return { id, message, json: JSON.stringify(message) };
        });
      }
    },
  };
  return { read, events: events as unknown as StreamEvents };
}

const write = (sink: Sink, format: 'csv' | 'json', events: StreamEvents) =>
  writeStreamEvents(sink as unknown as ServerResponse, format, span, summaryOf(span), events);

describe('writeStreamEvents', () => {
  it('writes every event as JSON, the log’s JSON as it is, with the stream and whether it is whole', async () => {
    const sink = new Sink();
    const { events } = eventsOf(3);
    await write(sink, 'json', events);
    const body = JSON.parse(sink.text) as { stream: unknown; complete: boolean; events: unknown[] };
    expect(body.stream).toEqual(summaryOf(span));
    expect(body.complete).toBe(true);
    expect(body.events).toHaveLength(6_000);
    expect(body.events[0]).toEqual({
      id: 1,
      message: {
        type: 'event',
        event: 'channel.follow',
        data: { user_login: 'f1', user_name: 'F1' },
      },
    });
    expect(sink.head).toMatchObject({
      'Content-Disposition': 'attachment; filename="stream-7-events.json"',
      'X-Stream-Events-Complete': 'true',
    });
  });

  it('stops reading the log once the client has gone', async () => {
    const sink = new Sink(2);
    const { events, read } = eventsOf(10);
    await write(sink, 'csv', events);
    expect(read.pages).toBeLessThan(10);
    expect(sink.text.startsWith('\uFEFFid,time,event')).toBe(true);
  });

  it('cuts the connection when the log fails mid-way, rather than end a file that looks whole', async () => {
    const sink = new Sink();
    const failing = {
      complete: () => true,
      // eslint-disable-next-line require-yield
      *pages(): Generator<StreamLogEvent[]> {
        throw new Error('SQLITE_IOERR');
      },
    } as unknown as StreamEvents;
    await expect(write(sink, 'csv', failing)).rejects.toThrow('SQLITE_IOERR');
    expect(sink.destroyed).toBe(true);
  });
});
