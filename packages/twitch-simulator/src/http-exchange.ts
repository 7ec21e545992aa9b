import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

/** Largest request body the simulator reads; Twitch's own requests are tiny. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An error answered in Twitch's shape, `{ error, status, message }` (the `error` field is the HTTP
 * status text, as Helix and the OAuth server write it).
 */
export class TwitchHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'TwitchHttpError';
  }

  /** The JSON body Twitch sends with this status. */
  get body(): { error: string; status: number; message: string } {
    return {
      error: STATUS_CODES[this.status] ?? 'Error',
      status: this.status,
      message: this.message,
    };
  }
}

/** One HTTP request and its response, with the few helpers the simulator's routes need. */
export class HttpExchange {
  /** The request URL, resolved against the loopback host. */
  readonly url: URL;
  private readonly extraHeaders: Record<string, string> = {};
  private bodyText: Promise<string> | undefined;

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
  ) {
    this.url = new URL(request.url ?? '/', 'http://localhost');
  }

  /** The request method in capitals. */
  get method(): string {
    return (this.request.method ?? 'GET').toUpperCase();
  }

  /** Whether the response was already sent or the client went away. */
  get finished(): boolean {
    return this.response.headersSent || this.response.destroyed;
  }

  /** A request header (case-insensitive), or undefined. */
  header(name: string): string | undefined {
    const value = this.request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  /** Adds headers to whatever response is sent later (rate-limit headers, for one). */
  setHeaders(headers: Record<string, string>): void {
    Object.assign(this.extraHeaders, headers);
  }

  /** The raw request body as text. */
  text(): Promise<string> {
    this.bodyText ??= new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      this.request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          reject(new TwitchHttpError(413, 'Request body too large'));
          this.request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      this.request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      this.request.on('error', reject);
    });
    return this.bodyText;
  }

  /** The body parsed as JSON (an empty body is `{}`); 400 in Twitch's words when it is not JSON. */
  async json(): Promise<Record<string, unknown>> {
    const text = await this.text();
    if (text.trim() === '') return {};
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return value as Record<string, unknown>;
      }
    } catch {
      // answered below
    }
    throw new TwitchHttpError(400, 'The request body is not a JSON object');
  }

  /**
   * The query string merged with a form or JSON body, body winning. Twitch's OAuth server accepts
   * its parameters either way, and Twurple sends them in the query string.
   */
  async parameters(): Promise<URLSearchParams> {
    const merged = new URLSearchParams(this.url.searchParams);
    const text = await this.text();
    if (text.trim() === '') return merged;
    const type = this.header('content-type') ?? '';
    if (type.includes('application/json')) {
      for (const [key, value] of Object.entries(await this.json())) {
        if (value !== undefined && value !== null) merged.set(key, String(value));
      }
    } else {
      for (const [key, value] of new URLSearchParams(text)) merged.set(key, value);
    }
    return merged;
  }

  /** Sends `body` as JSON. The content type is exactly `application/json`: Twurple only parses error bodies then. */
  sendJson(status: number, body: unknown): void {
    this.send(status, { 'Content-Type': 'application/json' }, JSON.stringify(body));
  }

  /** Sends a Twitch-shaped error. */
  sendError(error: TwitchHttpError): void {
    this.setHeaders(error.headers);
    this.sendJson(error.status, error.body);
  }

  /** Sends a response without a body. */
  sendEmpty(status: number): void {
    this.send(status, {}, undefined);
  }

  /** Sends a small HTML page. */
  sendHtml(status: number, html: string): void {
    this.send(status, { 'Content-Type': 'text/html; charset=utf-8' }, html);
  }

  /** Sends plain text. */
  sendText(status: number, text: string): void {
    this.send(status, { 'Content-Type': 'text/plain; charset=utf-8' }, text);
  }

  /** Sends binary content (an image) of `contentType`. */
  sendBytes(
    status: number,
    contentType: string,
    body: Buffer,
    headers: Record<string, string> = {},
  ): void {
    this.send(status, { ...headers, 'Content-Type': contentType }, body);
  }

  /** Redirects the browser (302), as Twitch's authorize page does. */
  redirect(location: string): void {
    this.send(302, { Location: location }, undefined);
  }

  private send(
    status: number,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
  ): void {
    if (this.finished) return;
    this.response.writeHead(status, { ...this.extraHeaders, ...headers });
    this.response.end(body);
  }
}
