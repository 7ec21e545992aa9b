import type { PublishedMessage } from '../bus/published-message.js';
import type { StreamLog, StreamLogRange } from '../streams/stream-log.js';
import type { StreamSpan } from '../streams/stream-span.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';
import { fieldOf, parseEntry } from './redis-stream-entries.js';

type StreamEntry = [id: string, fields: string[]];

/**
 * The shared log in Redis as a stream's readers read it, the same on every instance: the log's
 * stream by id range (`XRANGE … COUNT`, a page at a time, never the whole stream), keeping the
 * events of the wanted types. Chat has a stream of its own and is never read here. Each page reads
 * every entry of its range (a stream has no index by type), so readers of several types read them
 * in one pass.
 *
 * The stream is trimmed by length (`MAXLEN ~ EVENT_LOG_MAX_EVENTS`) and by age from its start, and
 * does not say the types of what it trimmed: once it trimmed past a stream's first event, every
 * type of that stream counts as incomplete.
 */
export class RedisSharedStreamLog implements StreamLog {
  readonly indexedByType = false;

  constructor(
    private readonly redis: RedisConnections,
    private readonly keys: RedisKeys,
    private readonly newestId: () => number,
  ) {}

  get lastId(): number {
    return this.newestId();
  }

  async *pages(range: StreamLogRange, pageSize: number): AsyncGenerator<PublishedMessage[]> {
    const { types, upTo } = range;
    for (let from = range.after + 1; from <= upTo;) {
      const entries = (await this.redis.command.xrange(
        this.keys.log,
        `${from}-0`,
        `${upTo}-0`,
        'COUNT',
        pageSize,
      )) as StreamEntry[];
      const events: PublishedMessage[] = [];
      for (const [entryId, fields] of entries) {
        if (fieldOf(fields, 'k') !== 'h') continue;
        const parsed = parseEntry(fields);
        if (parsed?.message.type !== 'event' || !types.has(parsed.message.event)) continue;
        const id = Number(entryId.split('-')[0]);
        events.push({ id, message: parsed.message, json: parsed.json, publishedAt: 0 });
      }
      if (events.length > 0) yield events;
      if (entries.length < pageSize) return;
      from = Number(entries.at(-1)![0].split('-')[0]) + 1;
    }
  }

  /** Whether the stream's first event is still in the log's stream (nothing of it was trimmed). */
  async keepsAll(span: StreamSpan): Promise<boolean> {
    const [oldest] = (await this.redis.command.xrange(
      this.keys.log,
      '-',
      '+',
      'COUNT',
      1,
    )) as StreamEntry[];
    // An empty stream: trimmed whole by age, unless the stream had no event to lose.
    if (!oldest) return span.lastId !== null && span.lastId < span.firstId;
    return Number(oldest[0].split('-')[0]) <= span.firstId;
  }
}
