import { FALLBACK_OPEN_FILES, openFileLimit } from './open-file-limit.js';

const limits = (openFiles: string) =>
  [
    'Limit                     Soft Limit           Hard Limit           Units     ',
    'Max processes             63432                63432                processes ',
    `Max open files            ${openFiles.padEnd(21)}524288               files     `,
  ].join('\n');

describe('openFileLimit', () => {
  it('reads the soft limit on open files from /proc/self/limits', () => {
    expect(openFileLimit(() => limits('1024'))).toEqual({ files: 1024, source: 'proc' });
  });

  it('takes "unlimited" as a very large number', () => {
    expect(openFileLimit(() => limits('unlimited')).files).toBe(Number.MAX_SAFE_INTEGER);
  });

  it(`assumes ${FALLBACK_OPEN_FILES} where the limits cannot be read (not Linux)`, () => {
    const missing = () => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    };
    expect(openFileLimit(missing)).toEqual({ files: FALLBACK_OPEN_FILES, source: 'fallback' });
    expect(openFileLimit(() => 'nothing useful')).toEqual({
      files: FALLBACK_OPEN_FILES,
      source: 'fallback',
    });
  });

  it('reads this process’s own limit on Linux', () => {
    if (process.platform !== 'linux') return;
    expect(openFileLimit().source).toBe('proc');
  });
});
