import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventSubReceiving } from './eventsub-health.js';
import { eventually } from './eventually.js';

const root = resolve(import.meta.dirname, '../..');

/** Builds `dist/` if it is missing or older than `src/` (what `npm start` does first). */
export function buildIfNeeded(): void {
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 300_000,
  });
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
