import Database from 'better-sqlite3';
import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamMessage } from '../contract/sse-contract.js';
import { describeEventLogContract, follow, stats } from '../../test/support/event-log-contract.js';
import {
  EventLogLockedError,
  SqliteEventLog,
  type SqliteEventLogOptions,
} from './sqlite-event-log.js';

const logs: SqliteEventLog[] = [];
const freshPath = () => join(mkdtempSync(join(tmpdir(), 'twitch-realtime-log-')), 'events.db');
function open(path: string, options: Partial<SqliteEventLogOptions> = {}): SqliteEventLog {
  const log = SqliteEventLog.open(path, {
    maxEvents: 1000,
    maxAgeMs: 30 * 24 * 3600_000,
    memoryEvents: 100,
    ...options,
  });
  logs.push(log);
  return log;
}

afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});

describeEventLogContract(
  'SqliteEventLog',
  (capacity, chat) =>
    open(freshPath(), {
      maxEvents: capacity,
      memoryEvents: capacity,
      ...(chat ? { chat: chat.retention, now: chat.now } : {}),
    }),
  (log) => (log as SqliteEventLog).prune(),
);

describe('SqliteEventLog pages of a deep replay', () => {
  it('reads events that are no longer held in memory from the file, a page at a time, in order', () => {
    const log = open(freshPath(), { maxEvents: 100, memoryEvents: 2 });
    const ids = Array.from(
      { length: 10 },
      (_, n) => log.append(follow(`u${n}`), { kind: 'history' }).id,
    );
    const read: number[] = [];
    let after = ids[0]!;
    for (;;) {
      const page = log.eventsAfter(after, null, 3);
      expect(page.complete).toBe(true);
      if (page.events.length === 0) break;
      expect(page.events.length).toBeLessThanOrEqual(3);
      read.push(...page.events.map((event) => event.id));
      after = page.events.at(-1)!.id;
    }
    expect(read).toEqual(ids.slice(1));
    expect(log.eventsAfter(ids[0]!, null, 3).events[0]?.message).toEqual(follow('u1'));
  });
});

describe('SqliteEventLog across restarts', () => {
  it('keeps events, state and the last id: a reopened log goes on where it stopped', () => {
    const path = freshPath();
    const first = open(path);
    const a = first.append(follow('a'), { kind: 'history' });
    const s = first.append(stats(5), { kind: 'state', key: 'stats' });
    const skip = first.append({ type: 'control', data: { action: 'skip' } }, { kind: 'transient' });
    first.close();

    const again = open(path);
    expect(again.lastId).toBe(skip.id);
    expect(again.eventsAfter(a.id - 1)).toMatchObject({ complete: true, events: [{ id: a.id }] });
    expect(again.state('stats')).toMatchObject({ id: s.id, json: s.json });
    const next = again.append(follow('b'), { kind: 'history' });
    expect(next.id).toBe(skip.id + 1);
  });

  it('replays from the file what no longer fits in memory', () => {
    const path = freshPath();
    const first = open(path, { memoryEvents: 3 });
    const ids = Array.from(
      { length: 10 },
      (_, i) => first.append(follow(`u${i}`), { kind: 'history' }).id,
    );
    expect(first.eventsAfter(ids[1]!).events.map((p) => p.id)).toEqual(ids.slice(2));
    first.close();
    const again = open(path, { memoryEvents: 3 });
    expect(again.eventsAfter(ids[0]!).events.map((p) => p.id)).toEqual(ids.slice(1));
    expect(again.eventsAfter(ids[7]!).events.map((p) => p.id)).toEqual(ids.slice(8));
    expect(again.latestEvents(5).map((p) => p.id)).toEqual(ids.slice(5));
    expect(again.event(ids[2]!)?.message).toEqual(follow('u2'));
  });

  it('pages through the history on disk after a restart, past what memory holds', () => {
    const path = freshPath();
    const first = open(path, { memoryEvents: 2 });
    const ids = Array.from(
      { length: 6 },
      (_, i) => first.append(follow(`u${i}`), { kind: 'history' }).id,
    );
    first.close();
    const again = open(path, { memoryEvents: 2 });
    const page = again.eventsPage({ before: ids[4]!, limit: 3 });
    expect(page.map((p) => p.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(page[0]?.message).toEqual(follow('u3'));
  });

  it('adds the index for type-filtered history to a log written before it existed', () => {
    const path = freshPath();
    const old = new Database(path);
    old.exec(
      'CREATE TABLE events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, event TEXT NOT NULL, json TEXT NOT NULL)',
    );
    old.close();
    open(path).close();
    const reopened = new Database(path, { readonly: true });
    const indexes = reopened
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
      .all();
    reopened.close();
    expect(indexes).toContainEqual({ name: 'events_event_id' });
  });

  it('prunes by count and by age, and then says a resume from before them is incomplete', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const path = freshPath();
    const log = open(path, { maxEvents: 5, maxAgeMs: 60_000, now: () => now });
    const old = log.append(follow('old'), { kind: 'history' });
    now += 120_000;
    const kept = Array.from(
      { length: 7 },
      (_, i) => log.append(follow(`n${i}`), { kind: 'history' }).id,
    );
    await log.prune();
    expect(log.eventCount).toBe(5);
    expect(log.oldestEventId).toBe(kept[2]);
    expect(log.eventsAfter(old.id).complete).toBe(false);
    expect(log.eventsAfter(kept[1]!).events.map((p) => p.id)).toEqual(kept.slice(2));
  });

  it('tells a reader filtered by event type that nothing it wants is gone when only other types were pruned', async () => {
    const log = open(freshPath(), { maxEvents: 3 });
    const raid: StreamMessage = { type: 'event', event: 'channel.raid', data: { viewers: 5 } };
    const start = log.append(raid, { kind: 'history' }).id;
    const follows = Array.from(
      { length: 4 },
      (_, i) => log.append(follow(`f${i}`), { kind: 'history' }).id,
    );
    await log.prune();
    const wantsFollows = new Set(['channel.follow'] as const);
    const wantsRaids = new Set(['channel.raid'] as const);
    // The raid was pruned: a raid reader from before it has lost it.
    expect(log.eventsAfter(start - 1, wantsRaids).complete).toBe(false);
    // After the raid, only follows were pruned: a raid reader missed nothing; a follow reader did.
    expect(log.eventsAfter(start, wantsRaids).complete).toBe(true);
    expect(log.eventsAfter(start, wantsFollows).complete).toBe(false);
    expect(log.eventsAfter(follows[0]!, wantsFollows).complete).toBe(true);
  });

  it('keeps serving from memory when the disk is full, says so, and writes everything once it can', async () => {
    const path = freshPath();
    const said: string[] = [];
    const log = open(path, { log: (line) => said.push(line), now: () => Date.UTC(2026, 11, 6) });
    const statuses: string[] = [];
    log.status$.subscribe((status) => statuses.push(status.state));
    const db = (log as unknown as { db: { pragma(text: string, options?: object): unknown } }).db;
    const pages = Number(db.pragma('page_count', { simple: true }));
    // SQLite's own "database or disk is full" (SQLITE_FULL): the file may not grow any more.
    db.pragma(`max_page_count = ${pages}`);
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push(log.append(follow(`full${i}`), { kind: 'history' }).id);
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i)); // every event still got its id, in order
    expect(log.eventsAfter(ids[0]! - 1).events).toHaveLength(200); // and is served
    await new Promise((resolve) => setImmediate(resolve));
    expect(statuses).toEqual(['memory-only']);
    expect(said.join('\n')).toMatch(/Cannot write the event log .*full.*kept in memory/);
    expect(log.status).toMatchObject({ state: 'memory-only', since: '2026-12-06T00:00:00.000Z' });
    expect(log.retryWrites()).toBe(false);
    expect(log.retryWrites()).toBe(false);
    expect(said).toHaveLength(1); // one line for the episode, not one per retry

    db.pragma('max_page_count = 1073741823');
    expect(log.retryWrites()).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(statuses).toEqual(['memory-only', 'ok']);
    expect(log.status).toEqual({ state: 'ok' });
    expect(said.at(-1)).toBe(
      'The event log is written to disk again (memory only since 2026-12-06T00:00:00.000Z); nothing was lost.',
    );
    log.close();
    const again = open(path);
    expect(again.eventsAfter(ids[0]! - 1).events.map((p) => p.id)).toEqual(ids);
    expect(again.lastId).toBe(ids.at(-1));
  });

  it('sets a file that is not a log aside, says so, and starts a new one', () => {
    const path = freshPath();
    writeFileSync(path, 'this is not an SQLite database, just some text that got here'.repeat(100));
    const said: string[] = [];
    const log = open(path, { log: (line) => said.push(line) });
    expect(log.append(follow('a'), { kind: 'history' }).id).toBeGreaterThan(0);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/could not be read .* moved to .*events\.db\.corrupt-/);
    expect(
      readdirSync(join(path, '..')).some((name) => name.startsWith('events.db.corrupt-')),
    ).toBe(true);
  });

  it('refuses a second process (or a second open) on the same file, saying what to do', () => {
    const path = freshPath();
    open(path).append(follow('a'), { kind: 'history' });
    expect(() => open(path)).toThrow(EventLogLockedError);
    expect(() => open(path)).toThrow(/in use by another process.*DATA_DIR/);
  });

  it('keeps the file readable by its owner only', () => {
    const path = freshPath();
    chmodSync(join(path, '..'), 0o755);
    open(path).append(follow('a'), { kind: 'history' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
