import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** test/: where the `*.cases.ts` files of the bundled end-to-end cases are. */
const TEST_DIR = resolve(import.meta.dirname, '..');

/** Every `*.cases.ts` under test/, relative to it. */
function caseFiles(): string[] {
  return readdirSync(TEST_DIR, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.cases.ts'))
    .sort();
}

describe('the bundled end-to-end cases (`*.cases.ts`)', () => {
  it('are each imported by the all.e2e-spec.ts of their folder, which Jest runs', () => {
    const files = caseFiles();
    expect(files.length).toBeGreaterThan(0);
    const missing = files.filter((file) => {
      const bundle = join(TEST_DIR, dirname(file), 'all.e2e-spec.ts');
      const imports = existsSync(bundle) ? readFileSync(bundle, 'utf8') : '';
      return !imports.includes(`import './${basename(file, '.ts')}.js';`);
    });
    // A case file no bundle imports would never run, and nothing would say so.
    expect(missing).toEqual([]);
  });
});
