import http from 'node:http';
import { SseContractCheck, SseContractViolation } from './sse-contract-check.js';

/** One frame of an SSE stream as it arrived on the wire. */
export interface SseFrame {
  id?: string;
  retry?: number;
  data?: string;
  comments: string[];
}

/** A parsed `data:` message with its id. */
export interface SseMessage<T = unknown> {
  id: string;
  json: T;
}

/**
 * A real SSE client over a raw HTTP connection: parses the wire format frame by frame, and tracks
 * the last event id the way a browser's EventSource does (an `id:` line counts even without data).
 *
 * Every JSON message it receives is checked against the contract's JSON Schemas
 * (`SseContractCheck`); one that does not match fails the test that reads the client (`frames`,
 * `messages`, `waitFor…`, `close`) with what is wrong.
 */
export class SseTestClient {
  private readonly received: SseFrame[] = [];
  private violation: SseContractViolation | undefined;
  lastEventId: string | undefined;
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  private request: http.ClientRequest | undefined;
  private response: http.IncomingMessage | undefined;
  private buffer = '';
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(private readonly url: string) {}

  /** Opens `url` and resolves once the response headers arrived. */
  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseTestClient> {
    const client = new SseTestClient(url);
    await client.open(headers);
    return client;
  }

  /** The frames received so far, in order. */
  get frames(): SseFrame[] {
    this.throwIfViolated();
    return this.received;
  }

  /** The JSON messages received so far (frames with data), in order. */
  get messages(): SseMessage[] {
    return this.frames
      .filter((frame) => frame.data !== undefined)
      .map((frame) => ({ id: frame.id ?? '', json: JSON.parse(frame.data as string) as unknown }));
  }

  /** Resolves when `predicate` holds for the frames received, or rejects after `timeoutMs`. */
  async waitFor(
    predicate: (client: SseTestClient) => boolean,
    timeoutMs = 10_000,
    what = 'condition',
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.throwIfViolated();
      if (predicate(this)) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `Timed out waiting for ${what}; got ${JSON.stringify(this.frames).slice(0, 2000)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until at least `count` JSON messages arrived and returns them. */
  async waitForMessages(count: number, timeoutMs = 10_000): Promise<SseMessage[]> {
    await this.waitFor((c) => c.messages.length >= count, timeoutMs, `${count} messages`);
    return this.messages;
  }

  /** Closes the connection from the client side (and fails if a message broke the contract). */
  async close(): Promise<void> {
    await this.disconnect();
    this.throwIfViolated();
  }

  private disconnect(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const socket = this.request?.socket;
      if (!socket || socket.destroyed) {
        this.closed = true;
        resolve();
        return;
      }
      socket.once('close', () => resolve());
      this.request?.destroy();
    });
  }

  private open(headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.request = http.get(
        this.url,
        { headers: { accept: 'text/event-stream', ...headers } },
        (response) => {
          this.response = response;
          this.status = response.statusCode ?? 0;
          this.headers = response.headers;
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => this.feed(chunk));
          response.on('close', () => {
            this.closed = true;
            this.wake();
          });
          resolve();
        },
      );
      this.request.on('error', (error) => {
        this.closed = true;
        this.wake();
        if (!this.response) reject(error);
      });
    });
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      this.parseBlock(block);
    }
    this.wake();
  }

  private parseBlock(block: string): void {
    const frame: SseFrame = { comments: [] };
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line === '') continue;
      if (line.startsWith(':')) {
        frame.comments.push(line.slice(1).trimStart());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') frame.id = value;
      else if (field === 'retry') frame.retry = Number(value);
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) frame.data = data.join('\n');
    if (frame.id !== undefined) this.lastEventId = frame.id;
    if (frame.data !== undefined) this.checkContract(frame);
    // A block of only a leading newline (what Nest writes before the first frame) carries nothing.
    if (
      frame.id !== undefined ||
      frame.retry !== undefined ||
      frame.data !== undefined ||
      frame.comments.length
    ) {
      this.received.push(frame);
    }
  }

  private checkContract(frame: SseFrame): void {
    if (this.violation) return;
    let json: unknown;
    try {
      json = JSON.parse(frame.data as string);
    } catch {
      this.violation = new SseContractViolation(
        `SSE message ${frame.id ?? '(no id)'} is not JSON: ${(frame.data as string).slice(0, 200)}`,
      );
      return;
    }
    try {
      SseContractCheck.shared.check(json, frame.id);
    } catch (error) {
      if (!(error instanceof SseContractViolation)) throw error;
      this.violation = error;
    }
  }

  private throwIfViolated(): void {
    if (this.violation) throw this.violation;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
