import { Logger } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { ConfigError } from '../config/config-error.js';

/** How long the first connection may take before the start-up gives up with an error. */
const CONNECT_TIMEOUT_MS = 5_000;

/** `redis://user:secret@host:6379/0` → `redis://user:***@host:6379/0`, for messages. */
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(REDIS_URL)';
  }
}

/**
 * The connections one instance keeps to Redis: `command` for everything that answers at once,
 * `reader` for the blocking read of the event log, `subscriber` for relayed messages (a
 * connection in subscribe mode can do nothing else), `inbox` for the leader's blocking read of
 * the standby's notifications. None queues commands while Redis is away:
 * the callers buffer and retry themselves, so they know what was written.
 */
export class RedisConnections {
  private readonly logger = new Logger('Redis');
  private down = false;

  private constructor(
    readonly url: string,
    readonly command: Redis,
    readonly reader: Redis,
    readonly subscriber: Redis,
    readonly inbox: Redis,
  ) {
    command.on('error', (error: Error) => this.lost(error));
    command.on('ready', () => this.back());
    for (const other of [reader, subscriber, inbox]) other.on('error', () => undefined);
  }

  /** Connects the four; Redis not answering is a configuration error naming REDIS_URL. */
  static async open(url: string): Promise<RedisConnections> {
    const options: RedisOptions = {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // Reconnect for good, twice a second at most: the instances keep serving while Redis is away,
      // and the leader must be back before a follower takes its lapsed lease.
      retryStrategy: (attempt) => Math.min(attempt * 100, 500),
    };
    const clients = ['command', 'reader', 'subscriber', 'inbox'].map(
      (name) => new Redis(url, { ...options, connectionName: `twitch-realtime:${name}` }),
    );
    // ioredis rejects with "Connection is closed"; the socket's own error says why.
    let cause: Error | undefined;
    for (const client of clients) client.on('error', (error: Error) => (cause ??= error));
    try {
      // The first connection is tried once: a wrong URL is reported, not retried for ever.
      await Promise.all(clients.map((client) => client.connect()));
    } catch (error) {
      clients.forEach((client) => client.disconnect());
      throw new ConfigError(
        'REDIS_URL',
        `Could not reach Redis at ${redactedRedisUrl(url)} (${(cause ?? (error as Error)).message}). Start Redis (Debian/Ubuntu: \`sudo apt install redis-server\`) or fix REDIS_URL; unset REDIS_URL to run a single instance without Redis.`,
      );
    }
    const [command, reader, subscriber, inbox] = clients as [Redis, Redis, Redis, Redis];
    return new RedisConnections(url, command, reader, subscriber, inbox);
  }

  /** Closes the connections (commands already sent are answered first). */
  async close(): Promise<void> {
    await Promise.all(
      [this.command, this.reader, this.subscriber, this.inbox].map((client) =>
        client.quit().catch(() => client.disconnect()),
      ),
    );
  }

  private lost(error: Error): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(
      `Lost the connection to Redis at ${redactedRedisUrl(this.url)} (${error.message}); clients stay connected, and what this instance publishes waits until Redis is back.`,
    );
  }

  private back(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`Redis at ${redactedRedisUrl(this.url)} is back.`);
  }
}
