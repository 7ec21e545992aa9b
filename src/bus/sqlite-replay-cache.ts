import { mergeById, newestOfBoth, type Lanes } from './history-lanes.js';
import type { PublishedMessage } from './published-message.js';
import { ReplayBuffer } from './replay-buffer.js';
import { fromRow, type EventRow } from './sqlite-database.js';

/** One table's newest events in memory, and the newest of its events that were not loaded. */
class CachedTable {
  readonly ring: ReplayBuffer<PublishedMessage>;
  /** The newest event not held in memory at open (0: all of them are). */
  private readonly loadedAfter: number;

  constructor(capacity: number, newest: (count: number) => EventRow[]) {
    this.ring = new ReplayBuffer(Math.max(1, capacity));
    const rows = newest(capacity + 1);
    this.loadedAfter = rows.length > capacity ? (rows.pop()?.id ?? 0) : 0;
    for (const row of rows.reverse()) this.ring.push(fromRow(row));
  }

  /** Whether every event of the table after `id` is held here. */
  holdsAllAfter(id: number): boolean {
    // Every event after the newest one that is not in memory is in memory.
    return id >= Math.max(this.loadedAfter, this.ring.lastEvictedId);
  }
}

/**
 * The SQLite log's newest events, also held in memory, for each of its two tables (the events and
 * chat): a reconnecting client's replay rarely touches the disk, and a busy chat never pushes the
 * other events out of memory. Filled from the file at open, then by every append.
 */
export class SqliteReplayCache {
  private readonly main: CachedTable;
  private readonly chat: CachedTable;

  /**
   * Holds up to `capacity` events of each table, starting with the newest of the file:
   * `newest(n)` and `newestChat(n)` read a table's newest `n` rows, newest first.
   */
  constructor(
    capacity: number,
    newest: (count: number) => EventRow[],
    newestChat: (count: number) => EventRow[],
  ) {
    this.main = new CachedTable(capacity, newest);
    this.chat = new CachedTable(capacity, newestChat);
  }

  /** How many events (chat aside) and chat events are held. */
  get size(): number {
    return this.main.ring.size;
  }

  get chatSize(): number {
    return this.chat.ring.size;
  }

  /** Whether every event after `id` (in the file) of the tables in `lanes` is held here. */
  holdsAllAfter(id: number, lanes: Lanes): boolean {
    return (
      (!lanes.main || this.main.holdsAllAfter(id)) && (!lanes.chat || this.chat.holdsAllAfter(id))
    );
  }

  push(published: PublishedMessage, chat: boolean): void {
    (chat ? this.chat : this.main).ring.push(published);
  }

  /** The events of `lanes` held after `id`, oldest first, at most `limit`. */
  after(id: number, limit: number, lanes: Lanes): PublishedMessage[] {
    return mergeById(
      lanes.main ? this.main.ring.after(id, limit) : [],
      lanes.chat ? this.chat.ring.after(id, limit) : [],
      limit,
    );
  }

  find(id: number): PublishedMessage | undefined {
    return this.main.ring.find(id) ?? this.chat.ring.find(id);
  }

  /** The newest `limit` events of `lanes` held, oldest first. */
  latest(limit: number, lanes: Lanes): PublishedMessage[] {
    return newestOfBoth(
      lanes.main ? this.main.ring.latest(limit) : [],
      lanes.chat ? this.chat.ring.latest(limit) : [],
      limit,
    );
  }
}
