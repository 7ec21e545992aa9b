import { Injectable } from '@nestjs/common';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  TwitchSimulator,
} from '@twitch-realtime/twitch-simulator';
import { TokenSource } from '../twitch/token-source.js';
import type { TwitchToken } from '../twitch/twitch-token.js';

/**
 * Demo mode's tokens: the built-in simulator signs the demo streamer in at start (no browser, no
 * file), and later sign-ins (the dashboard's "Connect Twitch" works against the simulator too) are
 * kept in memory only.
 */
@Injectable()
export class SimulatorTokenSource extends TokenSource {
  readonly clientId = DEFAULT_CLIENT_ID;
  readonly clientSecret = DEFAULT_CLIENT_SECRET;
  private token: TwitchToken | null | undefined;

  constructor(private readonly simulator: TwitchSimulator) {
    super();
  }

  async load(): Promise<TwitchToken | null> {
    if (this.token === undefined) {
      const minted = this.simulator.mintUserToken();
      this.token = {
        accessToken: minted.accessToken,
        refreshToken: minted.refreshToken,
        scope: [...minted.scope],
        expiresIn: minted.expiresIn,
        obtainmentTimestamp: minted.obtainmentTimestamp,
      };
    }
    return this.token;
  }

  async save(token: TwitchToken): Promise<void> {
    this.token = token;
  }

  async clear(): Promise<void> {
    this.token = null;
  }
}
