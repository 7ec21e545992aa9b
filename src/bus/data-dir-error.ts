import { ConfigError } from '../config/config-error.js';

/** Why a folder or file cannot be used, and what the streamer can do about it. */
interface Diagnosis {
  readonly why: string;
  readonly fix: string;
}

const ELSEWHERE = 'or point DATA_DIR at another folder';

/** By error code (Node's `fs` and SQLite's extended codes), the few a streamer meets. */
const DIAGNOSES: Readonly<Record<string, Diagnosis>> = {
  SQLITE_FULL: {
    why: 'the disk is full',
    fix: 'free some space, or point DATA_DIR at another disk',
  },
  ENOSPC: { why: 'the disk is full', fix: 'free some space, or point DATA_DIR at another disk' },
  EROFS: {
    why: 'the disk is read-only',
    fix: 'point DATA_DIR at a folder on a writable disk',
  },
  SQLITE_READONLY: {
    why: 'the event log is read-only',
    fix: `make the folder and its files writable by the user running the service, ${ELSEWHERE}`,
  },
  EACCES: {
    why: 'the service may not write there',
    fix: `make it writable by the user running the service (chown or chmod), ${ELSEWHERE}`,
  },
  EPERM: {
    why: 'the service may not write there',
    fix: `make it writable by the user running the service (chown or chmod), ${ELSEWHERE}`,
  },
  ENOTDIR: {
    why: 'a file stands where a folder should be',
    fix: 'point DATA_DIR at a folder (it is created if missing), or move that file away',
  },
  EEXIST: {
    why: 'a file stands where a folder should be',
    fix: 'point DATA_DIR at a folder (it is created if missing), or move that file away',
  },
  EISDIR: {
    why: 'a folder stands where the event log file should be',
    fix: `move that folder away, ${ELSEWHERE}`,
  },
  ENOENT: {
    why: 'the folder cannot be created there',
    fix: 'point DATA_DIR at a folder on an ordinary disk (it is created if missing)',
  },
};

/** Any other I/O failure of SQLite (a lock it cannot take, a read-only or network file system). */
const SQLITE_IO: Diagnosis = {
  why: 'the event log cannot be written there',
  fix: `check that the folder is writable by the user running the service and on a local disk (SQLite does not work on network shares), ${ELSEWHERE}`,
};

/**
 * The start-up failure of the event log under DATA_DIR as one line a streamer can act on: which
 * path, why (with the system's code, for searching), and what to do. Null for an error that is
 * not about the folder or the disk (a bug, to be shown as it is).
 */
export function dataDirError(error: unknown, dataDir: string): ConfigError | null {
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string') return null;
  const diagnosis =
    DIAGNOSES[code] ??
    (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' ? SQLITE_IO : undefined) ??
    (code.startsWith('SQLITE_READONLY') ? DIAGNOSES.SQLITE_READONLY : undefined);
  if (!diagnosis) return null;
  const where = typeof path === 'string' && path !== dataDir ? ` (${path})` : '';
  return new ConfigError(
    'DATA_DIR',
    `DATA_DIR=${dataDir}${where}: ${diagnosis.why} (${code}): ${diagnosis.fix}.`,
  );
}
