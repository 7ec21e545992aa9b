import http from 'node:http';

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
 */
export class SseTestClient {
  readonly frames: SseFrame[] = [];
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
    while (!predicate(this)) {
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

  /** Closes the connection from the client side. */
  close(): Promise<void> {
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
    // A block of only a leading newline (what Nest writes before the first frame) carries nothing.
    if (
      frame.id !== undefined ||
      frame.retry !== undefined ||
      frame.data !== undefined ||
      frame.comments.length
    ) {
      this.frames.push(frame);
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
