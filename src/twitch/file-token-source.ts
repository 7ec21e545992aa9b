import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { TokenSource } from './token-source.js';
import type { TwitchToken } from './twitch-token.js';

/** The two file-system calls the folder check makes (a test swaps in a `chmod` that fails). */
export interface FolderFileSystem {
  stat(path: string): Promise<{ mode: number }>;
  chmod(path: string, mode: number): Promise<void>;
}

/** What `makeFolderOwnerOnly` found or did; modes are the permission bits (`0o755`). */
export type FolderCheck =
  | { kind: 'missing' }
  | { kind: 'private' }
  | { kind: 'tightened'; from: number }
  /** A shared folder (sticky bit, like /tmp): made for everyone, so it is not changed. */
  | { kind: 'shared'; mode: number }
  | { kind: 'failed'; mode: number; reason: string };

/**
 * Makes `folder` owner-only (0700) if others may enter it, except a shared folder such as /tmp
 * (sticky bit), which is left as it is. A chmod that fails is reported, not thrown; only a folder
 * that cannot be looked at (other than a missing one) throws.
 */
export async function makeFolderOwnerOnly(
  folder: string,
  fs: FolderFileSystem = { stat, chmod },
): Promise<FolderCheck> {
  let mode: number;
  try {
    mode = (await fs.stat(folder)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if ((mode & 0o077) === 0) return { kind: 'private' };
  if (mode & 0o1000) return { kind: 'shared', mode };
  try {
    await fs.chmod(folder, 0o700);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { kind: 'failed', mode, reason };
  }
  return { kind: 'tightened', from: mode };
}

/**
 * Keeps the broadcaster's token in a JSON file (`TOKEN_FILE`) that only the owner can read (0600),
 * in a folder only the owner can enter (0700; a folder that was already there wider is tightened,
 * or, if it cannot be, one warning says how). Writes are atomic (a temporary file renamed over the
 * old one), so a crash mid-write never leaves half a token. The first start can seed the file from
 * `TWITCH_ACCESS_TOKEN`/`TWITCH_REFRESH_TOKEN`; after that the file wins.
 */
@Injectable()
export class FileTokenSource extends TokenSource {
  private readonly logger = new Logger('TokenFile');
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  private readonly path: string;
  /** The calls the folder check makes. */
  protected readonly folderFileSystem: FolderFileSystem = { stat, chmod };
  private folderWarned = false;

  constructor(private readonly config: AppConfig) {
    super();
    this.clientId = config.values.twitchClientId;
    this.clientSecret = config.values.twitchClientSecret || undefined;
    this.path = config.values.tokenFile;
  }

  async load(): Promise<TwitchToken | null> {
    await this.checkFolder();
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
    await this.checkFolder();
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

  /** Tightens the token's folder if others may enter it; says once if it cannot. */
  private async checkFolder(): Promise<void> {
    // Windows keeps permissions in ACLs; mode bits mean nothing there.
    if (process.platform === 'win32') return;
    const folder = dirname(this.path);
    let check: FolderCheck;
    try {
      check = await makeFolderOwnerOnly(folder, this.folderFileSystem);
    } catch {
      return; // unreadable or not a folder: reading or writing the token says so, better
    }
    if (check.kind === 'tightened') {
      this.logger.log(
        `Made ${folder} owner-only (it was ${octal(check.from)}), as it holds the Twitch token.`,
      );
      return;
    }
    if ((check.kind !== 'shared' && check.kind !== 'failed') || this.folderWarned) return;
    this.folderWarned = true;
    this.logger.warn(
      check.kind === 'shared'
        ? `${folder} holds the Twitch token but is a folder shared with other users (mode ${octal(check.mode)}); keep the token in a folder of its own, e.g. TOKEN_FILE=data/twitch-token.json`
        : `${folder} holds the Twitch token but other users may open it (mode ${octal(check.mode)}) and it could not be changed (${check.reason}); fix it with: chmod 700 ${shellQuoted(folder)}`,
    );
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

/** `0o755` → `755`. */
function octal(mode: number): string {
  return mode.toString(8);
}

/** A path as it can be pasted into a shell. */
function shellQuoted(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
