import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventSubReceiving } from './eventsub-health.js';
import { eventually } from './eventually.js';

const root = resolve(import.meta.dirname, '../..');

/** Held while one test process builds; Jest's other workers wait for it rather than build too. */
const BUILD_LOCK = join(root, 'node_modules/.cache/twitch-realtime-build.lock');

/**
 * How long a suite's set-up may take to build (or wait for another worker's build): a hook of its
 * own with this limit, so a build on a loaded machine never eats the time of the set-up after it.
 */
export const BUILD_TIMEOUT_MS = 600_000;

/**
 * Builds `dist/` if it is missing or older than `src/` (what `npm start` does first). Test files
 * run in parallel workers: one builds while the others wait, then find the build up to date,
 * so no file starts `dist/main.js` while another rewrites it.
 */
export function buildIfNeeded(): void {
  const release = takeLock(BUILD_LOCK, 300_000);
  try {
    execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], {
      cwd: root,
      stdio: 'pipe',
      timeout: 300_000,
    });
  } finally {
    release();
  }
}

/**
 * Takes the lock file at `path` (it holds the owner's pid), waiting while a live process holds it,
 * and returns its release. A lock left by a process that died is taken over.
 */
function takeLock(path: string, timeoutMs: number): () => void {
  mkdirSync(join(path, '..'), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!ownerAlive(path)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${path} still held after ${timeoutMs} ms`);
    // The callers are synchronous (a build is a blocking step of a suite's set-up).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

/**
 * Whether the process named in the lock file still runs. An empty file is being written, unless
 * its writer died in between (it is then some seconds old).
 */
function ownerAlive(path: string): boolean {
  let pid: number;
  let writtenAt: number;
  try {
    pid = Number(readFileSync(path, 'utf8'));
    writtenAt = statSync(path).mtimeMs;
  } catch {
    return true; // released meanwhile: try again
  }
  if (!pid) return Date.now() - writtenAt < 10_000;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The output and exit of a finished process. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the built service (`node dist/main.js`) in an empty working directory, so no developer's
 * `.env` is read, with exactly `env` (plus PATH).
 */
export function spawnService(
  env: Record<string, string>,
): ChildProcess & { output: () => Finished } {
  const cwd = mkdtempSync(join(tmpdir(), 'twitch-realtime-run-'));
  const child = spawn(process.execPath, [join(root, 'dist/main.js')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return Object.assign(child, { output: () => ({ code: child.exitCode, stdout, stderr }) });
}

/** Resolves when the process ends: its exit code, or the signal that ended it. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolvePromise) =>
    child.once('exit', (code, signal) => resolvePromise(code ?? signal)),
  );
}

/**
 * Resolves once the spawned service at `baseUrl` receives from EventSub (connected, every
 * subscription enabled); fails at once, with what it printed, if it exits first.
 */
export function untilSpawnedReceiving(
  child: ChildProcess & { output: () => Finished },
  baseUrl: string,
): Promise<void> {
  return eventually(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`the service stopped: ${JSON.stringify(child.output())}`);
      return eventSubReceiving({ baseUrl });
    },
    'the service up with EventSub subscribed',
    60_000,
  );
}
