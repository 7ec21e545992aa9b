import type { WantedEvents } from './event-log.js';
import type { SqliteStatements } from './sqlite-database.js';

/** Rows pruned per step; steps yield to the event loop in between. */
const PRUNE_BATCH = 500;

/** How many events the file keeps, and the oldest: appends add to it, pruning takes away. */
export interface KeptEvents {
  count: number;
  oldestId: number | null;
}

export interface SqlitePruningOptions {
  /** Events kept at most; older ones are pruned. */
  readonly maxEvents: number;
  /** Events older than this are pruned (milliseconds). */
  readonly maxAgeMs: number;
  /** How often events past their age are pruned. */
  readonly everyMs: number;
  readonly now: () => number;
  readonly log?: (message: string) => void;
}

/**
 * Deletes the SQLite log's events beyond its size or age, a batch at a time with the event loop
 * free in between (on a timer, and soon after the log grew past its size), and remembers how far
 * it went — overall and per event type — so the log can tell a reader what is gone.
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
    private readonly statements: SqliteStatements,
    private readonly kept: KeptEvents,
    private readonly options: SqlitePruningOptions,
  ) {
    this.prunedUpTo = statements.meta('pruned_up_to') ?? 0;
    this.prunedByType = statements.prunedByType();
    this.timer = setInterval(() => void this.prune(), options.everyMs);
    this.timer.unref();
  }

  /** Whether an event after `id` of a wanted type was pruned. */
  lostAfter(id: number, wanted: WantedEvents): boolean {
    if (wanted === null) return id < this.prunedUpTo;
    for (const type of wanted) if (id < (this.prunedByType.get(type) ?? 0)) return true;
    return false;
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
        const pruned = this.statements.pruneBatch(cutoff, PRUNE_BATCH);
        if (pruned === null) return;
        this.prunedUpTo = Math.max(this.prunedUpTo, pruned.last);
        for (const [type, last] of pruned.byType) {
          this.prunedByType.set(type, Math.max(this.prunedByType.get(type) ?? 0, last));
        }
        this.kept.count -= pruned.count;
        this.kept.oldestId = (this.statements.oldestEvent.get() as { id: number | null }).id;
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
    if (this.kept.count > this.options.maxEvents) {
      const row = this.statements.nthNewest.get(this.options.maxEvents) as
        { id: number } | undefined;
      if (row) cutoff = row.id;
    }
    const tooOld = this.statements.newestBefore.get(this.options.now() - this.options.maxAgeMs) as
      { id: number | null } | undefined;
    if (tooOld?.id != null) cutoff = Math.max(cutoff ?? 0, tooOld.id);
    return cutoff;
  }
}
