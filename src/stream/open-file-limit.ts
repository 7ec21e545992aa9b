import { readFileSync } from 'node:fs';

/** What `openFileLimit` found: the soft limit on open descriptors, and where it came from. */
export interface OpenFileLimit {
  readonly files: number;
  /** `/proc/self/limits`, or the fallback when that cannot be read (not Linux). */
  readonly source: 'proc' | 'fallback';
}

/**
 * The limit assumed where the process's own cannot be read: the usual default of Linux shells,
 * low enough that the SSE cap below it is safe on most systems.
 */
export const FALLBACK_OPEN_FILES = 1024;

/**
 * The process's limit on open files (`ulimit -n`, the soft limit), read from `/proc/self/limits`:
 * Node has no API for it, and it is read in the process itself because Node raises its soft limit
 * to the hard one at start. `unlimited` is taken as a very large number; anything unreadable gives
 * `FALLBACK_OPEN_FILES`.
 */
export function openFileLimit(
  readLimits: () => string = () => readFileSync('/proc/self/limits', 'utf8'),
): OpenFileLimit {
  let text: string;
  try {
    text = readLimits();
  } catch {
    return { files: FALLBACK_OPEN_FILES, source: 'fallback' };
  }
  const soft = /^Max open files\s+(\d+|unlimited)\s/m.exec(text)?.[1];
  if (soft === undefined) return { files: FALLBACK_OPEN_FILES, source: 'fallback' };
  return { files: soft === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(soft), source: 'proc' };
}
