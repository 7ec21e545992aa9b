import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Subject, type Observable } from 'rxjs';
import type { TwitchToken } from '../twitch/twitch-token.js';
import { TokenSource } from '../twitch/token-source.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';

/** How long one instance may hold the refresh lock (a refresh that takes longer has failed). */
const LOCK_TTL_MS = 15_000;
/** How often an instance waiting for the lock asks again. */
const LOCK_POLL_MS = 50;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The broadcaster's tokens, shared by every instance through Redis (anyone with the Redis
 * credentials can read them: keep Redis private). A refresh runs under a Redis lock: a public
 * client's refresh token works once, so two instances refreshing together would sign the streamer
 * out. The first start copies the token file (TOKEN_FILE, or the TWITCH_ACCESS_TOKEN seed) in; a
 * Redis that lost its data gets the last token this instance knew back.
 */
export class RedisTokenSource extends TokenSource {
  private readonly logger = new Logger('TokenStore');
  private readonly changes = new Subject<void>();
  /** The last token read or written, to give back to a Redis that restarted empty. */
  private lastKnown: TwitchToken | null = null;
  override readonly changed$: Observable<void> = this.changes.asObservable();
  readonly clientId: string;
  readonly clientSecret: string | undefined;

  constructor(
    private readonly redis: RedisConnections,
    private readonly keys: RedisKeys,
    /** Where a first start finds the token to copy in. */
    private readonly seed: TokenSource,
  ) {
    super();
    this.clientId = seed.clientId;
    this.clientSecret = seed.clientSecret;
    redis.subscriber.on('message', (channel: string) => {
      if (channel === this.changedChannel) this.changes.next();
    });
  }

  /** Starts hearing of sign-ins on other instances. */
  async listen(): Promise<void> {
    await this.redis.subscriber.subscribe(this.changedChannel);
  }

  async load(): Promise<TwitchToken | null> {
    const stored = await this.read();
    if (stored) return (this.lastKnown = stored);
    const token = this.lastKnown ?? (await this.seed.load());
    if (!token) return null;
    // Only if still empty: another instance may have put a newer one there meanwhile.
    const written = await this.redis.command.set(this.keys.tokens, JSON.stringify(token), 'NX');
    if (written === null) return this.load();
    this.logger.log(
      this.lastKnown
        ? 'Redis had lost the Twitch token; put back the last one this instance knew.'
        : 'Copied the Twitch token into Redis, where every instance finds it.',
    );
    return (this.lastKnown = token);
  }

  async save(token: TwitchToken): Promise<void> {
    await this.redis.command.set(this.keys.tokens, JSON.stringify(token));
    this.lastKnown = token;
  }

  async clear(): Promise<void> {
    await this.redis.command.del(this.keys.tokens);
    this.lastKnown = null;
    await this.seed.clear();
  }

  override async announceSignIn(): Promise<void> {
    await this.redis.command.publish(this.changedChannel, 'sign-in');
  }

  /**
   * Runs `refresh` while holding the refresh lock, with the token stored now; stores what it
   * returns before letting go, so the next instance in line finds the new token.
   */
  override async exclusively<T extends TwitchToken>(
    refresh: (stored: TwitchToken | null) => Promise<T>,
  ): Promise<T> {
    const holder = randomUUID();
    const deadline = Date.now() + LOCK_TTL_MS * 2;
    while (
      (await this.redis.command.set(this.keys.tokensLock, holder, 'PX', LOCK_TTL_MS, 'NX')) === null
    ) {
      if (Date.now() > deadline) {
        throw new Error('Another instance has been refreshing the Twitch token for too long.');
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      const stored = await this.read();
      const result = await refresh(stored);
      // Taking the token another instance stored leaves nothing new to store, only to remember.
      if (stored && result.accessToken === stored.accessToken) {
        this.lastKnown = stored;
        return result;
      }
      await this.save({
        accessToken: result.accessToken,
        refreshToken: result.refreshToken,
        scope: result.scope,
        expiresIn: result.expiresIn,
        obtainmentTimestamp: result.obtainmentTimestamp,
      });
      return result;
    } finally {
      await this.redis.command
        .eval(RELEASE, 1, this.keys.tokensLock, holder)
        .catch(() => undefined);
    }
  }

  private get changedChannel(): string {
    return `${this.keys.tokens}:changed`;
  }

  private async read(): Promise<TwitchToken | null> {
    const text = await this.redis.command.get(this.keys.tokens);
    if (text === null) return null;
    try {
      return JSON.parse(text) as TwitchToken;
    } catch {
      this.logger.error('The Twitch token in Redis is not one this service wrote; sign in again.');
      return null;
    }
  }
}
