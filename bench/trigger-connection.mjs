// A keep-alive HTTP/1.1 connection for publishing benchmark events. A burst goes out as pipelined
// requests in one write, so every event of the burst is published at the same instant; the
// publish time is what the event carries, so the client library's own cost is not in the figures.
import net from 'node:net';

const STATUS_LINE = 'HTTP/1.1 ';
const LINE_LENGTH = STATUS_LINE.length + 3;
/** Reconnect rather than reuse a connection idle this long: Node.js servers close them after 5 s. */
const MAX_IDLE_MS = 3_000;

/** Connections to one trigger endpoint (the simulator's control API, or the baseline's). */
export class TriggerConnection {
  #host;
  #port;
  #socket = null;
  #answered = 0;
  #statuses = [];
  #tail = '';
  #waiters = [];
  #lastUsed = 0;

  constructor(host, port) {
    this.#host = host;
    this.#port = port;
  }

  /** Sends POST requests (`{ path, body }`) in one write; resolves with their status codes. */
  async post(requests) {
    const socket = await this.#connected();
    const text = requests
      .map(
        ({ path, body }) =>
          `POST ${path} HTTP/1.1\r\nHost: ${this.#host}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
      .join('');
    const target = this.#answered + requests.length;
    const first = this.#statuses.length;
    const answered = new Promise((resolve, reject) =>
      this.#waiters.push({ target, resolve, reject }),
    );
    socket.write(text);
    this.#lastUsed = Date.now();
    await answered;
    this.#lastUsed = Date.now();
    return this.#statuses.slice(first, first + requests.length);
  }

  /** Closes the connection. */
  close() {
    this.#socket?.destroy();
  }

  // Servers close idle keep-alive connections: open a new one rather than race that.
  async #connected() {
    const idle = this.#waiters.length === 0 && Date.now() - this.#lastUsed > MAX_IDLE_MS;
    if (this.#socket && !this.#socket.destroyed && !idle) return this.#socket;
    this.#socket?.destroy();
    const socket = net.connect({ host: this.#host, port: this.#port, noDelay: true });
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.setEncoding('latin1');
    socket.on('data', (text) => this.#read(text));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      const waiters = this.#waiters;
      this.#waiters = [];
      this.#tail = '';
      for (const waiter of waiters) waiter.reject(new Error('trigger connection closed'));
    });
    this.#socket = socket;
    return socket;
  }

  // Counts responses by their status lines (the bodies are JSON and never contain one).
  #read(text) {
    const seen = this.#tail + text;
    let searchFrom = 0;
    for (;;) {
      const index = seen.indexOf(STATUS_LINE, searchFrom);
      if (index === -1) {
        // Keep what could be the start of a status line cut by the read.
        this.#tail = seen.slice(Math.max(searchFrom, seen.length - LINE_LENGTH + 1));
        break;
      }
      if (index + LINE_LENGTH > seen.length) {
        this.#tail = seen.slice(index);
        break;
      }
      this.#statuses.push(Number(seen.slice(index + STATUS_LINE.length, index + LINE_LENGTH)));
      this.#answered++;
      searchFrom = index + LINE_LENGTH;
    }
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.#answered < waiter.target) return true;
      waiter.resolve();
      return false;
    });
  }
}
