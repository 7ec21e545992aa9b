import type { PublishedMessage } from './published-message.js';
import { ReplayBuffer } from './replay-buffer.js';
import { fromRow, type EventRow } from './sqlite-database.js';

/**
 * The SQLite log's newest events, also held in memory: a reconnecting client's replay rarely
 * touches the disk. Filled from the file at open, then by every append.
 */
export class SqliteReplayCache {
  private readonly ring: ReplayBuffer<PublishedMessage>;
  /** The newest event not held in memory at open (0: all of them are). */
  private readonly loadedAfter: number;

  /**
   * Holds up to `capacity` events, starting with the newest of the file: `newest(n)` reads its
   * newest `n` rows, newest first.
   */
  constructor(capacity: number, newest: (count: number) => EventRow[]) {
    this.ring = new ReplayBuffer(Math.max(1, capacity));
    const rows = newest(capacity + 1);
    this.loadedAfter = rows.length > capacity ? (rows.pop()?.id ?? 0) : 0;
    for (const row of rows.reverse()) this.ring.push(fromRow(row));
  }

  /** How many events are held. */
  get size(): number {
    return this.ring.size;
  }

  /** Whether every event after `id` (in the file) is held here. */
  holdsAllAfter(id: number): boolean {
    // Every event after the newest one that is not in memory is in memory.
    return id >= Math.max(this.loadedAfter, this.ring.lastEvictedId);
  }

  push(published: PublishedMessage): void {
    this.ring.push(published);
  }

  /** The events held after `id`, oldest first, at most `limit`. */
  after(id: number, limit: number): PublishedMessage[] {
    return this.ring.after(id, limit);
  }

  find(id: number): PublishedMessage | undefined {
    return this.ring.find(id);
  }

  /** The newest `limit` events held, oldest first. */
  latest(limit: number): PublishedMessage[] {
    return this.ring.latest(limit);
  }
}
