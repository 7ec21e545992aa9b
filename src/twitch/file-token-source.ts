import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { TokenSource } from './token-source.js';
import type { TwitchToken } from './twitch-token.js';

/**
 * Keeps the broadcaster's token in a JSON file (`TOKEN_FILE`) that only the owner can read (0600),
 * in a folder only the owner can enter (0700). Writes are atomic (a temporary file renamed over the
 * old one), so a crash mid-write never leaves half a token. The first start can seed the file from
 * `TWITCH_ACCESS_TOKEN`/`TWITCH_REFRESH_TOKEN`; after that the file wins.
 */
@Injectable()
export class FileTokenSource extends TokenSource {
  private readonly logger = new Logger('TokenFile');
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  private readonly path: string;

  constructor(private readonly config: AppConfig) {
    super();
    this.clientId = config.values.twitchClientId;
    this.clientSecret = config.values.twitchClientSecret || undefined;
    this.path = config.values.tokenFile;
  }

  async load(): Promise<TwitchToken | null> {
    const stored = await this.readFile();
    if (stored) return stored;
    const seed = this.seedFromConfig();
    if (seed) {
      await this.save(seed);
      this.logger.log(
        `Stored the token from TWITCH_ACCESS_TOKEN in ${this.path}; you may remove it from the environment now.`,
      );
    }
    return seed;
  }

  async save(token: TwitchToken): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(token, null, 2)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
    // The mode given to open() is masked by the umask; make sure of owner-only.
    await chmod(this.path, 0o600);
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true });
  }

  private async readFile(): Promise<TwitchToken | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const token = JSON.parse(text) as Partial<TwitchToken>;
      if (typeof token.accessToken !== 'string') throw new Error('no accessToken');
      if (!token.accessToken && !token.refreshToken) throw new Error('no token at all');
      return {
        accessToken: token.accessToken,
        refreshToken: token.refreshToken ?? null,
        scope: Array.isArray(token.scope) ? token.scope : [],
        expiresIn: token.expiresIn ?? null,
        obtainmentTimestamp: token.obtainmentTimestamp ?? 0,
      };
    } catch {
      this.logger.error(
        `${this.path} is not a token file this service wrote; sign in again with \`npm run auth\`.`,
      );
      return null;
    }
  }

  private seedFromConfig(): TwitchToken | null {
    const { twitchAccessToken, twitchRefreshToken } = this.config.values;
    if (!twitchAccessToken && !twitchRefreshToken) return null;
    return {
      // With only a refresh token, an empty access token makes Twurple refresh before first use.
      accessToken: twitchAccessToken,
      refreshToken: twitchRefreshToken || null,
      scope: [],
      expiresIn: twitchAccessToken ? null : 0,
      obtainmentTimestamp: twitchAccessToken ? Date.now() : 0,
    };
  }
}
