import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { WireFrame } from './sse-frames.js';

/** The response headers of an SSE stream (the ones Nest's `@Sse` sends). */
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
  };
}

/**
 * One client's open stream: its raw HTTP response, written whole frames at a time. Writes never
 * wait for the client; what it has not read yet waits in memory, and a client with more than
 * `maxPendingBytes` waiting is let go (it reconnects and resumes with Last-Event-ID).
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

  private constructor(
    private readonly response: ServerResponse,
    /** The bus id at connect time: live messages up to it were in the opening frames. */
    readonly cursor: number,
    /** The bound, plus the opening frames: a long replay is not a sign of a client that stalled. */
    private readonly maxPendingBytes: number,
    /** Whether the response is chunked (HTTP/1.1), so ready-made chunks can go to its socket. */
    private readonly chunked: boolean,
  ) {}

  /**
   * Sends the stream's headers and `opening` text; returns the connection, or null when the request
   * needs no stream (HEAD) or the client has already gone.
   */
  static start(
    request: IncomingMessage,
    response: ServerResponse,
    cursor: number,
    opening: string,
    maxPendingBytes: number,
  ): SseConnection | null {
    if (response.destroyed || response.writableEnded) return null;
    // As Nest's `@Sse` does: no idle timeout, keep-alive probes, and no delay on small writes.
    request.socket.setKeepAlive(true);
    request.socket.setNoDelay(true);
    request.socket.setTimeout(0);
    response.writeHead(200, sseHeaders(request));
    if (request.method === 'HEAD') {
      response.end();
      return null;
    }
    response.write(opening);
    return new SseConnection(
      response,
      cursor,
      maxPendingBytes + Buffer.byteLength(opening),
      response.chunkedEncoding,
    );
  }

  /** Bytes written to the client that it has not taken yet (beyond what the kernel holds). */
  get pendingBytes(): number {
    return this.response.writableLength;
  }

  /** Whether frames can still be sent. */
  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Writes a frame. Returns false, writing nothing, when more than the bound is already waiting for
   * the client: the caller drops it. `sentThisTurn` is what was written to it earlier in this
   * event-loop turn that Node may not have handed to the kernel yet: that is not a backlog.
   */
  send(wire: WireFrame, sentThisTurn = 0): boolean {
    if (!this.open) return true;
    // Until Node gives the response its socket (a request pipelined behind another), it queues.
    const socket = this.socket ?? (this.socket = this.response.socket);
    if (this.chunked && socket) {
      if (socket.writableLength - sentThisTurn > this.maxPendingBytes) return false;
      socket.write(wire.chunk);
    } else {
      if (this.response.writableLength - sentThisTurn > this.maxPendingBytes) return false;
      this.response.write(wire.frame);
    }
    return true;
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
    this.response.end();
  }

  /** Cuts the connection (a client that stopped reading). */
  drop(): void {
    if (!this.open) return;
    this.open = false;
    this.response.destroy();
  }
}
