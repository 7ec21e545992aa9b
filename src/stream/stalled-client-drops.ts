import type { Logger } from '@nestjs/common';
import type { SseConnection } from './sse-connection.js';

/**
 * Clients dropped within this long of the first are reported in one log line: a hundred clients
 * that stop reading together (a network that went away) make one warning, not a hundred.
 */
const DROP_REPORT_WINDOW_MS = 1000;

/**
 * Cuts the clients that stopped reading (more than `SSE_MAX_PENDING_BYTES` waited for them), counts
 * them, and reports those dropped together in one warning.
 */
export class StalledClientDrops {
  private dropped = 0;
  /** Clients dropped since the first drop not yet reported, and the timer that reports them. */
  private toReport = 0;
  private reportTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    /** `SSE_MAX_PENDING_BYTES`, for the warning. */
    private readonly maxPendingBytes: number,
  ) {}

  /** How many clients were dropped. */
  get count(): number {
    return this.dropped;
  }

  /** Cuts a client that stopped reading (once); clients dropped together are reported in one line. */
  drop(client: SseConnection): void {
    if (!client.isOpen) return;
    this.dropped++;
    client.drop();
    if (this.toReport++ > 0) return;
    this.reportTimer = setTimeout(() => this.report(), DROP_REPORT_WINDOW_MS);
    this.reportTimer.unref();
  }

  /** Reports the drops not reported yet, now (at the end of the window, or on shutdown). */
  report(): void {
    clearTimeout(this.reportTimer);
    const count = this.toReport;
    this.toReport = 0;
    if (count === 0) return;
    const bound = this.maxPendingBytes;
    this.logger.warn(
      `Dropped ${count} SSE client${count === 1 ? '' : 's'} that stopped reading (more than ${bound} bytes waited, SSE_MAX_PENDING_BYTES). ${count === 1 ? 'It' : 'Each'} can reconnect and resume; raise SSE_MAX_PENDING_BYTES if clients on slow links are dropped while still reading.`,
    );
  }
}
