import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '@twitch-realtime/twitch-simulator';
import { TokenSource } from '../../src/twitch/token-source.js';
import type { TwitchToken } from '../../src/twitch/twitch-token.js';

/** A token store in memory, with the simulator's application credentials (unit specs). */
export class MemoryTokenSource extends TokenSource {
  readonly clientId = DEFAULT_CLIENT_ID;
  readonly clientSecret = DEFAULT_CLIENT_SECRET;

  constructor(public token: TwitchToken | null = null) {
    super();
  }

  async load(): Promise<TwitchToken | null> {
    return this.token;
  }

  async save(token: TwitchToken): Promise<void> {
    this.token = token;
  }

  async clear(): Promise<void> {
    this.token = null;
  }
}
