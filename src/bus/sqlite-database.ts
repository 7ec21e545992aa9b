import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import type { StreamMessage, TwitchEventType } from '../contract/sse-contract.js';
import type { EventsPageQuery, Retention } from './event-log.js';
import type { PublishedMessage } from './published-message.js';

// The event log's SQLite file: how it is opened, its tables, the statements the log runs, and how
// a row becomes a message again.

/** WAL pages after which SQLite checkpoints by itself, should the timer not have (about 40 MB). */
const CHECKPOINT_BACKSTOP_PAGES = 10_000;

/** Meta keys of the highest id pruned per event type. */
const PRUNED_PREFIX = 'pruned_up_to:';

/** A message as its row needs it, ready to be written. */
export interface MessageToWrite {
  readonly retention: Retention;
  readonly id: number;
  readonly json: string;
  /** When it was appended (milliseconds since the epoch): what pruning by age reads. */
  readonly at: number;
  /** Its event type ('' for a message that is not an event). */
  readonly eventType: string;
}

export interface EventRow {
  id: number;
  json: string;
}

export interface StateRow extends EventRow {
  key: string;
}

/** What one batch of pruning deleted: up to which id, how many, and up to which id per type. */
export interface PrunedBatch {
  readonly last: number;
  readonly count: number;
  readonly byType: Map<TwitchEventType, number>;
}

/** Opens (or creates) the file: exclusive, WAL, with the log's tables. */
export function openDatabase(path: string): Database.Database {
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

/** The statements the log runs, prepared once. */
export type SqliteStatements = ReturnType<typeof prepare>;

export function prepare(db: Database.Database) {
  const insertEvent = db.prepare('INSERT INTO events (id, at, event, json) VALUES (?, ?, ?, ?)');
  const upsertState = db.prepare(
    'INSERT INTO states (key, id, json) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET id = excluded.id, json = excluded.json',
  );
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const deleteUpTo = db.prepare(
    'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id <= ? ORDER BY id LIMIT ?) RETURNING id, event',
  );
  const prunedTypes = db.prepare(`SELECT key, value FROM meta WHERE key LIKE '${PRUNED_PREFIX}%'`);
  const writeAll = db.transaction((messages: readonly MessageToWrite[]) => {
    for (const { retention, id, json, at, eventType } of messages) {
      if (retention.kind === 'history') insertEvent.run(id, at, eventType, json);
      else if (retention.kind === 'state') upsertState.run(retention.key, id, json);
    }
    // Transient messages are not kept, but their id is: ids never go back.
    const last = messages.at(-1);
    if (last) setMeta.run('last_id', last.id);
  });
  const pruneBatch = db.transaction((cutoff: number, limit: number): PrunedBatch | null => {
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
  });
  return {
    writeAll,
    pruneBatch,
    setMeta,
    /** A number kept under `key` in the meta table. */
    meta: (key: string) => (getMeta.get(key) as { value: number } | undefined)?.value,
    /** Per event type, the highest id of that type ever pruned. */
    prunedByType: () =>
      new Map(
        (prunedTypes.all() as { key: string; value: number }[]).map(({ key, value }) => [
          key.slice(PRUNED_PREFIX.length),
          value,
        ]),
      ),
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

/** One page of the events in the file (see `EventsPageQuery`), newest first. */
export function pageOfEvents(
  statements: SqliteStatements,
  { before, after, types, limit }: EventsPageQuery,
): PublishedMessage[] {
  // Open bounds as numbers: ids are positive and below 2^53.
  const range = [after ?? 0, before ?? Number.MAX_SAFE_INTEGER] as const;
  const forward = after !== undefined;
  if (limit < 1) return [];
  if (!types) {
    const page = forward ? statements.pageForward : statements.pageBack;
    return sortNewestFirst(page.all(...range, limit) as EventRow[]).map(fromRow);
  }
  // One index range per type (events_event_id), each stopping at `limit` rows, merged here:
  // never a scan of the whole log, however few of the wanted events it holds.
  const page = forward ? statements.typePageForward : statements.typePageBack;
  const rows = sortNewestFirst(
    [...types].flatMap((type) => page.all(type, ...range, limit) as EventRow[]),
  );
  return (forward ? rows.slice(-limit) : rows.slice(0, limit)).map(fromRow);
}

function sortNewestFirst(rows: EventRow[]): EventRow[] {
  return rows.sort((a, b) => b.id - a.id);
}

/**
 * A kept message as the bus hands it out. Its object is parsed from the JSON only when something
 * looks at it: a replay from the file mostly just writes the JSON to sockets.
 */
export function fromRow(row: EventRow): PublishedMessage {
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

/** Whether opening failed because another process holds the file. */
export function isLocked(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Whether opening failed because the file is not a readable SQLite database. */
export function isCorrupt(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}
