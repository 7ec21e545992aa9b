import { Subject, type Observable } from 'rxjs';
import type { PublishedMessage } from '../bus/published-message.js';
import type { ClientGroups } from './client-groups.js';
import { LiveBatch } from './live-batch.js';
import { PING } from './sse-frames.js';
import type { StalledClientDrops } from './stalled-client-drops.js';

/**
 * How long a live message from Twitch may wait for more to join its batch: bounds what batching
 * adds to ingest latency (EventSub frame to first SSE write, kept under 2 ms), while a burst still
 * goes out in a few writes per client rather than one per event.
 */
const MAX_BATCH_WAIT_MS = 1;

/** How one live message went out: for the delivery-lag and ingest-latency metrics. */
export interface Delivery {
  readonly published: PublishedMessage;
  /** Clients it was written to. */
  readonly clients: number;
  /** When it was handed to the first and the last client's socket (`performance.now()`). */
  readonly firstWriteAt: number;
  readonly lastWriteAt: number;
}

/**
 * What every live client gets: the messages published in each event-loop turn, in one write per
 * client (`LiveBatch`: each frame made once, matched once per filter group), and the shared
 * heartbeat. Nothing waits for a client: a write a client cannot take is a drop
 * (`StalledClientDrops`).
 */
export class LiveFanOut {
  /** Live messages published in this turn, not written yet (`flush`). */
  private pending: PublishedMessage[] = [];
  /** When the oldest of them that came from Twitch joined them (`performance.now()`), if any did. */
  private pendingSince = Infinity;
  /**
   * Bytes every client was sent during this event-loop turn. Node hands a turn's writes to the
   * kernel at its end, so they are not the client's backlog yet and do not count against its bound.
   */
  private bytesThisTurn = 0;
  private readonly deliveries = new Subject<Delivery>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly groups: ClientGroups,
    private readonly drops: StalledClientDrops,
  ) {}

  /** Each live message once it has been written to every client that wanted it. */
  get delivered$(): Observable<Delivery> {
    return this.deliveries.asObservable();
  }

  /** Sends the heartbeat to every live client every `intervalMs`. */
  startHeartbeat(intervalMs: number): void {
    // One timer for every client: a heartbeat costs one write per client, never a timer per client.
    this.heartbeatTimer = setInterval(() => this.heartbeat(), intervalMs);
    this.heartbeatTimer.unref();
  }

  /** Stops the heartbeat and writes what is still pending (shutdown). */
  stop(): void {
    clearInterval(this.heartbeatTimer);
    this.flush();
  }

  /**
   * Takes a live message; it is written at the end of the current callback (`process.nextTick`),
   * with whatever else is published until then, so each client gets one write per turn. A burst
   * read from Twitch in one go is published frame by frame, so a message from Twitch waits at most
   * `MAX_BATCH_WAIT_MS` for the frames after it: once it has, the batch is written at once.
   */
  take(published: PublishedMessage): void {
    if (this.pending.push(published) === 1) process.nextTick(this.flush);
    const now = performance.now();
    // Measured from here, not from the frame's arrival: on an instance that reads the bus from
    // Redis, a message is already older than the bound when it arrives, and batching still pays.
    if (published.receivedAt !== undefined && now < this.pendingSince) this.pendingSince = now;
    if (now - this.pendingSince >= MAX_BATCH_WAIT_MS) this.flush();
  }

  /** Writes the live messages published since the last flush to every client whose filter they pass. */
  readonly flush = (): void => {
    if (this.pending.length === 0) return;
    const batch = new LiveBatch(this.pending);
    this.pending = [];
    this.pendingSince = Infinity;
    const allowance = this.countTurnBytes(batch.bytes);
    for (const group of this.groups.values()) {
      const frames = batch.forGroup(group.filter);
      if (!frames) continue;
      for (const client of group.clients) {
        const start = frames.startFor(client.cursor);
        const wire = frames.framesFrom(start);
        if (!wire) continue;
        if (!client.send(wire, allowance)) {
          this.drops.drop(client);
          continue;
        }
        frames.sent(start);
      }
      frames.finish();
    }
    if (this.deliveries.observed) {
      const lastWriteAt = performance.now();
      batch.forEachDelivered((published, clients, firstWriteAt) =>
        this.deliveries.next({ published, clients, firstWriteAt, lastWriteAt }),
      );
    }
  };

  private heartbeat(): void {
    this.flush();
    const allowance = this.countTurnBytes(PING.chunk.length);
    for (const client of this.groups.clients()) {
      // A client catching up is being sent its replay: it is not idle.
      if (client.isCatchingUp) continue;
      if (!client.send(PING, allowance)) this.drops.drop(client);
    }
  }

  /** Adds `bytes` to what this turn wrote to each client; returns what was written before them. */
  private countTurnBytes(bytes: number): number {
    if (this.bytesThisTurn === 0) setImmediate(() => (this.bytesThisTurn = 0));
    const before = this.bytesThisTurn;
    this.bytesThisTurn += bytes;
    return before;
  }
}
