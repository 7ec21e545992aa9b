import { Subject, type Observable } from 'rxjs';
import { StandbyRelay, type StandbyItem } from '../eventsub/standby-relay.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';

/** About how many items the stream keeps: minutes of a busy channel's notifications. */
const STREAM_MAX_ITEMS = 10_000;
/** How many items go to Redis in one round trip. */
const FORWARD_BATCH = 200;
/** How long a forward that failed (Redis away) waits before it is tried again. */
const RETRY_MS = 250;
/** How long one blocking read waits for news before asking again. */
const READ_BLOCK_MS = 1_000;
/**
 * How many items the standby holds while Redis is away, at most: the oldest go first. The leader
 * receives those events through its own session anyway; the standby's copies matter when the
 * leader's session is down, and Redis being away for that long is a gap of its own.
 */
const MAX_WAITING = 10_000;

/**
 * The standby's notifications on their way to the leader, through a Redis stream
 * (`twitch-realtime:standby:inbox`, capped at about `STREAM_MAX_ITEMS`). The standby appends in
 * order and, while Redis is away, keeps what waits and tries again, in order (an item may then
 * arrive twice: the leader drops a repeated `message_id`). The leader reads the stream from the
 * moment it leads, skipping its own items (what it forwarded as the standby it already keeps).
 */
export class RedisStandbyRelay extends StandbyRelay {
  private readonly items = new Subject<StandbyItem>();
  private waiting: string[] = [];
  private sending = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private warnedFull = false;
  /** The read under way, while this instance leads. */
  private reading: { stop: boolean; done: Promise<void> } | undefined;
  private closed = false;

  readonly forwarded$: Observable<StandbyItem> = this.items.asObservable();

  constructor(
    private readonly redis: RedisConnections,
    private readonly keys: RedisKeys,
    private readonly instanceId: string,
    private readonly warn: (message: string) => void,
  ) {
    super();
  }

  forward(item: StandbyItem): void {
    if (this.closed) return;
    this.waiting.push(JSON.stringify(item));
    if (this.waiting.length > MAX_WAITING) {
      this.waiting.splice(0, this.waiting.length - MAX_WAITING);
      if (!this.warnedFull)
        this.warn(
          `Redis has been away for a while: the standby holds only its newest ${MAX_WAITING} notifications for the leader.`,
        );
      this.warnedFull = true;
    }
    this.send();
  }

  /**
   * Starts reading the standby's items (this instance leads now): those from now on. Resolves once
   * it knows where "now" is in the stream — or, Redis away, at once (it finds out when Redis is
   * back; never from the start, which would bring back a former standby's old items).
   */
  async read(): Promise<void> {
    if (this.reading || this.closed) return;
    const reading = { stop: false, done: Promise.resolve() };
    this.reading = reading;
    const from = await this.newestItem().catch(() => null);
    reading.done = this.follow(from, reading);
  }

  /** Stops reading (this instance no longer leads); resolves when the read under way ended. */
  async stopReading(): Promise<void> {
    const reading = this.reading;
    this.reading = undefined;
    if (!reading) return;
    reading.stop = true;
    await reading.done;
  }

  /** Sends nothing more and stops reading. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.stopReading();
  }

  private send(): void {
    if (this.sending || this.closed || this.waiting.length === 0) return;
    this.sending = true;
    const batch = this.waiting.slice(0, FORWARD_BATCH);
    const pipeline = this.redis.command.pipeline();
    for (const json of batch)
      pipeline.xadd(this.keys.standbyInbox, 'MAXLEN', '~', STREAM_MAX_ITEMS, '*', 'j', json);
    pipeline.exec().then(
      (results) => {
        this.sending = false;
        if (results?.some(([error]) => error)) return this.retryLater();
        this.warnedFull = false;
        // (Items dropped meanwhile for want of room went from the front: take off what was sent.)
        if (this.waiting[0] === batch[0]) this.waiting.splice(0, batch.length);
        this.send();
      },
      () => {
        this.sending = false;
        this.retryLater();
      },
    );
  }

  private retryLater(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.send(), RETRY_MS);
  }

  /** The id of the stream's newest item ('0-0' for none). */
  private async newestItem(): Promise<string> {
    const newest = await this.redis.command.xrevrange(this.keys.standbyInbox, '+', '-', 'COUNT', 1);
    return newest[0]?.[0] ?? '0-0';
  }

  private async follow(from: string | null, reading: { stop: boolean }): Promise<void> {
    let cursor = from;
    while (cursor === null && !reading.stop && !this.closed) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      cursor = await this.newestItem().catch(() => null);
    }
    while (cursor !== null && !reading.stop && !this.closed) {
      let answer: [string, [string, string[]][]][] | null;
      try {
        answer = (await this.redis.inbox.xread(
          'COUNT',
          FORWARD_BATCH,
          'BLOCK',
          READ_BLOCK_MS,
          'STREAMS',
          this.keys.standbyInbox,
          cursor,
        )) as [string, [string, string[]][]][] | null;
      } catch {
        if (reading.stop || this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      for (const [entryId, fields] of answer?.[0]?.[1] ?? []) {
        cursor = entryId;
        if (reading.stop) return;
        const item = parseItem(fields);
        if (item && item.session !== this.instanceId) this.items.next(item);
      }
    }
  }
}

/** An item as the standby wrote it (`j`: its JSON), or undefined for anything else. */
function parseItem(fields: string[]): StandbyItem | undefined {
  const json = fields[fields.indexOf('j') + 1];
  if (fields.indexOf('j') < 0 || json === undefined) return undefined;
  try {
    const item = JSON.parse(json) as StandbyItem;
    if (typeof item.session !== 'string') return undefined;
    if (item.kind === 'joined' && typeof item.upToLogId === 'number') return item;
    if (item.kind === 'copy' && typeof item.type === 'string' && typeof item.data === 'object')
      return item;
  } catch {
    // Not an item of this service's: skipped.
  }
  return undefined;
}
