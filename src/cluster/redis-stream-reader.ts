import { Subject, type Observable } from 'rxjs';
import type { Retention } from '../bus/event-log.js';
import type { MemoryEventLog } from '../bus/memory-event-log.js';
import type { PublishedMessage } from '../bus/published-message.js';
import type { StreamMessage } from '../contract/sse-contract.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';
import { parseEntry, writtenAt } from './redis-stream-entries.js';
import { WRITE_BATCH, WRITE_RETRY_MS } from './redis-stream-writer.js';
import type { RedisWriteTiming } from './redis-write-timing.js';

/** How long one blocking read of the stream waits for news before asking again. */
const READ_BLOCK_MS = 1_000;

export interface RedisStreamReaderOptions {
  readonly keys: RedisKeys;
  readonly retentionOf: (message: StreamMessage) => Retention;
  readonly log: (level: 'warn' | 'log', message: string) => void;
  /** What this instance wrote and has not read back yet (its hops, its frames' arrival times). */
  readonly timing: RedisWriteTiming;
}

/**
 * Every instance's side of the shared log: follows the stream for good, keeps what it reads in a
 * copy in memory (what the log's reads answer from), and hands each message on (`arrivals$`) in
 * the stream's order — so a message reaches clients only once Redis has it.
 */
export class RedisStreamReader {
  private current: MemoryEventLog;
  /**
   * Whether the copy holds nothing from the stream yet (it was empty at start): its ids then start
   * wherever the leader's do, which may be below the copy's own starting point.
   */
  private blank: boolean;
  /** The newest stream entry read. */
  private cursor: number;
  private closed = false;
  private reading: Promise<void> = Promise.resolve();
  private readonly caughtUpWaiters: { id: number; resolve: () => void }[] = [];
  private readonly arrivals = new Subject<PublishedMessage>();
  private readonly hops = new Subject<number>();

  /** Every message as it is read from the stream, in id order. */
  readonly arrivals$: Observable<PublishedMessage> = this.arrivals.asObservable();
  /** Per message this instance wrote, once read back: milliseconds from `append` to the read. */
  readonly hopMs$: Observable<number> = this.hops.asObservable();

  constructor(
    private readonly redis: RedisConnections,
    private readonly options: RedisStreamReaderOptions,
    loaded: { replica: MemoryEventLog; cursor: number },
  ) {
    this.current = loaded.replica;
    this.cursor = loaded.cursor;
    this.blank = loaded.cursor === 0;
  }

  /** The copy in memory of the newest events and the states. */
  get replica(): MemoryEventLog {
    return this.current;
  }

  /** Starts following the stream, until `close`. */
  start(): void {
    this.reading = this.follow();
  }

  /** Resolves once this instance has read the stream up to `id`. */
  caughtUpTo(id: number): Promise<void> {
    if (this.cursor >= id) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push({ id, resolve }));
  }

  /** Stops reading (the read under way ends within one blocking read, or when Redis closes). */
  close(): void {
    this.closed = true;
  }

  /** Resolves when the reading has stopped (after `close`). */
  stopped(): Promise<void> {
    return this.reading;
  }

  /**
   * Reads both streams for good, delivering each new entry in id order, until closed. Entries are
   * taken from reads that do not block: one command reads both streams at one moment, so their
   * entries can be merged by id. A read that blocks only waits for news: Redis answers it with
   * the stream that woke it alone, and an entry of the other stream with a lower id would be
   * passed over.
   */
  private async follow(): Promise<void> {
    while (!this.closed) {
      let answer: [string, [string, string[]][]][] | null;
      try {
        answer = await this.readBoth(false);
        if (answer === null) {
          this.releaseCaughtUp();
          await this.readBoth(true);
          continue;
        }
      } catch {
        if (this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_MS));
        continue;
      }
      // One time for the whole read: delivering an entry must not count in the next one's hop.
      const readAt = performance.now();
      for (const [entryId, fields] of inIdOrder(answer)) this.deliver(entryId, fields, readAt);
      this.releaseCaughtUp();
    }
  }

  /** The entries of both streams after the cursor; `waiting`: blocks until there are some. */
  private async readBoth(waiting: boolean): Promise<[string, [string, string[]][]][] | null> {
    const { keys } = this.options;
    const after = `${this.cursor}-0`;
    const streams = ['STREAMS', keys.log, keys.chatLog, after, after] as const;
    return (await (waiting
      ? this.redis.reader.xread('COUNT', 1, 'BLOCK', READ_BLOCK_MS, ...streams)
      : this.redis.reader.xread('COUNT', WRITE_BATCH, ...streams))) as
      [string, [string, string[]][]][] | null;
  }

  private deliver(entryId: string, fields: string[], readAt: number): void {
    const id = Number(entryId.split('-')[0]);
    if (!Number.isSafeInteger(id) || id <= this.cursor) return;
    this.cursor = id;
    if (this.blank) this.startCopyAt(id);
    if (id <= this.current.lastId) return; // already read (a copy loaded at start)
    const parsed = parseEntry(fields);
    if (!parsed) {
      this.options.log(
        'warn',
        `Skipped entry ${entryId} of the shared event log: it is not a message this service wrote.`,
      );
      return;
    }
    const { appendedAt, receivedAt } = this.options.timing.readBack(id);
    if (appendedAt !== undefined) this.hops.next(readAt - appendedAt);
    const published: PublishedMessage = {
      id,
      message: parsed.message,
      json: parsed.json,
      publishedAt: performance.now(),
      ...(receivedAt === undefined ? {} : { receivedAt }),
    };
    this.current.accept(published, parsed.retention, writtenAt(fields));
    this.arrivals.next(published);
  }

  /** The first entry of a stream that was empty at start: the copy's ids begin just before it. */
  private startCopyAt(id: number): void {
    this.blank = false;
    if (id > this.current.lastId) return;
    const copy = this.current.emptyCopy(id - 1);
    for (const state of this.current.states()) {
      const retention = this.options.retentionOf(state.message);
      if (retention.kind === 'state') copy.restoreState(retention.key, state);
    }
    this.current = copy;
  }

  private releaseCaughtUp(): void {
    for (let i = this.caughtUpWaiters.length - 1; i >= 0; i--) {
      const waiter = this.caughtUpWaiters[i]!;
      if (this.cursor >= waiter.id) {
        this.caughtUpWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}

/**
 * The entries of one read of both streams, merged in id order, up to where both are known: the
 * writer adds to the two in one script, in id order, so a stream that gave fewer than
 * `WRITE_BATCH` entries gave all it had after the cursor, and one that gave a full batch has more
 * after its last — an entry of the other stream beyond that last one waits for the next read,
 * which starts from it.
 */
export function inIdOrder(answer: [string, [string, string[]][]][]): [string, string[]][] {
  const idOf = ([entryId]: [string, string[]]) => Number(entryId.split('-')[0]);
  let upTo = Infinity;
  for (const [, entries] of answer) {
    const last = entries.at(-1);
    if (entries.length >= WRITE_BATCH && last) upTo = Math.min(upTo, idOf(last));
  }
  const merged = answer.flatMap(([, entries]) => entries);
  if (answer.length > 1) merged.sort((a, b) => idOf(a) - idOf(b));
  return upTo === Infinity ? merged : merged.filter((entry) => idOf(entry) <= upTo);
}
