import { dataDirError } from './data-dir-error.js';

const failure = (code: string, path?: string) => Object.assign(new Error(code), { code, path });

describe('a DATA_DIR that cannot be used, in one line', () => {
  it('names the path, why (with the code) and the fix', () => {
    expect(dataDirError(failure('SQLITE_FULL'), '/x')?.message).toBe(
      'DATA_DIR=/x: the disk is full (SQLITE_FULL): free some space, or point DATA_DIR at another disk.',
    );
    expect(dataDirError(failure('EROFS', '/x/events.db'), '/x')?.message).toBe(
      'DATA_DIR=/x (/x/events.db): the disk is read-only (EROFS): point DATA_DIR at a folder on a writable disk.',
    );
    expect(dataDirError(failure('EACCES', '/x'), '/x')?.message).toMatch(
      /^DATA_DIR=\/x: the service may not write there \(EACCES\): make it writable/,
    );
  });

  it("reads SQLite's extended I/O and read-only codes", () => {
    expect(dataDirError(failure('SQLITE_IOERR_LOCK'), '/x')?.message).toMatch(
      /^DATA_DIR=\/x: the event log cannot be written there \(SQLITE_IOERR_LOCK\): check that the folder is writable .* on a local disk/,
    );
    expect(dataDirError(failure('SQLITE_READONLY_DBMOVED'), '/x')?.message).toMatch(
      /^DATA_DIR=\/x: the event log is read-only \(SQLITE_READONLY_DBMOVED\)/,
    );
    expect(dataDirError(failure('ENOSPC'), '/x')?.variable).toBe('DATA_DIR');
  });

  it('leaves other errors as they are', () => {
    expect(dataDirError(new Error('a bug'), '/x')).toBeNull();
    expect(dataDirError(failure('SQLITE_MISMATCH'), '/x')).toBeNull();
  });
});
