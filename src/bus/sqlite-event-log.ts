import type Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Observable } from 'rxjs';
import type { EventLogStatus, StreamMessage } from '../contract/sse-contract.js';
import {
  DEFAULT_CHAT_RETENTION,
  type ChatRetention,
  type EventLog,
  type EventsPageQuery,
  type LogReadAfter,
  type Retention,
  type StateKey,
  type WantedEvents,
} from './event-log.js';
import { lanesOf, type Lanes } from './history-lanes.js';
import { makeFolder } from './make-folder.js';
import type { PublishedMessage } from './published-message.js';
import {
  fromRow,
  isCorrupt,
  isLocked,
  openDatabase,
  pageOfEvents,
  prepare,
  type EventRow,
  type SqliteStatements,
  type StateRow,
} from './sqlite-database.js';
import { SqlitePruning, type KeptEvents } from './sqlite-pruning.js';
import { SqliteReplayCache } from './sqlite-replay-cache.js';
import { SqliteWriteBuffer } from './sqlite-write-buffer.js';
import { WalCheckpoints } from './wal-checkpoints.js';

/** How much the log keeps, and how it reports. */
export interface SqliteEventLogOptions {
  /** Events kept at most; older ones are pruned. */
  readonly maxEvents: number;
  /** Events older than this are pruned (milliseconds). */
  readonly maxAgeMs: number;
  /** How much chat is kept: a table of its own, pruned under these limits (default 5,000, a day). */
  readonly chat?: ChatRetention;
  /** The newest events also held in memory (and as many chat events), for replay without a query. */
  readonly memoryEvents: number;
  /** Where the log says what it did (a corrupt file set aside, a prune). */
  readonly log?: (message: string) => void;
  /** Milliseconds since the epoch (injected for tests). */
  readonly now?: () => number;
  /** How often events past their age are pruned (default hourly; also once at open). */
  readonly pruneEveryMs?: number;
  /** How often chat past its age is pruned (default every 5 minutes; also once at open). */
  readonly chatPruneEveryMs?: number;
  /** How often writes that failed (disk full, not writable) are tried again (default 5 s). */
  readonly retryWritesEveryMs?: number;
}

/** Another process holds the log: two services must not write one history. */
export class EventLogLockedError extends Error {}

/**
 * The event log on disk: an SQLite file (WAL mode) that keeps every event, the latest state per
 * key and the last id given out, so ids keep increasing and replay survives a restart or a crash.
 * A message is written before it is sent to anyone (or, while the file fails, kept in memory to
 * be written later: `SqliteWriteBuffer`). The newest events are also held in memory
 * (`SqliteReplayCache`), so a reconnecting client's replay rarely touches the disk; older ones are
 * read from the file. Old events are pruned (`SqlitePruning`), and the WAL is folded in on a timer
 * (`WalCheckpoints`).
 *
 * Chat is kept in a table of its own (`chat`, beside `events`), with its own limits and its own
 * pruning: however busy chat is, the other events are pruned by their own count and age only, and
 * a reader that wants no chat reads only `events`. Ids are one sequence across both tables.
 *
 * The file is opened exclusively: a second process pointed at the same file is refused.
 */
export class SqliteEventLog implements EventLog {
  private readonly statements: SqliteStatements;
  private readonly recent: SqliteReplayCache;
  private readonly latestState = new Map<StateKey, PublishedMessage>();
  private readonly now: () => number;
  private newestId: number;
  /** The id before the first one this log gave out. */
  private readonly baseId: number;
  private readonly kept: KeptEvents;
  private readonly chatKept: KeptEvents;
  private readonly pruning: SqlitePruning;
  private readonly chatPruning: SqlitePruning;
  private readonly checkpoints: WalCheckpoints;
  private readonly writes: SqliteWriteBuffer;
  private readonly chatRetention: ChatRetention;
  private closed = false;

  /** Whether messages reach the file: `memory-only` while writes fail, `ok` once they work again. */
  readonly status$: Observable<EventLogStatus>;

  /** How the log stands now: `memory-only` (with why, and since when) while writes fail. */
  get status(): EventLogStatus {
    return this.writes.status;
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteEventLogOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.chatRetention = options.chat ?? DEFAULT_CHAT_RETENTION;
    this.statements = prepare(db);
    this.baseId = this.statements.meta('base_id') ?? this.now() * 1000;
    this.statements.setMeta.run('base_id', this.baseId);
    this.newestId = this.statements.meta('last_id') ?? this.baseId;
    this.kept = countRows(this.statements.main.countEvents);
    this.chatKept = countRows(this.statements.chat.countEvents);
    this.recent = new SqliteReplayCache(
      options.memoryEvents,
      (count) => this.statements.main.newestEvents.all(count) as EventRow[],
      (count) => this.statements.chat.newestEvents.all(count) as EventRow[],
    );
    for (const row of this.statements.allStates.all() as StateRow[]) {
      this.latestState.set(row.key as StateKey, fromRow(row));
    }
    this.pruning = new SqlitePruning(this.statements, this.statements.main, this.kept, {
      maxEvents: options.maxEvents,
      maxAgeMs: options.maxAgeMs,
      everyMs: options.pruneEveryMs ?? 3_600_000,
      now: this.now,
      log: options.log,
    });
    this.chatPruning = new SqlitePruning(this.statements, this.statements.chat, this.chatKept, {
      maxEvents: this.chatRetention.maxMessages,
      // Chat comes many times a second: pruned a batch (1%) at a time, not a row per message.
      slack: Math.floor(this.chatRetention.maxMessages / 100),
      maxAgeMs: this.chatRetention.maxAgeMs,
      everyMs: options.chatPruneEveryMs ?? 300_000,
      now: this.now,
      log: options.log,
    });
    this.checkpoints = new WalCheckpoints(db, options.log);
    this.writes = new SqliteWriteBuffer({
      writeAll: (messages) => this.statements.writeAll(messages),
      written: (count) => this.checkpoints.written(count),
      retryEveryMs: options.retryWritesEveryMs ?? 5_000,
      now: this.now,
      log: options.log,
    });
    this.status$ = this.writes.status$;
    this.pruning.soon();
    this.chatPruning.soon();
  }

  /**
   * Opens (or creates) the log at `path`. A file that is not a readable log is renamed aside and a
   * new one started, saying so through `options.log`; a file another process holds is refused.
   */
  static open(path: string, options: SqliteEventLogOptions): SqliteEventLog {
    makeFolder(dirname(path));
    try {
      return new SqliteEventLog(openDatabase(path), options);
    } catch (error) {
      if (isLocked(error)) {
        throw new EventLogLockedError(
          `The event log ${path} is in use by another process: is twitch-realtime already running with this DATA_DIR? Stop it, or give this copy its own DATA_DIR.`,
        );
      }
      if (!isCorrupt(error) || !existsSync(path)) throw error;
      const aside = `${path}.corrupt-${new Date(options.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
      }
      options.log?.(
        `The event log ${path} could not be read (${(error as Error).message}); it was moved to ${aside} and a new log started.`,
      );
      return new SqliteEventLog(openDatabase(path), options);
    }
  }

  append(message: StreamMessage, retention: Retention, receivedAt?: number): PublishedMessage {
    const id = this.newestId + 1;
    const json = JSON.stringify(message);
    const at = this.now();
    const eventType = message.type === 'event' ? message.event : '';
    // After close (shutting down) messages still reach clients, they are just not kept.
    if (!this.closed) this.writes.write({ retention, id, json, at, eventType });
    this.newestId = id;
    const published: PublishedMessage = {
      id,
      message,
      json,
      publishedAt: performance.now(),
      ...(receivedAt === undefined ? {} : { receivedAt }),
    };
    if (retention.kind === 'history' || retention.kind === 'chat') {
      const chat = retention.kind === 'chat';
      this.recent.push(published, chat);
      (chat ? this.chatPruning : this.pruning).appended(id);
    } else if (retention.kind === 'state') {
      this.latestState.set(retention.key, published);
    }
    return published;
  }

  get lastId(): number {
    return this.newestId;
  }

  get oldestEventId(): number | null {
    return this.kept.oldestId;
  }

  get eventCount(): number {
    return this.kept.count;
  }

  get eventCapacity(): number {
    return this.options.maxEvents;
  }

  get chatEventCount(): number {
    return this.chatKept.count;
  }

  get chatEventCapacity(): number {
    return this.chatRetention.maxMessages;
  }

  eventsAfter(id: number, wanted: WantedEvents = null, limit = Infinity): LogReadAfter {
    const fromThisLog = id >= this.baseId && id <= this.newestId;
    const lost = this.pruning.lostAfter(id, wanted) || this.chatPruning.lostAfter(id, wanted);
    if (!fromThisLog || lost) return { complete: false, events: [] };
    // Only the tables of the wanted types are read: an alert box never pages through chat.
    const lanes = lanesOf(wanted);
    if (this.recent.holdsAllAfter(id, lanes))
      return { complete: true, events: this.recent.after(id, limit, lanes) };
    const events = this.rowsAfter(id, limit, lanes).map(fromRow);
    // Events waiting to be written are newer than any row: needed only when the rows ran out.
    if (events.length >= limit) return { complete: true, events };
    const waiting = this.writes.eventsAfter(events.at(-1)?.id ?? id, lanes);
    return { complete: true, events: [...events, ...waiting].slice(0, limit) };
  }

  /** The rows after `id` of the tables in `lanes`, oldest first, at most `limit`. */
  private rowsAfter(id: number, limit: number, lanes: Lanes): EventRow[] {
    const { main, chat, both } = this.statements;
    const unlimited = limit === Infinity;
    if (lanes.main && lanes.chat) {
      return (
        unlimited ? both.eventsAfter.all(id, id) : both.eventsAfterUpTo.all(id, id, limit)
      ) as EventRow[];
    }
    if (!lanes.main && !lanes.chat) return [];
    const table = lanes.chat ? chat : main;
    return (
      unlimited ? table.eventsAfter.all(id) : table.eventsAfterUpTo.all(id, limit)
    ) as EventRow[];
  }

  event(id: number): PublishedMessage | undefined {
    const held = this.recent.find(id);
    if (held) return held;
    const row = (this.statements.main.eventById.get(id) ??
      this.statements.chat.eventById.get(id)) as EventRow | undefined;
    if (row) return fromRow(row);
    return this.writes.event(id);
  }

  latestEvents(limit: number, wanted: WantedEvents = null): PublishedMessage[] {
    const lanes = lanesOf(wanted);
    const held = (size: number, kept: KeptEvents) => limit <= size || size === kept.count;
    if (
      (!lanes.main || held(this.recent.size, this.kept)) &&
      (!lanes.chat || held(this.recent.chatSize, this.chatKept))
    )
      return this.recent.latest(limit, lanes);
    const { main, chat, both } = this.statements;
    const newest =
      lanes.main && lanes.chat
        ? both.newestEvents
        : lanes.chat
          ? chat.newestEvents
          : main.newestEvents;
    const rows = (newest.all(limit) as EventRow[]).reverse().map(fromRow);
    return [...rows, ...this.writes.eventsAfter(rows.at(-1)?.id ?? 0, lanes)].slice(-limit);
  }

  eventsPage(query: EventsPageQuery): PublishedMessage[] {
    return pageOfEvents(this.statements, query);
  }

  states(): PublishedMessage[] {
    return [...this.latestState.values()].sort((a, b) => a.id - b.id);
  }

  state(key: StateKey): PublishedMessage | undefined {
    return this.latestState.get(key);
  }

  /**
   * Deletes events beyond `maxEvents` or older than `maxAgeMs`, and chat beyond its own limits, a
   * batch at a time with the event loop free in between. Resolves when done.
   */
  async prune(): Promise<void> {
    await Promise.all([this.pruning.prune(), this.chatPruning.prune()]);
  }

  /** Tries to write what waits in memory; true when nothing waits any more. */
  retryWrites(): boolean {
    return this.writes.retry();
  }

  /** Closes the file (the WAL is folded into it). */
  close(): void {
    if (this.closed) return;
    this.writes.close(); // a last try for what waits in memory
    this.closed = true;
    this.pruning.stop();
    this.chatPruning.stop();
    this.checkpoints.stop();
    this.db.close();
  }
}

/** How many rows a table holds, and its oldest. */
function countRows(statement: { get(): unknown }): KeptEvents {
  const { count, oldest } = statement.get() as { count: number; oldest: number | null };
  return { count, oldestId: oldest };
}
