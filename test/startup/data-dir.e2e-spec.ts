import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded, exited, spawnService } from '../support/built-service.js';

/** Mounts a small tmpfs at a new folder (root only); null where this machine does not allow it. */
function tmpfs(options: string): string | null {
  const folder = mkdtempSync(join(tmpdir(), 'twitch-realtime-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder], { stdio: 'pipe' });
    return folder;
  } catch {
    return null;
  }
}

const mounted: string[] = [];
const probe = tmpfs('size=16k');
if (probe) mounted.push(probe);
/** Tests of a full or read-only disk need `mount` (root with CAP_SYS_ADMIN); elsewhere they skip. */
const withMount = probe ? it : it.skip;

describe('starting with a DATA_DIR that cannot be used', () => {
  beforeAll(() => buildIfNeeded(), 300_000);

  afterAll(() => {
    for (const folder of mounted) execFileSync('umount', ['-l', folder], { stdio: 'pipe' });
  });

  /** Starts the built service on `dataDir`; resolves to its exit code and what it printed. */
  async function startOn(dataDir: string) {
    const child = spawnService({
      DATA_DIR: dataDir,
      PORT: '0',
      SIMULATOR_PORT: '0',
      DEMO_ACTIVITY: 'false',
    });
    const code = await exited(child);
    const { stdout, stderr } = child.output();
    return { code, stdout, stderr };
  }

  /** Exit 1, and the one line on stderr: the path, why, and the fix; no stack, nothing twice. */
  function expectOneLine(
    run: { code: unknown; stdout: string; stderr: string },
    line: string | RegExp,
  ) {
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(run.stdout).not.toMatch(/Error|ERROR|\n\s+at /);
  }

  it('names DATA_DIR when it is a file, not a folder', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'twitch-realtime-data-')), 'notes.txt');
    writeFileSync(file, 'not a folder');
    expectOneLine(
      await startOn(file),
      `Configuration error: DATA_DIR=${file}: a file stands where a folder should be (ENOTDIR): point DATA_DIR at a folder (it is created if missing), or move that file away.`,
    );
    expectOneLine(
      await startOn(join(file, 'data')),
      `Configuration error: DATA_DIR=${file}/data: a file stands where a folder should be (ENOTDIR): point DATA_DIR at a folder (it is created if missing), or move that file away.`,
    );
  }, 60_000);

  it('names DATA_DIR when its folder cannot be created (under /proc), rather than hang', async () => {
    expectOneLine(
      await startOn('/proc/twitch-realtime/data'),
      'Configuration error: DATA_DIR=/proc/twitch-realtime/data (/proc/twitch-realtime): the folder cannot be created there (ENOENT): point DATA_DIR at a folder on an ordinary disk (it is created if missing).',
    );
  }, 60_000);

  withMount(
    'says the disk is full (SQLITE_FULL), and how to fix it',
    async () => {
      const disk = probe!;
      try {
        writeFileSync(join(disk, 'everything'), Buffer.alloc(64 * 1024));
      } catch {
        // ENOSPC: the disk is as full as it gets.
      }
      expectOneLine(
        await startOn(disk),
        `Configuration error: DATA_DIR=${disk}: the disk is full (SQLITE_FULL): free some space, or point DATA_DIR at another disk.`,
      );
    },
    60_000,
  );

  withMount(
    'says the disk is read-only (EROFS) when the log is there already',
    async () => {
      const disk = tmpfs('size=1m')!;
      mounted.push(disk);
      writeFileSync(join(disk, 'demo-events.db'), ''); // an empty file is an empty SQLite database
      execFileSync('mount', ['-o', 'remount,ro', disk], { stdio: 'pipe' });
      expectOneLine(
        await startOn(disk),
        `Configuration error: DATA_DIR=${disk} (${disk}/demo-events.db): the disk is read-only (EROFS): point DATA_DIR at a folder on a writable disk.`,
      );
    },
    60_000,
  );

  withMount(
    'says the log cannot be written there when a read-only disk has none yet',
    async () => {
      const disk = tmpfs('size=1m,ro')!;
      mounted.push(disk);
      expectOneLine(
        await startOn(disk),
        /^Configuration error: DATA_DIR=.*: the event log cannot be written there \(SQLITE_CANTOPEN\): check that the folder is writable by the user running the service/,
      );
    },
    60_000,
  );
});
