import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { PendingReplay } from './replay-pages.js';
import type { WireFrame } from './sse-frames.js';

/** Any page may read the stream. */
export const CORS_HEADERS = { 'Access-Control-Allow-Origin': '*' } as const;

/**
 * The response headers of an SSE stream (the ones Nest's `@Sse` sends, and CORS for any origin).
 * All go in `writeHead`: a header set before it (`setHeader`, Nest's `@Header`) makes Node keep a
 * table of the headers on the response for as long as the connection lives.
 */
function sseHeaders(request: IncomingMessage): Record<string, string> {
  return {
    'Content-Type': 'text/event-stream',
    // Hop-by-hop, so HTTP/1 only.
    ...(request.httpVersionMajor === 1 ? { Connection: 'keep-alive' } : {}),
    'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
    Pragma: 'no-cache',
    Expires: '0',
    // Keeps nginx from buffering the stream.
    'X-Accel-Buffering': 'no',
    ...CORS_HEADERS,
  };
}

/**
 * Openings up to this size go out in one write when the stream begins; a longer one (a big replay)
 * is written a slice at a time, among the other clients.
 */
const WRITE_AT_ONCE_BYTES = 64 * 1024;

/** How much of a long opening one step of the `OpeningWriter` writes to a client, at most. */
const STEP_BYTES = 128 * 1024;

/**
 * What a cut connection's pending writes fail with. One shared error: without it Node makes a new
 * `ERR_STREAM_DESTROYED`, stack trace and all, for every frame still queued for the client — for
 * a hundred stalled clients with a mebibyte of small frames each, a second of blocked event loop.
 */
const STOPPED_READING = Object.assign(new Error('The SSE client stopped reading; dropped.'), {
  code: 'SSE_CLIENT_STALLED',
});

/** What a stream starts with: text (the retry hint and the like), then ready-made frames. */
export interface Opening {
  readonly text: string;
  /**
   * The replay and state frames, in order; shared with other clients where they can be. A long
   * replay's later pages are a `PendingReplay`, read from the log when the client gets to it.
   */
  readonly frames: readonly QueuedFrame[];
  /** The bytes of `frames` (those read so far). */
  readonly bytes: number;
}

/** What waits in a client's queue: a frame, or the part of its replay still to be read. */
export type QueuedFrame = WireFrame | PendingReplay;

/** How far `SseConnection.writeQueued` got: more can go now, the client must drain first, or all went. */
export type QueueProgress = 'more' | 'wait' | 'done';

/**
 * One client's open stream: its raw HTTP response, written whole frames at a time. Writes never
 * wait for the client; what it has not read yet waits in memory, and a client with more than
 * `maxPendingBytes` waiting is let go (it reconnects and resumes with Last-Event-ID).
 *
 * A stream does not begin in the request handler: its headers and opening (the retry hint, the
 * state, or a replay of hundreds of events) wait in the connection's queue until the
 * `OpeningWriter` writes them — a long replay a slice at a time as the client takes it — and live
 * messages published meanwhile join the queue behind them, so they always come after, never in
 * the middle. Until then the connection is `isCatchingUp`.
 *
 * Frames go straight to the socket as ready-made HTTP chunks (`WireFrame.chunk`): one write of
 * shared bytes per client. `response.write()` would frame each chunk again for every client, and
 * on Express's response objects (whose prototype Express swaps per request) its many property
 * lookups cost about as much as the system call. Node's response keeps no state about the body of
 * a chunked response beyond the socket, so the bytes on the wire are the same either way.
 */
export class SseConnection {
  private open = true;
  /**
   * The response's socket once Node has given it one. Kept here: reading it off Express's response
   * object on every write cost more than the write itself.
   */
  private socket: Socket | null = null;
  /** Whether the response is chunked (HTTP/1.1), so ready-made chunks can go to its socket. */
  private chunked = false;
  /** The request, until the stream begins (its socket gets the stream's settings then). */
  private request: IncomingMessage | null;
  /** The opening's text, until the stream begins. */
  private openingText: string;
  /** Frames waiting to be written, in order (the opening's, then live messages); null once live. */
  private queue: QueuedFrame[] | null;
  private queueNext = 0;
  /** The bytes in `queue` not written yet. */
  private queuedBytes: number;
  /** The bound, plus the opening: a long replay is not a sign of a client that stalled. */
  private maxPendingBytes: number;
  /** A catch-up: the response ends once the opening is written. */
  private readonly endAfterOpening: boolean;

  private constructor(
    request: IncomingMessage,
    private readonly response: ServerResponse,
    /** The bus id at connect time: live messages up to it were in the opening frames. */
    readonly cursor: number,
    opening: Opening,
    maxPendingBytes: number,
    endAfterOpening: boolean,
  ) {
    this.request = request;
    this.endAfterOpening = endAfterOpening;
    this.openingText = opening.text;
    // A copy: the opening's frames are shared with other clients, the queue is this client's.
    this.queue = [...opening.frames];
    this.queuedBytes = opening.bytes;
    this.maxPendingBytes = maxPendingBytes + Buffer.byteLength(opening.text) + opening.bytes;
  }

  /**
   * Takes a request for a stream that begins with `opening`; nothing is written until the
   * `OpeningWriter`'s turn (`writeQueued`). Returns null when the request needs no stream (HEAD,
   * answered here with the headers) or the client has already gone. With `endAfterOpening` the
   * response ends once the opening is written (a catch-up).
   */
  static accept(
    request: IncomingMessage,
    response: ServerResponse,
    cursor: number,
    opening: Opening,
    maxPendingBytes: number,
    { endAfterOpening = false } = {},
  ): SseConnection | null {
    if (response.destroyed || response.writableEnded) return null;
    if (request.method === 'HEAD') {
      response.writeHead(200, sseHeaders(request)).end();
      return null;
    }
    return new SseConnection(request, response, cursor, opening, maxPendingBytes, endAfterOpening);
  }

  /** Bytes written to the client that it has not taken yet (beyond what the kernel holds). */
  get pendingBytes(): number {
    return this.response.writableLength;
  }

  /** Whether frames can still be sent. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Whether its headers went out (the `OpeningWriter`'s first step for it). */
  get hasBegun(): boolean {
    return this.request === null;
  }

  /** Whether its opening is still to be written: live messages wait in its queue behind it. */
  get isCatchingUp(): boolean {
    return this.queue !== null;
  }

  /**
   * Writes a frame (or queues it behind the opening still being written). Returns false, writing
   * nothing, when more than the bound is already waiting for the client: the caller drops it.
   * `sentThisTurn` is what was written to it earlier in this event-loop turn that Node may not
   * have handed to the kernel yet: that is not a backlog.
   */
  send(wire: WireFrame, sentThisTurn = 0): boolean {
    if (!this.open) return true;
    if (this.queue) {
      if (this.waitingBytes() + this.queuedBytes > this.maxPendingBytes) return false;
      this.queue.push(wire);
      this.queuedBytes += wire.chunk.length;
      return true;
    }
    if (this.waitingBytes() - sentThisTurn > this.maxPendingBytes) return false;
    this.write(wire);
    return true;
  }

  /**
   * For the `OpeningWriter`: begins the stream (headers, opening text and, when short, the rest of
   * the queue in the same write) or writes the next frames of the queue. 'more' when the socket
   * can take more now, 'wait' when the client must read first (`onDrainOrClose`), 'done' when the
   * queue is empty and messages go straight out from now on.
   */
  writeQueued(): QueueProgress {
    if (!this.open || !this.queue) return 'done';
    if (this.request) return this.begin(this.request);
    const queue = this.queue;
    // Frames up to `STEP_BYTES` in one system call: fewer, larger writes cost the kernel less.
    const socket = this.chunked ? this.socket : null;
    socket?.cork();
    let flowing = true;
    let bytes = 0;
    let pagesRead = 0;
    while (this.queueNext < queue.length && bytes < STEP_BYTES) {
      const next = queue[this.queueNext] as QueuedFrame;
      if (!isWireFrame(next)) {
        // One page read from the log per step, so that a step stays short.
        if (pagesRead++ > 0) break;
        if (!this.readPage(queue, next)) break;
        continue;
      }
      this.queueNext++;
      bytes += next.chunk.length;
      flowing = this.write(next);
    }
    this.queuedBytes -= bytes;
    socket?.uncork();
    if (!this.open) return 'done';
    if (this.queueNext === queue.length) return this.live();
    return flowing || this.waitingBytes() === 0 ? 'more' : 'wait';
  }

  /**
   * Puts the next page of the replay in the queue in place of `pending` (and the rest after it).
   * When the log has let go of part of it, cuts the connection: the client resumes from the last
   * id it got and is told its replay is incomplete. False when cut.
   */
  private readPage(queue: QueuedFrame[], pending: PendingReplay): boolean {
    const page = pending.nextPage();
    if (!page) {
      this.drop();
      return false;
    }
    queue.splice(this.queueNext, 1, ...page.frames, ...(page.rest ? [page.rest] : []));
    this.queuedBytes += page.bytes;
    this.maxPendingBytes += page.bytes;
    return true;
  }

  /**
   * Calls `listener` once, when the client has read what waited for it (after a 'wait') or the
   * connection closed.
   */
  onDrainOrClose(listener: () => void): void {
    const target = this.socket ?? this.response;
    const once = () => {
      target.off('drain', once);
      this.response.off('close', once);
      listener();
    };
    target.once('drain', once);
    this.response.once('close', once);
  }

  /** Calls `listener` once when the connection closes, whoever closed it. */
  onClose(listener: () => void): void {
    this.response.once('close', () => {
      this.open = false;
      listener();
    });
  }

  /** Ends the stream cleanly (shutdown). */
  end(): void {
    if (!this.open) return;
    this.open = false;
    this.queue = null;
    this.response.end();
  }

  /** Cuts the connection (a client that stopped reading). */
  drop(): void {
    if (!this.open) return;
    this.open = false;
    this.queue = null;
    this.response.destroy(STOPPED_READING);
  }

  /** Sends the headers and the opening; the rest of the queue too when it is short. */
  private begin(request: IncomingMessage): QueueProgress {
    this.request = null;
    // As Nest's `@Sse` does: no idle timeout, keep-alive probes, and no delay on small writes.
    request.socket.setKeepAlive(true);
    request.socket.setNoDelay(true);
    request.socket.setTimeout(0);
    this.response.writeHead(200, sseHeaders(request));
    this.chunked = this.response.chunkedEncoding;
    this.socket = this.response.socket;
    this.response.write(this.openingText);
    this.openingText = '';
    const queue = this.queue as QueuedFrame[];
    const socket = this.chunked ? this.socket : null;
    if (this.queuedBytes <= WRITE_AT_ONCE_BYTES || !socket) {
      // Node corked the socket for the headers: all of it leaves in one system call (a response
      // still waiting for its socket queues it all itself), up to a replay's unread pages.
      while (this.queueNext < queue.length) {
        const next = queue[this.queueNext] as QueuedFrame;
        if (!isWireFrame(next)) break;
        this.write(next);
        this.queueNext++;
        this.queuedBytes -= next.chunk.length;
      }
    }
    // Now, inside the writer's turn, rather than on Node's next tick after it.
    if (socket && socket.writableCorked > 0) socket.uncork();
    return this.queueNext === queue.length ? this.live() : 'more';
  }

  /** The queue is written: messages go straight to the client from now on. */
  private live(): QueueProgress {
    this.queue = null;
    this.queueNext = 0;
    this.queuedBytes = 0;
    if (this.endAfterOpening) this.end();
    return 'done';
  }

  /** Bytes Node holds for the client (the socket's, once it has one). */
  private waitingBytes(): number {
    // Until Node gives the response its socket (a request pipelined behind another), it queues.
    const socket = this.socket ?? (this.socket = this.response.socket);
    return this.chunked && socket ? socket.writableLength : this.response.writableLength;
  }

  /** Hands a frame to the socket (or to the response, until it has one); false when Node is full. */
  private write(wire: WireFrame): boolean {
    const socket = this.socket ?? (this.socket = this.response.socket);
    return this.chunked && socket ? socket.write(wire.chunk) : this.response.write(wire.frame);
  }
}

function isWireFrame(queued: QueuedFrame): queued is WireFrame {
  return 'chunk' in queued;
}
