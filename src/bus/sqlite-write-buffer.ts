import { Subject, type Observable } from 'rxjs';
import type { EventLogStatus } from '../contract/sse-contract.js';
import { isHistory, type Lanes } from './history-lanes.js';
import type { PublishedMessage } from './published-message.js';
import { fromRow, type MessageToWrite } from './sqlite-database.js';

/** Messages kept in memory at most while the file cannot be written. */
const MAX_UNWRITTEN = 100_000;

export interface SqliteWriteBufferOptions {
  /** Writes messages to the file in one transaction (throws when the file fails). */
  readonly writeAll: (messages: readonly MessageToWrite[]) => void;
  /** Told how many messages reached the file. */
  readonly written: (count: number) => void;
  /** How often writes that failed are tried again. */
  readonly retryEveryMs: number;
  readonly now: () => number;
  readonly log?: (message: string) => void;
}

/**
 * The SQLite log's writes, and its degraded mode: when the file fails (disk full, folder not
 * writable) messages wait in memory, in order, and are tried again on a timer; the log says it is
 * `memory-only` until they are written. Clients never wait for the disk, and nothing is lost
 * while the process lives.
 */
export class SqliteWriteBuffer {
  /** Messages that could not be written yet, oldest first. */
  private readonly unwritten: MessageToWrite[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly health = new Subject<EventLogStatus>();
  private current: EventLogStatus = { state: 'ok' };
  /** The last "still cannot be written" reason logged: the retries say nothing new until it changes. */
  private lastRetryError: string | undefined;

  /** Whether messages reach the file: `memory-only` while writes fail, `ok` once they work again. */
  readonly status$: Observable<EventLogStatus> = this.health.asObservable();

  constructor(private readonly options: SqliteWriteBufferOptions) {}

  /** How the writes stand now: `memory-only` (with why, and since when) while they fail. */
  get status(): EventLogStatus {
    return this.current;
  }

  /** Writes one message, or keeps it in memory when the file fails or earlier messages still wait. */
  write(message: MessageToWrite): void {
    if (this.unwritten.length === 0) {
      try {
        this.options.writeAll([message]);
        this.options.written(1);
        return;
      } catch (error) {
        this.writesFailed(error);
      }
    }
    if (this.unwritten.length >= MAX_UNWRITTEN) this.unwritten.shift();
    this.unwritten.push(message);
  }

  /** Tries to write what waits in memory; true when nothing waits any more. */
  retry(): boolean {
    if (this.closed || this.unwritten.length === 0) return this.unwritten.length === 0;
    try {
      this.options.writeAll(this.unwritten);
    } catch (error) {
      // One line per episode (and per new reason), not one per retry.
      const reason = (error as Error).message;
      if (reason !== this.lastRetryError && !this.current.detail?.includes(`(${reason})`)) {
        this.options.log?.(`The event log still cannot be written: ${reason}`);
      }
      this.lastRetryError = reason;
      return false;
    }
    this.options.written(this.unwritten.length);
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

  /**
   * Events of `lanes` waiting to be written with an id above `id` (newer than any row in the
   * file).
   */
  eventsAfter(id: number, lanes: Lanes): PublishedMessage[] {
    return this.unwritten
      .filter(({ retention: { kind }, id: waiting }) => {
        const wanted = (kind === 'history' && lanes.main) || (kind === 'chat' && lanes.chat);
        return wanted && waiting > id;
      })
      .map(fromRow);
  }

  /** The event `id`, if it waits to be written. */
  event(id: number): PublishedMessage | undefined {
    const waiting = this.unwritten.find((message) => message.id === id);
    return waiting && isHistory(waiting.retention) ? fromRow(waiting) : undefined;
  }

  /** A last try for what waits, then no more. */
  close(): void {
    this.retry();
    this.closed = true;
    clearInterval(this.retryTimer);
  }

  private writesFailed(error: unknown): void {
    const detail = `Cannot write the event log (${(error as Error).message}): events are kept in memory and written when it works again (free some disk space, or check that DATA_DIR is writable); a restart before then loses them.`;
    this.options.log?.(detail);
    this.announce({
      state: 'memory-only',
      detail,
      since: new Date(this.options.now()).toISOString(),
    });
    this.retryTimer = setInterval(() => this.retry(), this.options.retryEveryMs);
    this.retryTimer.unref();
  }

  /** Tells `status$`, after the append under way has finished (its listeners may publish). */
  private announce(status: EventLogStatus): void {
    this.current = status;
    setImmediate(() => this.health.next(status));
  }
}
