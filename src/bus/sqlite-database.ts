import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import type { StreamMessage, TwitchEventType } from '../contract/sse-contract.js';
import { CHAT_HISTORY_TYPES, isChatHistory, NON_CHAT_TYPES } from '../event-types/chat-history.js';
import type { EventsPageQuery, Retention, WantedEvents } from './event-log.js';
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
    // Chat has a table of its own, pruned under its own limits: a busy chat never pushes an event
    // out of `events`. Chat is pruned by age from its oldest row along the primary key (times only
    // grow with ids), so its table needs no index on `at`: one index less to write per message.
    db.exec(`
      CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, event TEXT NOT NULL, json TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS events_at ON events (at);
      CREATE INDEX IF NOT EXISTS events_event_id ON events (event, id);
      CREATE TABLE IF NOT EXISTS chat (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, event TEXT NOT NULL, json TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS chat_event_id ON chat (event, id);
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

/** The statements over one of the two event tables (`events`, or `chat`). */
export type LaneStatements = ReturnType<typeof prepareLane>;

/** The table of each history, and the meta key of the highest id pruned from it. */
const LANE_TABLES = {
  main: { table: 'events', prunedKey: 'pruned_up_to' },
  chat: { table: 'chat', prunedKey: 'chat_pruned_up_to' },
} as const;

export function prepare(db: Database.Database) {
  const upsertState = db.prepare(
    'INSERT INTO states (key, id, json) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET id = excluded.id, json = excluded.json',
  );
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const prunedTypes = db.prepare(`SELECT key, value FROM meta WHERE key LIKE '${PRUNED_PREFIX}%'`);
  const main = prepareLane(db, LANE_TABLES.main.table, LANE_TABLES.main.prunedKey, setMeta);
  const chat = prepareLane(db, LANE_TABLES.chat.table, LANE_TABLES.chat.prunedKey, setMeta);
  const writeAll = db.transaction((messages: readonly MessageToWrite[]) => {
    for (const { retention, id, json, at, eventType } of messages) {
      if (retention.kind === 'history') main.insert.run(id, at, eventType, json);
      else if (retention.kind === 'chat') chat.insert.run(id, at, eventType, json);
      else if (retention.kind === 'state') upsertState.run(retention.key, id, json);
    }
    // Transient messages are not kept, but their id is: ids never go back.
    const last = messages.at(-1);
    if (last) setMeta.run('last_id', last.id);
  });
  // Both tables as one, in id order: SQLite merges the two primary-key ranges (a compound
  // SELECT's ORDER BY), and stops at the LIMIT.
  const both = (where: string, order: 'ASC' | 'DESC', limited: boolean) =>
    db.prepare(
      `SELECT id, json FROM events WHERE ${where} UNION ALL SELECT id, json FROM chat WHERE ${where} ORDER BY id ${order}${limited ? ' LIMIT ?' : ''}`,
    );
  return {
    writeAll,
    setMeta,
    main,
    chat,
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
    /** Over both tables (`(id, id)` for the one bound, `(after, after, limit)` and so on). */
    both: {
      newestEvents: both('1', 'DESC', true),
      eventsAfter: both('id > ?', 'ASC', false),
      eventsAfterUpTo: both('id > ?', 'ASC', true),
      pageBack: both('id > ? AND id < ?', 'DESC', true),
      pageForward: both('id > ? AND id < ?', 'ASC', true),
    },
    allStates: db.prepare('SELECT key, id, json FROM states ORDER BY id'),
  };
}

function prepareLane(
  db: Database.Database,
  table: string,
  prunedKey: string,
  setMeta: Database.Statement,
) {
  const deleteUpTo = db.prepare(
    `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE id <= ? ORDER BY id LIMIT ?) RETURNING id, event`,
  );
  const pruneBatch = db.transaction((cutoff: number, limit: number): PrunedBatch | null => {
    const deleted = deleteUpTo.all(cutoff, limit) as { id: number; event: TwitchEventType }[];
    if (deleted.length === 0) return null;
    const byType = new Map<TwitchEventType, number>();
    let last = 0;
    for (const { id, event } of deleted) {
      last = Math.max(last, id);
      byType.set(event, Math.max(byType.get(event) ?? 0, id));
    }
    setMeta.run(prunedKey, last);
    for (const [type, id] of byType) setMeta.run(PRUNED_PREFIX + type, id);
    return { last, count: deleted.length, byType };
  });
  return {
    /** The meta key of the highest id ever pruned from this table. */
    prunedKey,
    insert: db.prepare(`INSERT INTO ${table} (id, at, event, json) VALUES (?, ?, ?, ?)`),
    pruneBatch,
    countEvents: db.prepare(`SELECT count(*) AS count, min(id) AS oldest FROM ${table}`),
    oldestEvent: db.prepare(`SELECT min(id) AS id FROM ${table}`),
    newestEvents: db.prepare(`SELECT id, json FROM ${table} ORDER BY id DESC LIMIT ?`),
    eventsAfter: db.prepare(`SELECT id, json FROM ${table} WHERE id > ? ORDER BY id`),
    eventsAfterUpTo: db.prepare(`SELECT id, json FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`),
    eventById: db.prepare(`SELECT id, json FROM ${table} WHERE id = ?`),
    pageBack: db.prepare(
      `SELECT id, json FROM ${table} WHERE id > ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
    pageForward: db.prepare(
      `SELECT id, json FROM ${table} WHERE id > ? AND id < ? ORDER BY id LIMIT ?`,
    ),
    typePageBack: db.prepare(
      `SELECT id, json FROM ${table} WHERE event = ? AND id > ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
    typePageForward: db.prepare(
      `SELECT id, json FROM ${table} WHERE event = ? AND id > ? AND id < ? ORDER BY id LIMIT ?`,
    ),
    /** The id of the row with this many older ones: prune up to it to drop that many plus one. */
    nthOldest: db.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT 1 OFFSET ?`),
    newestId: db.prepare(`SELECT max(id) AS id FROM ${table}`),
    /**
     * The oldest row appended at or after a time. Rows' times only grow with their ids, so the walk
     * along the primary key from the oldest row takes as many steps as there are older rows (NOT
     * INDEXED: a walk of `events_at` would visit every younger row instead).
     */
    firstSince: db.prepare(`SELECT id FROM ${table} NOT INDEXED WHERE at >= ? ORDER BY id LIMIT 1`),
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
  const whole = wholeLanes(types ?? null);
  if (whole.main && whole.chat) {
    const page = forward ? statements.both.pageForward : statements.both.pageBack;
    return sortNewestFirst(page.all(...range, ...range, limit) as EventRow[]).map(fromRow);
  }
  // A whole table is one range of its primary key; other types are one index range each
  // (`<table>_event_id`), each stopping at `limit` rows, merged here: never a scan of a whole
  // table, however few of the wanted events it holds.
  const rows: EventRow[] = [];
  for (const lane of ['main', 'chat'] as const) {
    const table = statements[lane];
    if (whole[lane]) {
      const page = forward ? table.pageForward : table.pageBack;
      rows.push(...(page.all(...range, limit) as EventRow[]));
      continue;
    }
    const page = forward ? table.typePageForward : table.typePageBack;
    for (const type of types ?? []) {
      if ((lane === 'chat') !== isChatHistory(type)) continue;
      rows.push(...(page.all(type, ...range, limit) as EventRow[]));
    }
  }
  sortNewestFirst(rows);
  return (forward ? rows.slice(-limit) : rows.slice(0, limit)).map(fromRow);
}

/** Which tables `types` asks for all of (null: every type, both). */
function wholeLanes(types: WantedEvents): { main: boolean; chat: boolean } {
  if (types === null) return { main: true, chat: true };
  return {
    main: covers(types, NON_CHAT_TYPES),
    chat: covers(types, CHAT_HISTORY_TYPES),
  };
}

function covers(types: ReadonlySet<string>, all: readonly string[]): boolean {
  return all.length > 0 && all.every((type) => types.has(type));
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
