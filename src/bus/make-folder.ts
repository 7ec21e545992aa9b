import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `path` and any missing parents (owner-only), one level at a time, and fails with ENOTDIR
 * when a file stands where a folder should be. Node's own `mkdirSync(…, { recursive: true })`
 * never returns where the system answers ENOENT for a folder whose parent exists (under /proc,
 * say): it retries for ever. Here each level fails as it is.
 */
export function makeFolder(path: string, mode = 0o700): void {
  const missing: string[] = [];
  let level = path;
  for (;;) {
    const found = statSync(level, { throwIfNoEntry: false });
    if (found?.isDirectory()) break;
    if (found) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, '${level}'`), {
        code: 'ENOTDIR',
        path: level,
      });
    }
    missing.unshift(level);
    if (dirname(level) === level) break;
    level = dirname(level);
  }
  for (const folder of missing) mkdirSync(folder, { mode });
}
