import type Database from 'better-sqlite3';

/** How often the WAL is folded into the file, between events. */
const CHECKPOINT_EVERY_MS = 5_000;

/**
 * Folds the SQLite log's WAL into its file on a timer, between events, rather than inside an
 * append (where it would delay that event): only when anything was written since the last time.
 */
export class WalCheckpoints {
  /** Messages written since the last checkpoint (none: nothing to fold in). */
  private writtenSince = 0;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Database.Database,
    private readonly log?: (message: string) => void,
  ) {
    this.timer = setInterval(() => this.checkpoint(), CHECKPOINT_EVERY_MS);
    this.timer.unref();
  }

  /** Notes `count` messages written to the file. */
  written(count: number): void {
    this.writtenSince += count;
  }

  /** No more checkpoints (the file is closing, which folds the WAL in itself). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private checkpoint(): void {
    if (this.stopped || this.writtenSince === 0) return;
    this.writtenSince = 0;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      this.log?.(`Could not checkpoint the event log: ${(error as Error).message}`);
    }
  }
}
