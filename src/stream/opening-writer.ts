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
 *
 * Streams begin first, waiting clients or not: a beginning is the headers and at most a short
 * opening, and a client that never reads its replay must not keep new clients from connecting.
 */
export class OpeningWriter {
  /** Connections whose stream has not begun (no headers sent yet). */
  private starting: SseConnection[] = [];
  private ready: SseConnection[] = [];
  private next = 0;
  private scheduled = false;
  private waiting = 0;

  /** Queues `connection` for its next step; it goes live by itself once its queue is written. */
  add(connection: SseConnection): void {
    (connection.hasBegun ? this.ready : this.starting).push(connection);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    const readyCanGo = this.ready.length > 0 && this.waiting < MAX_WAITING;
    if (this.starting.length === 0 && !readyCanGo) return;
    this.scheduled = true;
    setImmediate(this.turn);
  }

  /** Gives `connection` its next step, and queues it again or waits for it to drain as it says. */
  private step(connection: SseConnection): void {
    const progress = connection.writeQueued();
    if (progress === 'more') this.ready.push(connection);
    else if (progress === 'wait') {
      this.waiting++;
      connection.onDrainOrClose(() => this.drained(connection));
    }
  }

  /** Begins the streams of new connections, within the turn's budget; false when it is spent. */
  private begin(deadline: number): boolean {
    let begun = 0;
    let inTime = true;
    while (begun < this.starting.length && inTime) {
      this.step(this.starting[begun++] as SseConnection);
      inTime = performance.now() < deadline;
    }
    this.starting = this.starting.slice(begun);
    return inTime;
  }

  private readonly drained = (connection: SseConnection): void => {
    this.waiting--;
    this.add(connection);
  };

  private readonly turn = (): void => {
    this.scheduled = false;
    const deadline = performance.now() + TURN_BUDGET_MS;
    const inTime = this.starting.length === 0 || this.begin(deadline);
    while (inTime && this.next < this.ready.length && this.waiting < MAX_WAITING) {
      this.step(this.ready[this.next++] as SseConnection);
      if (performance.now() >= deadline) break;
    }
    this.ready = this.ready.slice(this.next);
    this.next = 0;
    this.schedule();
  };
}
