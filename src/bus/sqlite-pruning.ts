import type { WantedEvents } from './event-log.js';
import type { LaneStatements, SqliteStatements } from './sqlite-database.js';

/** Rows pruned per step; steps yield to the event loop in between. */
const PRUNE_BATCH = 500;

/** How many events a table keeps, and the oldest: appends add to it, pruning takes away. */
export interface KeptEvents {
  count: number;
  oldestId: number | null;
}

export interface SqlitePruningOptions {
  /** Events kept at most; older ones are pruned. */
  readonly maxEvents: number;
  /**
   * How far past `maxEvents` the table may grow before a prune runs (then it goes back down to
   * `maxEvents`): chat, appended many times a second, is pruned a batch at a time rather than a
   * row after every message. 0: pruned as soon as it is over.
   */
  readonly slack?: number;
  /** Events older than this are pruned (milliseconds). */
  readonly maxAgeMs: number;
  /** How often events past their age are pruned. */
  readonly everyMs: number;
  readonly now: () => number;
  readonly log?: (message: string) => void;
}

/**
 * Deletes one of the SQLite log's tables' events beyond its size or age, a batch at a time with
 * the event loop free in between (on a timer, and soon after the table grew past its size), and
 * remembers how far it went — overall and per event type — so the log can tell a reader what is
 * gone. The log has one for its events and one for chat, each with its own limits.
 */
export class SqlitePruning {
  /** The highest id ever pruned (0 if none): events after it are all still here. */
  private prunedUpTo: number;
  /** Per event type, the highest id of that type ever pruned. */
  private readonly prunedByType: Map<string, number>;
  private pruning = false;
  private scheduled = false;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    statements: SqliteStatements,
    private readonly table: LaneStatements,
    private readonly kept: KeptEvents,
    private readonly options: SqlitePruningOptions,
  ) {
    this.prunedUpTo = statements.meta(table.prunedKey) ?? 0;
    this.prunedByType = statements.prunedByType();
    this.timer = setInterval(() => void this.prune(), options.everyMs);
    this.timer.unref();
  }

  /** Whether an event after `id` of a wanted type was pruned from this table. */
  lostAfter(id: number, wanted: WantedEvents): boolean {
    if (wanted === null) return id < this.prunedUpTo;
    for (const type of wanted) if (id < (this.prunedByType.get(type) ?? 0)) return true;
    return false;
  }

  /** Counts an event appended with `id`; prunes soon when the table is over its size. */
  appended(id: number): void {
    this.kept.count++;
    this.kept.oldestId ??= id;
    if (this.kept.count > this.options.maxEvents + (this.options.slack ?? 0)) this.soon();
  }

  /** Deletes what is due, a batch at a time. Resolves when done. */
  async prune(): Promise<void> {
    if (this.pruning) return;
    this.pruning = true;
    try {
      for (;;) {
        if (this.stopped) return;
        const cutoff = this.cutoff();
        if (cutoff === null) return;
        const pruned = this.table.pruneBatch(cutoff, PRUNE_BATCH);
        if (pruned === null) return;
        this.prunedUpTo = Math.max(this.prunedUpTo, pruned.last);
        for (const [type, last] of pruned.byType) {
          this.prunedByType.set(type, Math.max(this.prunedByType.get(type) ?? 0, last));
        }
        this.kept.count -= pruned.count;
        this.kept.oldestId = (this.table.oldestEvent.get() as { id: number | null }).id;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // A prune that fails (disk trouble) leaves the log as it was; the next one tries again.
      this.options.log?.(`Could not prune the event log: ${(error as Error).message}`);
    } finally {
      this.pruning = false;
    }
  }

  /** Prunes once the append under way is done (unless a prune is running or due already). */
  soon(): void {
    if (this.pruning || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.prune();
    });
  }

  /** Prunes no more (the file is closing). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** The highest id to prune up to, or null when nothing is due. */
  private cutoff(): number | null {
    let cutoff: number | null = null;
    const over = this.kept.count - this.options.maxEvents;
    if (over > 0) {
      // The row with `over - 1` older ones: pruning up to it leaves `maxEvents`. (Read from the
      // oldest end: a few rows, where reading from the newest would walk past all the kept ones.)
      const row = this.table.nthOldest.get(over - 1) as { id: number } | undefined;
      if (row) cutoff = row.id;
    }
    // Times only grow with ids: the first row young enough is where the kept ones begin, found
    // along the primary key from the oldest (as many steps as there are rows to prune).
    const young = this.table.firstSince.get(this.options.now() - this.options.maxAgeMs) as
      { id: number } | undefined;
    const tooOld = young ? young.id - 1 : (this.table.newestId.get() as { id: number | null }).id;
    if (tooOld !== null && tooOld >= (this.kept.oldestId ?? Infinity)) {
      cutoff = Math.max(cutoff ?? 0, tooOld);
    }
    return cutoff;
  }
}
