import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Handles a WebSocket upgrade request. */
export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** How many times a free port is drawn again when ::1 has the one 127.0.0.1 got. */
const PORT_ATTEMPTS = 5;

/**
 * One HTTP server on loopback, on 127.0.0.1 and (when the machine has it) ::1 with the same port.
 * Twurple calls `http://localhost:PORT` for HTTP and `ws://127.0.0.1:PORT` for EventSub, and
 * `localhost` may resolve to either address family first; both reach the same handlers.
 */
export class LoopbackServer {
  private servers: Server[] = [];
  private boundPort = 0;

  constructor(
    private readonly onRequest: RequestListener,
    private readonly onUpgrade: UpgradeListener,
  ) {}

  /** The port both addresses listen on (0 before `listen`). */
  get port(): number {
    return this.boundPort;
  }

  /** Whether ::1 is served as well as 127.0.0.1. */
  get servesIpv6(): boolean {
    return this.servers.length > 1;
  }

  /** Starts listening; `port` 0 picks a free port that both addresses can have. */
  async listen(port: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const v4 = await this.bind('127.0.0.1', port);
      const actual = (v4.address() as { port: number }).port;
      try {
        const v6 = await this.bind('::1', actual);
        this.servers = [v4, v6];
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' && port === 0 && attempt < PORT_ATTEMPTS) {
          await closeServer(v4);
          continue;
        }
        // No IPv6 loopback here (or the port is taken on it): 127.0.0.1 alone still works for
        // clients that fall back from ::1, as Node's fetch does.
        this.servers = [v4];
      }
      this.boundPort = actual;
      return actual;
    }
  }

  /** Closes every connection and stops listening. */
  async close(): Promise<void> {
    const servers = this.servers;
    this.servers = [];
    await Promise.all(servers.map((server) => closeServer(server)));
  }

  private bind(host: string, port: number): Promise<Server> {
    const server = createServer(this.onRequest);
    server.on('upgrade', this.onUpgrade);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
