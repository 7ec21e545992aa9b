import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolder } from '../bus/make-folder.js';
import { isCorrupt } from '../bus/sqlite-database.js';
import type { StreamSpan, ViewerSample } from './stream-span.js';
import type { StreamStore } from './stream-store.js';

/**
 * The streams in their own SQLite file beside the event log's (`streams.db` in DATA_DIR): a row per
 * stream and a row per poll that saw one live (a 10-hour stream polled each minute: 600 rows).
 * A file of its own, so the log's retention and its exclusive lock never reach it.
 */
export class SqliteStreamStore implements StreamStore {
  private readonly upsert: Database.Statement;
  private readonly insertViewers: Database.Statement;
  private readonly selectAll: Database.Statement;
  private readonly selectViewers: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS streams (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS stream_viewers (stream INTEGER NOT NULL, at INTEGER NOT NULL, viewers INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS stream_viewers_stream_at ON stream_viewers (stream, at);
    `);
    this.upsert = db.prepare(
      'INSERT INTO streams (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json',
    );
    this.insertViewers = db.prepare(
      'INSERT INTO stream_viewers (stream, at, viewers) VALUES (?, ?, ?)',
    );
    this.selectAll = db.prepare('SELECT json FROM streams ORDER BY id');
    this.selectViewers = db.prepare(
      'SELECT stream AS streamId, at, viewers FROM stream_viewers WHERE stream = ? ORDER BY at',
    );
  }

  /**
   * Opens (or creates) the file at `path`. A file that is not a readable SQLite database is moved
   * aside (`streams.db.corrupt-<time>`), saying so through `log`, and a new one started: the event
   * log, not this list, is what a recap reads.
   */
  static open(path: string, log?: (message: string) => void): SqliteStreamStore {
    makeFolder(dirname(path));
    try {
      return SqliteStreamStore.openFile(path);
    } catch (error) {
      if (!isCorrupt(error) || !existsSync(path)) throw error;
      const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
      }
      log?.(
        `The streams file ${path} could not be read (${(error as Error).message}); it was moved to ${aside} and a new one started.`,
      );
      return SqliteStreamStore.openFile(path);
    }
  }

  private static openFile(path: string): SqliteStreamStore {
    const db = new Database(path, { timeout: 100 });
    try {
      chmodSync(path, 0o600);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      return new SqliteStreamStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  load(): StreamSpan[] {
    return (this.selectAll.all() as { json: string }[]).map(
      (row) => JSON.parse(row.json) as StreamSpan,
    );
  }

  save(span: StreamSpan): void {
    this.upsert.run(span.id, JSON.stringify(span));
  }

  addViewers({ streamId, at, viewers }: ViewerSample): void {
    this.insertViewers.run(streamId, at, viewers);
  }

  viewers(streamId: number): ViewerSample[] {
    return this.selectViewers.all(streamId) as ViewerSample[];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
