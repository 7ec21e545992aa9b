import type { PublishedMessage } from '../bus/published-message.js';
import { concatenatedFrames, publishedFrame, type WireFrame } from './sse-frames.js';
import { matches, type StreamFilter } from './stream-filter.js';

/**
 * The live messages published in one event-loop turn (a burst of EventSub notifications read in
 * one go, an event and the stats it moved), written to each client in one write at the end of
 * the turn. A write costs the kernel about the same for one frame as for twenty: a burst of 20
 * events to 10,000 clients is 10,000 system calls instead of 200,000.
 *
 * It also keeps, per message, how many clients it went to and when it was first handed to a
 * socket (for the delivery-lag and ingest-latency metrics).
 */
export class LiveBatch {
  /** The bytes of every message's frame: the most any one client gets from the batch. */
  readonly bytes: number;
  private readonly clients: Uint32Array;
  private readonly firstWriteAt: Float64Array;

  constructor(readonly messages: readonly PublishedMessage[]) {
    let bytes = 0;
    for (const published of messages) bytes += publishedFrame(published).chunk.length;
    this.bytes = bytes;
    this.clients = new Uint32Array(messages.length);
    this.firstWriteAt = new Float64Array(messages.length);
  }

  /** What the clients of one filter group get from the batch; null when nothing passes it. */
  forGroup(filter: StreamFilter): GroupBatch | null {
    const positions: number[] = [];
    this.messages.forEach((published, position) => {
      if (matches(filter, published.message)) positions.push(position);
    });
    return positions.length === 0 ? null : new GroupBatch(this, positions);
  }

  /** Notes that the messages at `positions` went to `clients` clients, the first at `writeAt`. */
  delivered(positions: readonly number[], clients: number, writeAt: number): void {
    for (const position of positions) {
      this.clients[position] = (this.clients[position] as number) + clients;
      if (this.firstWriteAt[position] === 0) this.firstWriteAt[position] = writeAt;
    }
  }

  /** Each message that went to at least one client: to how many, and when first. */
  forEachDelivered(
    listener: (published: PublishedMessage, clients: number, firstWriteAt: number) => void,
  ): void {
    this.messages.forEach((published, position) => {
      const clients = this.clients[position] as number;
      if (clients > 0) listener(published, clients, this.firstWriteAt[position] as number);
    });
  }
}

/**
 * The messages of a `LiveBatch` that pass one filter, as the frames its clients get: all of them
 * side by side for a client that had none yet, or the tail after its cursor for a client that
 * connected in the middle of the turn (its opening had the others). Each is made once.
 */
export class GroupBatch {
  private readonly ids: number[];
  private readonly tails: (WireFrame | undefined)[];
  /** Clients that got the batch from each index on. */
  private readonly clientsFrom: Uint32Array;
  private firstWriteAt = 0;

  constructor(
    private readonly batch: LiveBatch,
    private readonly positions: readonly number[],
  ) {
    this.ids = positions.map((position) => (batch.messages[position] as PublishedMessage).id);
    this.tails = new Array<WireFrame | undefined>(positions.length);
    this.clientsFrom = new Uint32Array(positions.length);
  }

  /** Where a client whose stream is at `cursor` starts: the first message it has not had. */
  startFor(cursor: number): number {
    let start = 0;
    while (start < this.ids.length && (this.ids[start] as number) <= cursor) start++;
    return start;
  }

  /** The messages from `start` on as one write; null when there are none. */
  framesFrom(start: number): WireFrame | null {
    if (start >= this.ids.length) return null;
    let tail = this.tails[start];
    if (!tail) {
      tail = concatenatedFrames(
        this.positions
          .slice(start)
          .map((position) => publishedFrame(this.batch.messages[position] as PublishedMessage)),
      );
      this.tails[start] = tail;
    }
    return tail;
  }

  /** Notes that a client took the messages from `start` on. */
  sent(start: number): void {
    if (this.firstWriteAt === 0) this.firstWriteAt = performance.now();
    this.clientsFrom[start] = (this.clientsFrom[start] as number) + 1;
  }

  /** Hands the group's counts to the batch. */
  finish(): void {
    let clients = 0;
    this.positions.forEach((position, index) => {
      clients += this.clientsFrom[index] as number;
      if (clients > 0) this.batch.delivered([position], clients, this.firstWriteAt);
    });
  }
}
