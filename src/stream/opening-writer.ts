import type { SseConnection } from './sse-connection.js';

/**
 * How long one event-loop turn may spend beginning streams and writing replays before it yields:
 * well under the 50 ms of lag the service allows itself, with room for the I/O and timers that
 * run in between.
 */
const TURN_BUDGET_MS = 4;

/**
 * How many clients may have part of a replay waiting in Node at once. Node finishes those writes
 * itself as the clients read, all in one go when many sockets become writable together; more in
 * flight than this would make that one go, outside any budget, the longest thing the loop does.
 */
const MAX_WAITING = 128;

/**
 * Writes what clients get before they go live — the stream's headers and opening, and a long
 * replay a slice at a time — in turns: each turn gives every waiting client its next step in
 * round-robin until `TURN_BUDGET_MS` is spent, then yields to the event loop (`setImmediate`). A
 * thousand clients connecting or resuming at once never starve the live clients, Twitch ingest or
 * the health check. A client that has not read its last slice yet waits for its socket to drain
 * before it gets the next, and while `MAX_WAITING` clients wait so, the others wait their turn.
 */
export class OpeningWriter {
  private ready: SseConnection[] = [];
  private next = 0;
  private scheduled = false;
  private waiting = 0;

  /** Queues `connection` for its next step; it goes live by itself once its queue is written. */
  add(connection: SseConnection): void {
    this.ready.push(connection);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.waiting >= MAX_WAITING) return;
    this.scheduled = true;
    setImmediate(this.turn);
  }

  private readonly drained = (connection: SseConnection): void => {
    this.waiting--;
    this.add(connection);
  };

  private readonly turn = (): void => {
    this.scheduled = false;
    const deadline = performance.now() + TURN_BUDGET_MS;
    while (this.next < this.ready.length && this.waiting < MAX_WAITING) {
      const connection = this.ready[this.next++] as SseConnection;
      const progress = connection.writeQueued();
      if (progress === 'more') this.ready.push(connection);
      else if (progress === 'wait') {
        this.waiting++;
        connection.onDrainOrClose(() => this.drained(connection));
      }
      if (performance.now() >= deadline) break;
    }
    this.ready = this.ready.slice(this.next);
    this.next = 0;
    if (this.ready.length > 0) this.schedule();
  };
}
