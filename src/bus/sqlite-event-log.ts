import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { Subject, type Observable } from 'rxjs';
import type { EventLogStatus, StreamMessage, TwitchEventType } from '../contract/sse-contract.js';
import type {
  EventLog,
  EventsPageQuery,
  LogReadAfter,
  Retention,
  StateKey,
  WantedEvents,
} from './event-log.js';
import { makeFolder } from './make-folder.js';
import type { PublishedMessage } from './published-message.js';
import { ReplayBuffer } from './replay-buffer.js';

/** How much the log keeps, and how it reports. */
export interface SqliteEventLogOptions {
  /** Events kept at most; older ones are pruned. */
  readonly maxEvents: number;
  /** Events older than this are pruned (milliseconds). */
  readonly maxAgeMs: number;
  /** The newest events also held in memory, for replay without a query. */
  readonly memoryEvents: number;
  /** Where the log says what it did (a corrupt file set aside, a prune). */
  readonly log?: (message: string) => void;
  /** Milliseconds since the epoch (injected for tests). */
  readonly now?: () => number;
  /** How often events past their age are pruned (default hourly; also once at open). */
  readonly pruneEveryMs?: number;
  /** How often writes that failed (disk full, not writable) are tried again (default 5 s). */
  readonly retryWritesEveryMs?: number;
}

/** Another process holds the log: two services must not write one history. */
export class EventLogLockedError extends Error {}

/** Rows pruned per step; steps yield to the event loop in between. */
const PRUNE_BATCH = 500;

/** WAL pages after which SQLite checkpoints by itself, should the timer not have (about 40 MB). */
const CHECKPOINT_BACKSTOP_PAGES = 10_000;

/** How often the WAL is folded into the file, between events. */
const CHECKPOINT_EVERY_MS = 5_000;

/** Meta keys of the highest id pruned per event type. */
const PRUNED_PREFIX = 'pruned_up_to:';

/**
 * The event log on disk: an SQLite file (WAL mode) that keeps every event, the latest state per
 * key and the last id given out, so ids keep increasing and replay survives a restart or a crash.
 * A message is written before it is sent to anyone. The newest events are also held in memory, so
 * a reconnecting client's replay rarely touches the disk; older ones are read from the file.
 *
 * The file is opened exclusively: a second process pointed at the same file is refused.
 */
export class SqliteEventLog implements EventLog {
  private readonly db: Database.Database;
  private readonly recent: ReplayBuffer<PublishedMessage>;
  private readonly latestState = new Map<StateKey, PublishedMessage>();
  private readonly now: () => number;
  private newestId: number;
  /** The highest id ever pruned (0 if none): events after it are all still here. */
  private prunedUpTo: number;
  /** Per event type, the highest id of that type ever pruned. */
  private readonly prunedByType = new Map<string, number>();
  /** The id before the first one this log gave out. */
  private readonly baseId: number;
  private count: number;
  private oldestId: number | null;
  /** The newest event not held in memory at open (0: all of them are). */
  private readonly loadedAfter: number;
  private pruning = false;
  private pruneScheduled = false;
  private closed = false;
  private readonly maintenance: NodeJS.Timeout;
  private readonly checkpoints: NodeJS.Timeout;
  /** Appends since the last checkpoint (none: nothing to fold in). */
  private appendsSinceCheckpoint = 0;
  private readonly statements: ReturnType<typeof prepare>;
  /** Messages that could not be written yet, oldest first (the file failed; they wait in memory). */
  private readonly unwritten: UnwrittenMessage[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly health = new Subject<EventLogStatus>();
  private current: EventLogStatus = { state: 'ok' };
  /** The last "still cannot be written" reason logged: the retries say nothing new until it changes. */
  private lastRetryError: string | undefined;

  /** Whether messages reach the file: `memory-only` while writes fail, `ok` once they work again. */
  readonly status$: Observable<EventLogStatus> = this.health.asObservable();

  /** How the log stands now: `memory-only` (with why, and since when) while writes fail. */
  get status(): EventLogStatus {
    return this.current;
  }

  private constructor(
    db: Database.Database,
    private readonly options: SqliteEventLogOptions,
  ) {
    this.db = db;
    this.now = options.now ?? Date.now;
    this.statements = prepare(db);
    const meta = (key: string) =>
      (this.statements.getMeta.get(key) as { value: number } | undefined)?.value;
    this.baseId = meta('base_id') ?? this.now() * 1000;
    this.statements.setMeta.run('base_id', this.baseId);
    this.newestId = meta('last_id') ?? this.baseId;
    this.prunedUpTo = meta('pruned_up_to') ?? 0;
    for (const row of this.statements.prunedTypes.all() as { key: string; value: number }[]) {
      this.prunedByType.set(row.key.slice(PRUNED_PREFIX.length), row.value);
    }
    const counted = this.statements.countEvents.get() as { count: number; oldest: number | null };
    this.count = counted.count;
    this.oldestId = counted.oldest;
    this.recent = new ReplayBuffer(Math.max(1, options.memoryEvents));
    const newest = this.statements.newestEvents.all(options.memoryEvents + 1) as EventRow[];
    this.loadedAfter = newest.length > options.memoryEvents ? (newest.pop()?.id ?? 0) : 0;
    for (const row of newest.reverse()) this.recent.push(fromRow(row));
    for (const row of this.statements.allStates.all() as StateRow[]) {
      this.latestState.set(row.key as StateKey, fromRow(row));
    }
    this.maintenance = setInterval(() => void this.prune(), options.pruneEveryMs ?? 3_600_000);
    this.maintenance.unref();
    this.checkpoints = setInterval(() => this.checkpoint(), CHECKPOINT_EVERY_MS);
    this.checkpoints.unref();
    this.pruneSoon();
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
    if (!this.closed) this.write({ retention, id, json, at, eventType });
    this.newestId = id;
    const published: PublishedMessage = {
      id,
      message,
      json,
      publishedAt: performance.now(),
      ...(receivedAt === undefined ? {} : { receivedAt }),
    };
    if (retention.kind === 'history') {
      this.recent.push(published);
      this.count++;
      this.oldestId ??= id;
      if (this.count > this.options.maxEvents) this.pruneSoon();
    } else if (retention.kind === 'state') {
      this.latestState.set(retention.key, published);
    }
    return published;
  }

  get lastId(): number {
    return this.newestId;
  }

  get oldestEventId(): number | null {
    return this.oldestId;
  }

  get eventCount(): number {
    return this.count;
  }

  get eventCapacity(): number {
    return this.options.maxEvents;
  }

  eventsAfter(id: number, wanted: WantedEvents = null, limit = Infinity): LogReadAfter {
    const fromThisLog = id >= this.baseId && id <= this.newestId;
    if (!fromThisLog || this.lostAfter(id, wanted)) return { complete: false, events: [] };
    // Every event after the newest one that is not in memory is in memory.
    const inMemory = id >= Math.max(this.loadedAfter, this.recent.lastEvictedId);
    if (inMemory) return { complete: true, events: this.recent.after(id, limit) };
    const rows = (
      limit === Infinity
        ? this.statements.eventsAfter.all(id)
        : this.statements.eventsAfterUpTo.all(id, limit)
    ) as EventRow[];
    const events = rows.map(fromRow);
    // Events waiting to be written are newer than any row: needed only when the rows ran out.
    if (events.length >= limit) return { complete: true, events };
    const waiting = this.unwrittenEvents(rows.at(-1)?.id ?? id);
    return { complete: true, events: [...events, ...waiting].slice(0, limit) };
  }

  /** Events after `id` that wait in memory for the file to be writable again (newer than any row). */
  private unwrittenEvents(id: number): PublishedMessage[] {
    return this.unwritten
      .filter((message) => message.retention.kind === 'history' && message.id > id)
      .map(fromRow);
  }

  /** Whether an event after `id` of a wanted type was pruned. */
  private lostAfter(id: number, wanted: WantedEvents): boolean {
    if (wanted === null) return id < this.prunedUpTo;
    for (const type of wanted) if (id < (this.prunedByType.get(type) ?? 0)) return true;
    return false;
  }

  event(id: number): PublishedMessage | undefined {
    const held = this.recent.find(id);
    if (held) return held;
    const row = this.statements.eventById.get(id) as EventRow | undefined;
    if (row) return fromRow(row);
    const waiting = this.unwritten.find((message) => message.id === id);
    return waiting?.retention.kind === 'history' ? fromRow(waiting) : undefined;
  }

  latestEvents(limit: number): PublishedMessage[] {
    if (limit <= this.recent.size || this.recent.size === this.count)
      return this.recent.latest(limit);
    const rows = (this.statements.newestEvents.all(limit) as EventRow[]).reverse().map(fromRow);
    return [...rows, ...this.unwrittenEvents(rows.at(-1)?.id ?? 0)].slice(-limit);
  }

  eventsPage({ before, after, types, limit }: EventsPageQuery): PublishedMessage[] {
    // Open bounds as numbers: ids are positive and below 2^53.
    const range = [after ?? 0, before ?? Number.MAX_SAFE_INTEGER] as const;
    const forward = after !== undefined;
    if (limit < 1) return [];
    if (!types) {
      const page = forward ? this.statements.pageForward : this.statements.pageBack;
      return sortNewestFirst(page.all(...range, limit) as EventRow[]).map(fromRow);
    }
    // One index range per type (events_event_id), each stopping at `limit` rows, merged here:
    // never a scan of the whole log, however few of the wanted events it holds.
    const page = forward ? this.statements.typePageForward : this.statements.typePageBack;
    const rows = sortNewestFirst(
      [...types].flatMap((type) => page.all(type, ...range, limit) as EventRow[]),
    );
    return (forward ? rows.slice(-limit) : rows.slice(0, limit)).map(fromRow);
  }

  states(): PublishedMessage[] {
    return [...this.latestState.values()].sort((a, b) => a.id - b.id);
  }

  state(key: StateKey): PublishedMessage | undefined {
    return this.latestState.get(key);
  }

  /**
   * Deletes events beyond `maxEvents` or older than `maxAgeMs`, a batch at a time with the event
   * loop free in between. Resolves when done.
   */
  async prune(): Promise<void> {
    if (this.pruning) return;
    this.pruning = true;
    try {
      for (;;) {
        if (this.closed) return;
        const cutoff = this.pruneCutoff();
        if (cutoff === null) return;
        const pruned = this.statements.pruneBatch(cutoff, PRUNE_BATCH);
        if (pruned === null) return;
        this.prunedUpTo = Math.max(this.prunedUpTo, pruned.last);
        for (const [type, last] of pruned.byType) {
          this.prunedByType.set(type, Math.max(this.prunedByType.get(type) ?? 0, last));
        }
        this.count -= pruned.count;
        this.oldestId = (this.statements.oldestEvent.get() as { id: number | null }).id;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // A prune that fails (disk trouble) leaves the log as it was; the next one tries again.
      this.options.log?.(`Could not prune the event log: ${(error as Error).message}`);
    } finally {
      this.pruning = false;
    }
  }

  /** Closes the file (the WAL is folded into it). */
  close(): void {
    if (this.closed) return;
    this.retryWrites(); // a last try for what waits in memory
    this.closed = true;
    clearInterval(this.maintenance);
    clearInterval(this.checkpoints);
    clearInterval(this.retryTimer);
    this.db.close();
  }

  /**
   * Writes one message, or — when the file fails (disk full, folder not writable) or earlier
   * messages still wait — keeps it in memory to be written later, in order. Clients never wait for
   * the disk, and nothing is lost while the process lives.
   */
  private write(message: UnwrittenMessage): void {
    if (this.unwritten.length === 0) {
      try {
        this.statements.writeAll([message]);
        this.appendsSinceCheckpoint++;
        return;
      } catch (error) {
        this.writesFailed(error);
      }
    }
    if (this.unwritten.length >= MAX_UNWRITTEN) this.unwritten.shift();
    this.unwritten.push(message);
  }

  /** Tries to write what waits in memory; true when nothing waits any more. */
  retryWrites(): boolean {
    if (this.closed || this.unwritten.length === 0) return this.unwritten.length === 0;
    try {
      this.statements.writeAll(this.unwritten);
    } catch (error) {
      // One line per episode (and per new reason), not one per retry.
      const reason = (error as Error).message;
      if (reason !== this.lastRetryError && !this.current.detail?.includes(`(${reason})`)) {
        this.options.log?.(`The event log still cannot be written: ${reason}`);
      }
      this.lastRetryError = reason;
      return false;
    }
    this.appendsSinceCheckpoint += this.unwritten.length;
    this.unwritten.length = 0;
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    this.lastRetryError = undefined;
    this.options.log?.(
      `The event log is written to disk again (memory only since ${this.current.since}); nothing was lost.`,
    );
    this.announce({ state: 'ok' });
    return true;
  }

  private writesFailed(error: unknown): void {
    const detail = `Cannot write the event log (${(error as Error).message}): events are kept in memory and written when it works again (free some disk space, or check that DATA_DIR is writable); a restart before then loses them.`;
    this.options.log?.(detail);
    this.announce({ state: 'memory-only', detail, since: new Date(this.now()).toISOString() });
    this.retryTimer = setInterval(
      () => this.retryWrites(),
      this.options.retryWritesEveryMs ?? 5_000,
    );
    this.retryTimer.unref();
  }

  /** Tells `status$`, after the append under way has finished (its listeners may publish). */
  private announce(status: EventLogStatus): void {
    this.current = status;
    setImmediate(() => this.health.next(status));
  }

  /** Folds the WAL into the file when anything was appended since the last time. */
  private checkpoint(): void {
    if (this.closed || this.appendsSinceCheckpoint === 0) return;
    this.appendsSinceCheckpoint = 0;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      this.options.log?.(`Could not checkpoint the event log: ${(error as Error).message}`);
    }
  }

  /** The highest id to prune up to, or null when nothing is due. */
  private pruneCutoff(): number | null {
    let cutoff: number | null = null;
    if (this.count > this.options.maxEvents) {
      const row = this.statements.nthNewest.get(this.options.maxEvents) as
        { id: number } | undefined;
      if (row) cutoff = row.id;
    }
    const tooOld = this.statements.newestBefore.get(this.now() - this.options.maxAgeMs) as
      { id: number | null } | undefined;
    if (tooOld?.id != null) cutoff = Math.max(cutoff ?? 0, tooOld.id);
    return cutoff;
  }

  private pruneSoon(): void {
    if (this.pruning || this.pruneScheduled) return;
    this.pruneScheduled = true;
    setImmediate(() => {
      this.pruneScheduled = false;
      void this.prune();
    });
  }
}

/** A message waiting to be written, with what its row needs. */
interface UnwrittenMessage {
  readonly retention: Retention;
  readonly id: number;
  readonly json: string;
  readonly at: number;
  readonly eventType: string;
}

/** Messages kept in memory at most while the file cannot be written. */
const MAX_UNWRITTEN = 100_000;

interface EventRow {
  id: number;
  json: string;
}

interface StateRow extends EventRow {
  key: string;
}

function sortNewestFirst(rows: EventRow[]): EventRow[] {
  return rows.sort((a, b) => b.id - a.id);
}

/**
 * A kept message as the bus hands it out. Its object is parsed from the JSON only when something
 * looks at it: a replay from the file mostly just writes the JSON to sockets.
 */
function fromRow(row: EventRow): PublishedMessage {
  let message: StreamMessage | undefined;
  return {
    id: row.id,
    get message(): StreamMessage {
      message ??= JSON.parse(row.json) as StreamMessage;
      return message;
    },
    json: row.json,
    publishedAt: performance.now(),
  };
}

function openDatabase(path: string): Database.Database {
  // A held lock is another process's: say so at once rather than wait for it.
  const db = new Database(path, { timeout: 100 });
  try {
    if (existsSync(path)) chmodSync(path, 0o600);
    // One writer: this process. A second one gets "database is locked" at once, not a shared log.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    // Durable across a crash of the process (the WAL is written before a message goes out); an OS
    // crash may lose the last moments, which is the usual WAL trade-off.
    db.pragma('synchronous = NORMAL');
    // Folding the WAL into the file (a checkpoint) takes milliseconds; done inside an append it would
    // delay that event. The log checkpoints on a timer instead, between events; this is the backstop.
    db.pragma(`wal_autocheckpoint = ${CHECKPOINT_BACKSTOP_PAGES}`);
    db.exec(`
      CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, event TEXT NOT NULL, json TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS events_at ON events (at);
      CREATE INDEX IF NOT EXISTS events_event_id ON events (event, id);
      CREATE TABLE IF NOT EXISTS states (key TEXT PRIMARY KEY, id INTEGER NOT NULL, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function prepare(db: Database.Database) {
  const insertEvent = db.prepare('INSERT INTO events (id, at, event, json) VALUES (?, ?, ?, ?)');
  const upsertState = db.prepare(
    'INSERT INTO states (key, id, json) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET id = excluded.id, json = excluded.json',
  );
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const deleteUpTo = db.prepare(
    'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id <= ? ORDER BY id LIMIT ?) RETURNING id, event',
  );
  const writeAll = db.transaction((messages: readonly UnwrittenMessage[]) => {
    for (const { retention, id, json, at, eventType } of messages) {
      if (retention.kind === 'history') insertEvent.run(id, at, eventType, json);
      else if (retention.kind === 'state') upsertState.run(retention.key, id, json);
    }
    // Transient messages are not kept, but their id is: ids never go back.
    const last = messages.at(-1);
    if (last) setMeta.run('last_id', last.id);
  });
  const pruneBatch = db.transaction(
    (
      cutoff: number,
      limit: number,
    ): { last: number; count: number; byType: Map<TwitchEventType, number> } | null => {
      const deleted = deleteUpTo.all(cutoff, limit) as { id: number; event: TwitchEventType }[];
      if (deleted.length === 0) return null;
      const byType = new Map<TwitchEventType, number>();
      let last = 0;
      for (const { id, event } of deleted) {
        last = Math.max(last, id);
        byType.set(event, Math.max(byType.get(event) ?? 0, id));
      }
      setMeta.run('pruned_up_to', last);
      for (const [type, id] of byType) setMeta.run(PRUNED_PREFIX + type, id);
      return { last, count: deleted.length, byType };
    },
  );
  return {
    writeAll,
    pruneBatch,
    setMeta,
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    prunedTypes: db.prepare(`SELECT key, value FROM meta WHERE key LIKE '${PRUNED_PREFIX}%'`),
    countEvents: db.prepare('SELECT count(*) AS count, min(id) AS oldest FROM events'),
    oldestEvent: db.prepare('SELECT min(id) AS id FROM events'),
    newestEvents: db.prepare('SELECT id, json FROM events ORDER BY id DESC LIMIT ?'),
    eventsAfter: db.prepare('SELECT id, json FROM events WHERE id > ? ORDER BY id'),
    eventsAfterUpTo: db.prepare('SELECT id, json FROM events WHERE id > ? ORDER BY id LIMIT ?'),
    eventById: db.prepare('SELECT id, json FROM events WHERE id = ?'),
    pageBack: db.prepare(
      'SELECT id, json FROM events WHERE id > ? AND id < ? ORDER BY id DESC LIMIT ?',
    ),
    pageForward: db.prepare(
      'SELECT id, json FROM events WHERE id > ? AND id < ? ORDER BY id LIMIT ?',
    ),
    typePageBack: db.prepare(
      'SELECT id, json FROM events WHERE event = ? AND id > ? AND id < ? ORDER BY id DESC LIMIT ?',
    ),
    typePageForward: db.prepare(
      'SELECT id, json FROM events WHERE event = ? AND id > ? AND id < ? ORDER BY id LIMIT ?',
    ),
    allStates: db.prepare('SELECT key, id, json FROM states ORDER BY id'),
    nthNewest: db.prepare('SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET ?'),
    newestBefore: db.prepare('SELECT max(id) AS id FROM events WHERE at < ?'),
  };
}

function isLocked(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function isCorrupt(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}
