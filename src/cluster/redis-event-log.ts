import type { Observable } from 'rxjs';
import {
  DEFAULT_CHAT_RETENTION,
  type ChatRetention,
  type EventsPageQuery,
  type LogReadAfter,
  type Retention,
  type StateKey,
  type WantedEvents,
} from '../bus/event-log.js';
import type { PublishedMessage } from '../bus/published-message.js';
import type { SharedEventLog } from '../bus/shared-event-log.js';
import type { StreamMessage } from '../contract/sse-contract.js';
import type { LeaderRequests } from './leader-requests.js';
import type { RedisConnections } from './redis-connections.js';
import { lostHistory } from './redis-history-put-back.js';
import type { RedisKeys } from './redis-keys.js';
import { relayToLeader, takeRelayedMessages } from './redis-leader-relay.js';
import { kindOf, loadReplica, newestStreamId } from './redis-stream-entries.js';
import { pruneStreamOlderThan } from './redis-stream-pruning.js';
import { RedisStreamReader } from './redis-stream-reader.js';
import { RedisStreamWriter } from './redis-stream-writer.js';
import { RedisWriteTiming } from './redis-write-timing.js';

/**
 * A client may resume with an id another instance delivered a moment before this one: ids up to
 * this far ahead are taken as "not here yet", not as ids from another log.
 */
const AHEAD_WINDOW = 1_000_000;

export interface RedisEventLogOptions {
  readonly keys: RedisKeys;
  /** How many events every instance keeps in memory for replay (SSE_REPLAY_BUFFER_SIZE). */
  readonly memoryEvents: number;
  /** How many entries the log's stream keeps, about (EVENT_LOG_MAX_EVENTS). */
  readonly maxEntries: number;
  /**
   * How much chat is kept: in the chat stream (its length capped at `maxMessages`, entries older
   * than `maxAgeMs` dropped by the leader now and then), and in every instance's copy in memory
   * (default 5,000, a day).
   */
  readonly chat?: ChatRetention;
  /** Milliseconds since the epoch (injected for tests): entries' times, and chat's age. */
  readonly now?: () => number;
  readonly retentionOf: (message: StreamMessage) => Retention;
  readonly log: (level: 'warn' | 'log', message: string) => void;
  /** How a follower hands its messages to the leader, and the leader takes them (`relay`). */
  readonly leaderRequests: LeaderRequests;
}

/**
 * The event log shared by every instance, on a Redis Stream. The leader gives each message its id
 * and writes it (fenced by its lease: `RedisStreamWriter`); every instance — the leader too — reads
 * the stream and delivers what it reads to its own SSE clients (`arrivals$`, `RedisStreamReader`),
 * so a message reaches clients only once Redis has it, and every instance delivers the same ids in
 * the same order. Reads (replay, history, state) come from a copy in memory of the newest events
 * and the states.
 *
 * Chat has a stream of its own (`chatLog`), trimmed under chat's own retention, and a ring of its
 * own in each copy: a busy chat never trims another event out of the log's stream or pushes it
 * out of an instance's memory. Ids are one sequence across the two streams; every instance reads
 * both and delivers them merged in id order.
 *
 * While Redis is away the leader keeps what it publishes, in order, and writes it when Redis is
 * back; a leader whose lease another instance took meanwhile drops it (the new leader recovers
 * Twitch's events of that time through the gap recovery).
 */
export class RedisEventLog implements SharedEventLog {
  private readonly reader: RedisStreamReader;
  private readonly writer: RedisStreamWriter;
  private readonly timing = new RedisWriteTiming();

  /** Every message as it is read from the stream, in id order: what the bus delivers. */
  readonly arrivals$: Observable<PublishedMessage>;
  /** Fires when Redis refused a write because another instance holds the lease. */
  readonly fenced$: Observable<void>;
  /**
   * Per message this instance wrote, once it is read back from the stream: milliseconds from
   * `append` to the read (the time Redis adds before clients get it; only the writer knows both
   * ends on one clock).
   */
  readonly redisHopMs$: Observable<number>;

  private constructor(
    private readonly redis: RedisConnections,
    private readonly options: RedisEventLogOptions & { readonly chat: ChatRetention },
    loaded: Awaited<ReturnType<typeof loadReplica>>,
  ) {
    const { keys, retentionOf, log } = options;
    this.reader = new RedisStreamReader(
      redis,
      { keys, retentionOf, log, timing: this.timing },
      loaded,
    );
    this.writer = new RedisStreamWriter(redis, {
      keys,
      maxEntries: options.maxEntries,
      chatMaxEntries: options.chat.maxMessages,
      ...(options.now ? { now: options.now } : {}),
      log,
      timing: this.timing,
      lostHistory: () => lostHistory(redis, keys, () => this.reader.replica, retentionOf),
    });
    this.arrivals$ = this.reader.arrivals$;
    this.fenced$ = this.writer.fenced$;
    this.redisHopMs$ = this.reader.hopMs$;
  }

  /** Loads the newest events and the states from Redis, then follows the stream. */
  static async open(
    redis: RedisConnections,
    options: RedisEventLogOptions,
  ): Promise<RedisEventLog> {
    const withChat = { ...options, chat: options.chat ?? DEFAULT_CHAT_RETENTION };
    const log = new RedisEventLog(redis, withChat, await loadReplica(redis, withChat));
    takeRelayedMessages(options.leaderRequests, (message) =>
      log.append(message, options.retentionOf(message)),
    );
    log.reader.start();
    return log;
  }

  // --- the EventLog interface, answered from the copy in memory

  get lastId(): number {
    return this.reader.replica.lastId;
  }

  get oldestEventId(): number | null {
    return this.reader.replica.oldestEventId;
  }

  get eventCount(): number {
    return this.reader.replica.eventCount;
  }

  get eventCapacity(): number {
    return this.reader.replica.eventCapacity;
  }

  get chatEventCount(): number {
    return this.reader.replica.chatEventCount;
  }

  get chatEventCapacity(): number {
    return this.reader.replica.chatEventCapacity;
  }

  eventsAfter(id: number, wanted?: WantedEvents, limit?: number): LogReadAfter {
    if (this.isAhead(id)) return { complete: true, events: [] };
    return this.reader.replica.eventsAfter(id, wanted, limit);
  }

  /** An id another instance delivered that this one has not read yet (it will, in a moment). */
  isAhead(id: number): boolean {
    const { lastId } = this.reader.replica;
    return id > lastId && id <= lastId + AHEAD_WINDOW;
  }

  event(id: number): PublishedMessage | undefined {
    return this.reader.replica.event(id);
  }

  latestEvents(limit: number, wanted?: WantedEvents): PublishedMessage[] {
    return this.reader.replica.latestEvents(limit, wanted);
  }

  eventsPage(query: EventsPageQuery): PublishedMessage[] {
    return this.reader.replica.eventsPage(query);
  }

  states(): PublishedMessage[] {
    return this.reader.replica.states();
  }

  state(key: StateKey): PublishedMessage | undefined {
    return this.reader.replica.state(key);
  }

  /** Whether this instance gives out ids now (it leads). */
  get appendable(): boolean {
    return this.writer.leading;
  }

  /**
   * Gives `message` the next id and queues it for Redis; clients get it when it is read back. Only
   * the leader appends: a follower hands its messages to the leader (`relay`).
   */
  append(message: StreamMessage, retention: Retention, receivedAt?: number): PublishedMessage {
    if (!this.writer.leading) {
      throw new Error('Only the leader instance appends to the shared event log; use relay().');
    }
    const json = JSON.stringify(message);
    const appendedAt = performance.now();
    const id = this.writer.append({ kind: kindOf(retention), json, receivedAt, appendedAt });
    return { id, message, json, publishedAt: appendedAt, receivedAt };
  }

  /**
   * Publishes `message` through the leader, from an instance that is not it (the dashboard's
   * actions on a follower); resolves to it as published.
   */
  async relay(message: StreamMessage): Promise<PublishedMessage> {
    if (this.writer.leading) return this.append(message, this.options.retentionOf(message));
    return relayToLeader(this.options.leaderRequests, message);
  }

  // --- leading

  /**
   * Starts giving out ids under `lease`, after everything already in the stream: resolves once
   * this instance has read all of it, so what it reads (e.g. to avoid repeating events) is current.
   */
  async lead(lease: string): Promise<void> {
    const newest = await newestStreamId(this.redis, this.options.keys);
    await this.reader.caughtUpTo(newest);
    this.writer.lead(lease, Math.max(newest, this.reader.replica.lastId));
    await this.options.leaderRequests.serve();
  }

  /**
   * Leads on under a lease taken back after it lapsed (the messages held back are still due). When
   * Redis lost its data meanwhile (it restarted empty), the events and states this instance keeps
   * go back first, ids unchanged: an instance started afterwards, or a client resuming there,
   * finds the history it would have found before.
   */
  relead(lease: string): void {
    this.writer.relead(lease);
  }

  /** Stops giving out ids; what was not written yet is dropped (it was delivered to nobody). */
  async stepDown(): Promise<number> {
    // First: a request that arrives from now on is refused as "no longer leads", not failed.
    const notServing = this.options.leaderRequests.stopServing();
    const dropped = this.writer.stepDown();
    await notServing;
    return dropped;
  }

  /** Resolves when every message appended so far is in Redis (or after `timeoutMs`). */
  flushed(timeoutMs: number): Promise<boolean> {
    return this.writer.flushed(timeoutMs);
  }

  /**
   * Drops entries older than `maxAgeMs` from the start of the log's stream, and chat older than
   * its own age from the chat stream (the leader does this now and then; the lengths are capped on
   * every write).
   */
  async pruneOlderThan(maxAgeMs: number): Promise<void> {
    const { keys, chat, now } = this.options;
    await pruneStreamOlderThan(this.redis, keys.log, maxAgeMs, now);
    await pruneStreamOlderThan(this.redis, keys.chatLog, chat.maxAgeMs, now);
  }

  close(): void {
    this.reader.close();
    this.writer.close();
    this.timing.stopTiming();
  }

  /** Resolves when the reading has stopped (after `close`). */
  stopped(): Promise<void> {
    return this.reader.stopped();
  }
}
