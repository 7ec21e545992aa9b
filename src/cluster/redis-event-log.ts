import { Subject, type Observable } from 'rxjs';
import type { StreamMessage } from '../contract/sse-contract.js';
import type {
  EventsPageQuery,
  LogReadAfter,
  Retention,
  StateKey,
  WantedEvents,
} from '../bus/event-log.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import type { PublishedMessage } from '../bus/published-message.js';
import type { SharedEventLog } from '../bus/shared-event-log.js';
import type { LeaderRequests } from './leader-requests.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';
import {
  fieldOf,
  kindOf,
  loadReplica,
  newestStreamId,
  parseEntry,
} from './redis-stream-entries.js';

/** At most this many messages go to Redis in one write. */
const WRITE_BATCH = 500;
/** How long a write that failed (Redis away) waits before it is tried again. */
const WRITE_RETRY_MS = 250;
/** How long one blocking read of the stream waits for news before asking again. */
const READ_BLOCK_MS = 1_000;
/**
 * A client may resume with an id another instance delivered a moment before this one: ids up to
 * this far ahead are taken as "not here yet", not as ids from another log.
 */
const AHEAD_WINDOW = 1_000_000;

/**
 * Writes a batch of messages to the stream, fenced: only the holder of the leader lease may write
 * (`FENCED` when another holds it; `LAPSED` when nobody does — the leader retakes it at its next
 * renewal, as after Redis restarted empty, and the write is tried again),
 * and only ids above the stream's newest (`BEHIND <newest>` otherwise, so the leader renumbers
 * what it holds back — nobody has seen those ids yet). A state message also replaces its key's
 * entry in the states hash. ARGV: lease, max length, time, then (id, kind, json) per message.
 */
const WRITE = `
local holder = redis.call('GET', KEYS[1])
if not holder then return redis.error_reply('LAPSED') end
if holder ~= ARGV[1] then return redis.error_reply('FENCED') end
local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)[1]
if top then
  -- (the id as text: Lua prints a number this big in exponent form)
  local newest = string.match(top[1], '^(%d+)')
  if tonumber(ARGV[4]) <= tonumber(newest) then return redis.error_reply('BEHIND ' .. newest) end
end
for i = 4, #ARGV, 3 do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], ARGV[i] .. '-0', 'k', ARGV[i + 1], 't', ARGV[3], 'm', ARGV[i + 2])
  if string.sub(ARGV[i + 1], 1, 2) == 's:' then
    redis.call('HSET', KEYS[3], string.sub(ARGV[i + 1], 3), ARGV[i] .. ' ' .. ARGV[i + 2])
  end
end
return 1`;

/** A message the leader has given an id, waiting to be written. */
interface PendingWrite {
  id: number;
  readonly kind: string;
  readonly json: string;
  readonly receivedAt?: number;
  /** When `append` took it (performance.now()): the start of the Redis hop. */
  readonly appendedAt: number;
  /**
   * Put back after Redis lost its data: every instance has delivered it already, so it keeps its
   * id or is dropped, never renumbered (that would deliver it twice).
   */
  readonly restored?: boolean;
}

export interface RedisEventLogOptions {
  readonly keys: RedisKeys;
  /** How many events every instance keeps in memory for replay (SSE_REPLAY_BUFFER_SIZE). */
  readonly memoryEvents: number;
  /** How many entries the stream keeps, about (EVENT_LOG_MAX_EVENTS). */
  readonly maxEntries: number;
  readonly retentionOf: (message: StreamMessage) => Retention;
  readonly log: (level: 'warn' | 'log', message: string) => void;
  /** How a follower hands its messages to the leader, and the leader takes them (`relay`). */
  readonly leaderRequests: LeaderRequests;
}

/**
 * The event log shared by every instance, on a Redis Stream. The leader gives each message its id
 * and writes it (fenced by its lease); every instance — the leader too — reads the stream and
 * delivers what it reads to its own SSE clients (`arrivals$`), so a message reaches clients only
 * once Redis has it, and every instance delivers the same ids in the same order. Reads (replay,
 * history, state) come from a copy in memory of the newest events and the states.
 *
 * While Redis is away the leader keeps what it publishes, in order, and writes it when Redis is
 * back; a leader whose lease another instance took meanwhile drops it (the new leader recovers
 * Twitch's events of that time through the gap recovery).
 */
export class RedisEventLog implements SharedEventLog {
  private replica: MemoryEventLog;
  /**
   * Whether the copy holds nothing from the stream yet (it was empty at start): its ids then start
   * wherever the leader's do, which may be below the copy's own starting point.
   */
  private blank: boolean;
  private readonly arrivals = new Subject<PublishedMessage>();
  private readonly fencedSubject = new Subject<void>();
  /** The lease this instance writes under, while it leads. */
  private lease: string | null = null;
  /** The last id given out (leader). */
  private assignedId = 0;
  private pending: PendingWrite[] = [];
  /** Whether Redis may have lost the log (the lease lapsed): checked before the next write. */
  private historyCheckDue = false;
  private writing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** When the Twitch frame behind a written message arrived, until this instance delivers it. */
  private readonly receivedAtById = new Map<number, number>();
  /** When each message sent to Redis was appended, until it is read back (the Redis hop). */
  private readonly appendedAtById = new Map<number, number>();
  private readonly hops = new Subject<number>();
  /** The newest stream entry read. */
  private cursor: number;
  private closed = false;
  private reading: Promise<void> = Promise.resolve();
  private readonly caughtUpWaiters: { id: number; resolve: () => void }[] = [];

  /** Every message as it is read from the stream, in id order: what the bus delivers. */
  readonly arrivals$: Observable<PublishedMessage> = this.arrivals.asObservable();
  /** Fires when Redis refused a write because another instance holds the lease. */
  readonly fenced$: Observable<void> = this.fencedSubject.asObservable();
  /**
   * Per message this instance wrote, once it is read back from the stream: milliseconds from
   * `append` to the read (the time Redis adds before clients get it; only the writer knows both
   * ends on one clock).
   */
  readonly redisHopMs$: Observable<number> = this.hops.asObservable();

  private constructor(
    private readonly redis: RedisConnections,
    private readonly options: RedisEventLogOptions,
    loaded: { replica: MemoryEventLog; cursor: number },
  ) {
    this.replica = loaded.replica;
    this.cursor = loaded.cursor;
    this.blank = loaded.cursor === 0;
  }

  /** Loads the newest events and the states from Redis, then follows the stream. */
  static async open(
    redis: RedisConnections,
    options: RedisEventLogOptions,
  ): Promise<RedisEventLog> {
    const log = new RedisEventLog(redis, options, await loadReplica(redis, options));
    options.leaderRequests.handle('publish', (request) => {
      const message = request['message'] as StreamMessage;
      return { id: log.append(message, options.retentionOf(message)).id };
    });
    log.reading = log.follow();
    return log;
  }

  // --- the EventLog interface, answered from the copy in memory

  get lastId(): number {
    return this.replica.lastId;
  }

  get oldestEventId(): number | null {
    return this.replica.oldestEventId;
  }

  get eventCount(): number {
    return this.replica.eventCount;
  }

  get eventCapacity(): number {
    return this.replica.eventCapacity;
  }

  eventsAfter(id: number, wanted?: WantedEvents, limit?: number): LogReadAfter {
    if (this.isAhead(id)) return { complete: true, events: [] };
    return this.replica.eventsAfter(id, wanted, limit);
  }

  /** An id another instance delivered that this one has not read yet (it will, in a moment). */
  isAhead(id: number): boolean {
    return id > this.replica.lastId && id <= this.replica.lastId + AHEAD_WINDOW;
  }

  event(id: number): PublishedMessage | undefined {
    return this.replica.event(id);
  }

  latestEvents(limit: number): PublishedMessage[] {
    return this.replica.latestEvents(limit);
  }

  eventsPage(query: EventsPageQuery): PublishedMessage[] {
    return this.replica.eventsPage(query);
  }

  states(): PublishedMessage[] {
    return this.replica.states();
  }

  state(key: StateKey): PublishedMessage | undefined {
    return this.replica.state(key);
  }

  /** Whether this instance gives out ids now (it leads). */
  get appendable(): boolean {
    return this.lease !== null;
  }

  /**
   * Gives `message` the next id and queues it for Redis; clients get it when it is read back. Only
   * the leader appends: a follower hands its messages to the leader (`relay`).
   */
  append(message: StreamMessage, retention: Retention, receivedAt?: number): PublishedMessage {
    if (this.lease === null) {
      throw new Error('Only the leader instance appends to the shared event log; use relay().');
    }
    const json = JSON.stringify(message);
    const id = ++this.assignedId;
    const appendedAt = performance.now();
    this.pending.push({ id, kind: kindOf(retention), json, receivedAt, appendedAt });
    this.scheduleWrite(0);
    return { id, message, json, publishedAt: appendedAt, receivedAt };
  }

  /**
   * Publishes `message` through the leader, from an instance that is not it (the dashboard's
   * actions on a follower); resolves to it as published.
   */
  async relay(message: StreamMessage): Promise<PublishedMessage> {
    if (this.lease !== null) return this.append(message, this.options.retentionOf(message));
    const { id } = (await this.options.leaderRequests.ask({ kind: 'publish', message })) as {
      id: number;
    };
    const json = JSON.stringify(message);
    return { id, message, json, publishedAt: performance.now() };
  }

  // --- leading

  /**
   * Starts giving out ids under `lease`, after everything already in the stream: resolves once
   * this instance has read all of it, so what it reads (e.g. to avoid repeating events) is current.
   */
  async lead(lease: string): Promise<void> {
    const newest = await newestStreamId(this.redis, this.options.keys);
    await this.caughtUpTo(newest);
    this.assignedId = Math.max(this.assignedId, newest, this.replica.lastId);
    this.pending = [];
    this.lease = lease;
    // A Redis that restarted empty while nobody led: what this instance kept goes back.
    this.historyCheckDue = true;
    this.scheduleWrite(0);
    await this.options.leaderRequests.serve();
  }

  /**
   * Leads on under a lease taken back after it lapsed (the messages held back are still due). When
   * Redis lost its data meanwhile (it restarted empty), the events and states this instance keeps
   * go back first, ids unchanged: an instance started afterwards, or a client resuming there,
   * finds the history it would have found before.
   */
  relead(lease: string): void {
    this.lease = lease;
    this.historyCheckDue = true;
    this.scheduleWrite(0);
  }

  /** Stops giving out ids; what was not written yet is dropped (it was delivered to nobody). */
  async stepDown(): Promise<number> {
    // First: a request that arrives from now on is refused as "no longer leads", not failed.
    const notServing = this.options.leaderRequests.stopServing();
    const dropped = this.pending.length;
    this.lease = null;
    this.pending = [];
    this.historyCheckDue = false;
    this.appendedAtById.clear();
    this.receivedAtById.clear();
    clearTimeout(this.retryTimer);
    await notServing;
    return dropped;
  }

  /** Resolves when every message appended so far is in Redis (or after `timeoutMs`). */
  async flushed(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while ((this.pending.length > 0 || this.writing) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.pending.length === 0 && !this.writing;
  }

  close(): void {
    this.closed = true;
    this.appendedAtById.clear();
    clearTimeout(this.retryTimer);
  }

  /** Resolves when the reading has stopped (after `close`). */
  stopped(): Promise<void> {
    return this.reading;
  }

  // --- writing (leader)

  private scheduleWrite(delayMs: number): void {
    if (this.writing || this.closed) return;
    clearTimeout(this.retryTimer);
    if (delayMs === 0) {
      this.writing = true;
      queueMicrotask(() => void this.write());
    } else {
      this.retryTimer = setTimeout(() => this.scheduleWrite(0), delayMs);
    }
  }

  /** Writes what is pending, a batch at a time, in order; on trouble, keeps it and tries again. */
  private async write(): Promise<void> {
    while (
      (this.pending.length > 0 || this.historyCheckDue) &&
      this.lease !== null &&
      !this.closed
    ) {
      if (this.historyCheckDue) {
        // Before anything else goes: the history has to be back in front of it.
        try {
          await this.putBackLostHistory();
          this.historyCheckDue = false;
        } catch {
          this.writing = false;
          this.scheduleWrite(WRITE_RETRY_MS); // Redis away again
          return;
        }
        continue;
      }
      const batch = this.pending.slice(0, WRITE_BATCH);
      const lease = this.lease;
      const args: (string | number)[] = [lease, this.options.maxEntries, Date.now()];
      for (const entry of batch) {
        args.push(entry.id, entry.kind, entry.json);
        if (entry.restored) continue; // delivered before: nothing times it or reads it back
        // Before the write: its entries can be read back before its own answer arrives.
        this.appendedAtById.set(entry.id, entry.appendedAt);
        if (entry.receivedAt !== undefined) this.receivedAtById.set(entry.id, entry.receivedAt);
      }
      try {
        await this.redis.command.eval(
          WRITE,
          3,
          this.options.keys.leader,
          this.options.keys.log,
          this.options.keys.states,
          ...args,
        );
      } catch (error) {
        const text = (error as Error).message;
        // (Redis may put "ERR " before a script's error.)
        const behind = /\bBEHIND (\d+)/.exec(text);
        const fenced = /\bFENCED\b/.test(text);
        // Refused: those ids are (or will be) another leader's entries, not this write's.
        if (behind || fenced)
          for (const entry of batch) {
            this.appendedAtById.delete(entry.id);
            this.receivedAtById.delete(entry.id);
          }
        if (behind) {
          this.renumberAfter(Number(behind[1]));
          continue;
        }
        this.writing = false;
        if (fenced) {
          if (this.lease === lease) this.fencedSubject.next();
        } else this.scheduleWrite(WRITE_RETRY_MS); // Redis away: try again, in order
        return;
      }
      // (A step-down during the write emptied the queue: nothing to take off it then.)
      if (this.pending[0] === batch[0]) this.pending.splice(0, batch.length);
    }
    this.writing = false;
  }

  /**
   * Drops entries older than `maxAgeMs` from the start of the stream (the leader does this now and
   * then; the length is capped on every write).
   */
  async pruneOlderThan(maxAgeMs: number): Promise<void> {
    const cutoff = Date.now() - maxAgeMs;
    const { keys } = this.options;
    for (;;) {
      const page = (await this.redis.command.xrange(keys.log, '-', '+', 'COUNT', 1000)) as [
        string,
        string[],
      ][];
      const young = page.find(([, fields]) => Number(fieldOf(fields, 't')) >= cutoff);
      if (young === page[0]) return;
      const keepFrom = young ? young[0] : `${Number(page.at(-1)![0].split('-')[0]) + 1}-0`;
      await this.redis.command.xtrim(keys.log, 'MINID', keepFrom);
      if (young) return;
    }
  }

  /** Puts the kept events and states that Redis no longer has in front of what waits to be written. */
  private async putBackLostHistory(): Promise<void> {
    const newest = await newestStreamId(this.redis, this.options.keys);
    if (newest >= this.replica.lastId) return;
    const lost = [
      ...this.replica.latestEvents(this.replica.eventCapacity),
      ...this.replica.states(),
    ]
      .filter((published) => published.id > newest)
      .sort((a, b) => a.id - b.id);
    if (lost.length === 0 || this.lease === null) return;
    const restored: PendingWrite[] = lost.map(({ id, message, json }) => ({
      id,
      kind: kindOf(this.options.retentionOf(message)),
      json,
      appendedAt: 0,
      restored: true,
    }));
    this.pending.unshift(...restored);
    this.options.log(
      'warn',
      `Redis had lost the shared event log (it restarted empty): writing back the ${restored.length} events and states this instance keeps (${restored[0]!.id}…${restored.at(-1)!.id}).`,
    );
  }

  /** Another leader wrote up to `newest` since these ids were given out: they follow it instead. */
  private renumberAfter(newest: number): void {
    // What was put back had been delivered under its id: it goes no further rather than twice.
    this.pending = this.pending.filter((entry) => !entry.restored);
    let id = newest;
    for (const entry of this.pending) entry.id = ++id;
    this.assignedId = id;
    this.options.log(
      'warn',
      `The shared event log moved on to ${newest} while this instance held messages back; they go out as ${newest + 1}…${id}.`,
    );
  }

  // --- reading (every instance)

  /** Reads the stream for good, delivering each new entry, until closed. */
  private async follow(): Promise<void> {
    const { keys } = this.options;
    while (!this.closed) {
      let answer: [string, [string, string[]][]][] | null;
      try {
        answer = (await this.redis.reader.xread(
          'COUNT',
          WRITE_BATCH,
          'BLOCK',
          READ_BLOCK_MS,
          'STREAMS',
          keys.log,
          `${this.cursor}-0`,
        )) as [string, [string, string[]][]][] | null;
      } catch {
        if (this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_MS));
        continue;
      }
      if (answer === null) {
        this.releaseCaughtUp();
        continue;
      }
      // One time for the whole read: delivering an entry must not count in the next one's hop.
      const readAt = performance.now();
      for (const [entryId, fields] of answer[0]?.[1] ?? []) this.deliver(entryId, fields, readAt);
      this.releaseCaughtUp();
    }
  }

  private deliver(entryId: string, fields: string[], readAt: number): void {
    const id = Number(entryId.split('-')[0]);
    if (!Number.isSafeInteger(id) || id <= this.cursor) return;
    this.cursor = id;
    if (this.blank) this.startCopyAt(id);
    if (id <= this.replica.lastId) return; // already read (a copy loaded at start)
    const parsed = parseEntry(fields);
    if (!parsed) {
      this.options.log(
        'warn',
        `Skipped entry ${entryId} of the shared event log: it is not a message this service wrote.`,
      );
      return;
    }
    const receivedAt = this.receivedAtById.get(id);
    this.receivedAtById.delete(id);
    const appendedAt = this.appendedAtById.get(id);
    if (appendedAt !== undefined) {
      this.appendedAtById.delete(id);
      this.hops.next(readAt - appendedAt);
    }
    const published: PublishedMessage = {
      id,
      message: parsed.message,
      json: parsed.json,
      publishedAt: performance.now(),
      ...(receivedAt === undefined ? {} : { receivedAt }),
    };
    this.replica.accept(published, parsed.retention);
    this.arrivals.next(published);
  }

  /** The first entry of a stream that was empty at start: the copy's ids begin just before it. */
  private startCopyAt(id: number): void {
    this.blank = false;
    if (id > this.replica.lastId) return;
    const copy = new MemoryEventLog(this.replica.eventCapacity, 0, id - 1);
    for (const state of this.replica.states()) {
      const retention = this.options.retentionOf(state.message);
      if (retention.kind === 'state') copy.restoreState(retention.key, state);
    }
    this.replica = copy;
  }

  private caughtUpTo(id: number): Promise<void> {
    if (this.cursor >= id) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push({ id, resolve }));
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
