import type { PublishedMessage } from '../bus/published-message.js';
import type { EventBus } from '../bus/event-bus.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import type { StreamSpan } from './stream-span.js';

/** The injection token of a `StreamLog` shared by several instances (REDIS_URL), when there is one. */
export const SHARED_STREAM_LOG = Symbol('SharedStreamLog');

/** The injection token of the `StreamLog` the recaps, downloads and credits read. */
export const STREAM_LOG = Symbol('StreamLog');

/** Which events of the log a reader wants: an id range and some event types. */
export interface StreamLogRange {
  /** Only ids above this one. */
  readonly after: number;
  /** Only ids up to this one. */
  readonly upTo: number;
  /** Only these types. */
  readonly types: ReadonlySet<TwitchEventType>;
}

/**
 * The event log as a stream's readers (recap, downloads, credits) read it: by id range, a page at
 * a time, so that a long stream is never all in memory. With one instance it is the bus's own log;
 * with REDIS_URL it is the shared log in Redis, so that every instance reads the same events (not
 * its own copy of the newest ones).
 */
export interface StreamLog {
  /** The newest id: where a live stream's reading ends. */
  readonly lastId: number;
  /**
   * Whether a page of some types reads only those types' events (an index by type), or every event
   * of its range: a reader of several groups of types then reads them in one pass.
   */
  readonly indexedByType: boolean;
  /** The events of `range`, oldest first, in pages of at most `pageSize`. */
  pages(range: StreamLogRange, pageSize: number): AsyncGenerator<PublishedMessage[]>;
  /**
   * Whether the log still keeps every event of `types` in `span`: false when retention let one go,
   * or while the log cannot write (its newest events are not where a page reads).
   */
  keepsAll(span: StreamSpan, types: ReadonlySet<TwitchEventType>): Promise<boolean>;
}

/**
 * The bus's own log (SQLite or memory) as a `StreamLog`: pages along its primary key, and which
 * types retention pruned after an id, as the log tracks them.
 */
export class BusStreamLog implements StreamLog {
  readonly indexedByType = true;

  constructor(private readonly bus: EventBus) {}

  get lastId(): number {
    return this.bus.lastId;
  }

  async *pages(range: StreamLogRange, pageSize: number): AsyncGenerator<PublishedMessage[]> {
    const { types, upTo } = range;
    for (let after = range.after; ;) {
      const page = this.bus.eventsPage({ after, before: upTo + 1, types, limit: pageSize });
      if (page.length === 0) return;
      const newest = page[0]!.id;
      // Newest first: turned round, as they happened.
      yield page.reverse();
      if (page.length < pageSize) return;
      after = newest;
    }
  }

  keepsAll(span: StreamSpan, types: ReadonlySet<TwitchEventType>): Promise<boolean> {
    const log = this.bus.logStatus;
    if (log.state !== 'ok') {
      const since = Date.parse(log.since ?? '') || 0;
      if (span.endedAt === null || Date.parse(span.endedAt) >= since) return Promise.resolve(false);
    }
    return Promise.resolve(this.bus.missedAfter(span.firstId - 1, types, 1).complete);
  }
}
