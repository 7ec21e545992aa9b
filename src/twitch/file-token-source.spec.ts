import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import {
  FileTokenSource,
  makeFolderOwnerOnly,
  type FolderFileSystem,
} from './file-token-source.js';
import type { TwitchToken } from './twitch-token.js';

const token: TwitchToken = {
  accessToken: 'access',
  refreshToken: 'refresh',
  scope: [],
  expiresIn: null,
  obtainmentTimestamp: 0,
};

const modeOf = (path: string) => statSync(path).mode & 0o7777;

const onPosix = process.platform === 'win32' ? describe.skip : describe;

onPosix('the token file’s folder', () => {
  let root: string;
  let warnings: string[];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'twitch-realtime-token-'));
    warnings = [];
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const source = (tokenFile: string) =>
    new FileTokenSource(loadConfig({ TOKEN_FILE: tokenFile }, null));

  it('is tightened to 0700 when it already exists wider; the file stays 0600', async () => {
    const folder = join(root, 'data');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    const tokens = source(join(folder, 'twitch-token.json'));
    await tokens.save(token);
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(join(folder, 'twitch-token.json'))).toBe(0o600);
    expect(warnings).toEqual([]);
  });

  it('is tightened at start-up too, when the token is only read', async () => {
    const folder = join(root, 'data');
    mkdirSync(folder);
    await source(join(folder, 'twitch-token.json')).save(token);
    chmodSync(folder, 0o775);
    await expect(source(join(folder, 'twitch-token.json')).load()).resolves.toMatchObject({
      accessToken: 'access',
    });
    expect(modeOf(folder)).toBe(0o700);
  });

  it('is created 0700 when it does not exist yet', async () => {
    const folder = join(root, 'new', 'data');
    await source(join(folder, 'twitch-token.json')).save(token);
    expect(modeOf(folder)).toBe(0o700);
  });

  it('is left alone when it is a shared folder like /tmp, with one warning that says what to do', async () => {
    const shared = join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const tokens = source(join(shared, 'twitch-token.json'));
    await tokens.save(token);
    await tokens.save(token);
    await tokens.load();
    expect(modeOf(shared)).toBe(0o1777);
    expect(modeOf(join(shared, 'twitch-token.json'))).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(shared);
    expect(warnings[0]).toContain('TOKEN_FILE=data/twitch-token.json');
  });
});

describe('makeFolderOwnerOnly', () => {
  it('reports a chmod that fails, with the mode it found, so the caller can say how to fix it', async () => {
    const refused = Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    const result = await makeFolderOwnerOnly('/srv/stream/data', {
      stat: () => Promise.resolve({ mode: 0o40755 }),
      chmod: () => Promise.reject(refused),
    });
    expect(result).toEqual({ kind: 'failed', mode: 0o755, reason: 'EPERM' });
  });

  it('does nothing to a folder that is already owner-only, or that is missing', async () => {
    const chmod = jest.fn(() => Promise.resolve());
    await expect(
      makeFolderOwnerOnly('/srv/stream/data', {
        stat: () => Promise.resolve({ mode: 0o40700 }),
        chmod,
      }),
    ).resolves.toEqual({ kind: 'private' });
    const missing = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    await expect(
      makeFolderOwnerOnly('/srv/stream/data', { stat: () => Promise.reject(missing), chmod }),
    ).resolves.toEqual({ kind: 'missing' });
    expect(chmod).not.toHaveBeenCalled();
  });
});

describe('FileTokenSource when the folder cannot be tightened', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('warns once, naming the folder and the command that fixes it', async () => {
    const warnings: string[] = [];
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warnings.push(String(message)));
    const folder = mkdtempSync(join(tmpdir(), 'twitch-realtime-token-'));
    chmodSync(folder, 0o755);
    const refused = Object.assign(new Error('EPERM'), { code: 'EPERM' });
    class RefusedChmodTokenSource extends FileTokenSource {
      protected override readonly folderFileSystem: FolderFileSystem = {
        stat: (path) => Promise.resolve(statSync(path)),
        chmod: () => Promise.reject(refused),
      };
    }
    const tokens = new RefusedChmodTokenSource(
      loadConfig({ TOKEN_FILE: join(folder, 'twitch-token.json') }, null),
    );
    await tokens.save(token);
    await tokens.save(token);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`chmod 700 ${folder}`);
    expect(warnings[0]).toContain('755');
  });
});
