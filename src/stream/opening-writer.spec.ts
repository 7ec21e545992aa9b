import { EventEmitter } from 'node:events';
import { OpeningWriter } from './opening-writer.js';
import type { QueueProgress, SseConnection } from './sse-connection.js';

/** A connection with `steps` steps to write; `blockAt` is a step after which it must drain. */
class FakeConnection {
  readonly written: number[] = [];
  private readonly events = new EventEmitter();
  private step = 0;

  constructor(
    readonly name: string,
    private readonly steps: number,
    private readonly log: string[],
    private readonly blockAt = -1,
  ) {}

  get hasBegun(): boolean {
    return this.step > 0;
  }

  writeQueued(): QueueProgress {
    this.log.push(this.name);
    this.written.push(++this.step);
    if (this.step === this.steps) return 'done';
    return this.step === this.blockAt ? 'wait' : 'more';
  }

  onDrainOrClose(listener: () => void): void {
    this.events.once('drain-or-close', listener);
  }

  drain(): void {
    this.events.emit('drain-or-close');
  }

  get asConnection(): SseConnection {
    return this as unknown as SseConnection;
  }
}

/** Lets the writer's turns run until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !done(); turn++)
    await new Promise((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}

describe('OpeningWriter', () => {
  it('gives every waiting client its next step in turn until each is done', async () => {
    const log: string[] = [];
    const writer = new OpeningWriter();
    const a = new FakeConnection('a', 3, log);
    const b = new FakeConnection('b', 2, log);
    writer.add(a.asConnection);
    writer.add(b.asConnection);
    expect(log).toEqual([]); // nothing is written in the request handler
    await until(() => log.length === 5);
    expect(log).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('writes nothing more to a client that must drain until it has', async () => {
    const log: string[] = [];
    const writer = new OpeningWriter();
    const slow = new FakeConnection('slow', 3, log, 1);
    const other = new FakeConnection('other', 3, log);
    writer.add(slow.asConnection);
    writer.add(other.asConnection);
    await until(() => other.written.length === 3);
    expect(slow.written).toEqual([1]);
    slow.drain();
    await until(() => slow.written.length === 3);
  });

  it('holds the others back while many clients wait to drain, and lets them go as those drain or close', async () => {
    const log: string[] = [];
    const writer = new OpeningWriter();
    const stuck = Array.from({ length: 128 }, (_, n) => new FakeConnection(`s${n}`, 3, log, 2));
    stuck.forEach((connection) => writer.add(connection.asConnection));
    await until(() => stuck.every((connection) => connection.written.length === 2));
    const late = new FakeConnection('late', 3, log);
    writer.add(late.asConnection);
    // Its stream begins at once (the headers): a new client is never held behind stuck replays.
    await until(() => late.written.length === 1);
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(late.written).toEqual([1]);
    // One drains (or its client goes away): a place is free again.
    stuck[0]?.drain();
    await until(() => late.written.length === 3);
  });
});
