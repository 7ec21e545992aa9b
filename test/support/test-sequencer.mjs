// Jest's test sequencer (see jest.config.js): Jest's own order, with one difference for the
// bundles of end-to-end cases.
//
// Jest runs the files that took longest last time first, so that no worker is left with a long
// file at the end. A file it has no time for (a clean clone: CI) it ranks by its size instead. A
// bundle (`all.e2e-spec.ts`) is a few import lines for cases that run ~10-30 s, so by its own size
// it went last, and a clean clone's run ended with one worker busy on it while the others idled.
// Here a bundle weighs what its case files weigh.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import jestSequencer from '@jest/test-sequencer';

const Sequencer = jestSequencer.default ?? jestSequencer;

/** `size`, plus the sizes of the case files when `path` is a bundle that imports them. */
function withCases(path, size) {
  if (basename(path) !== 'all.e2e-spec.ts') return size;
  const cases = readFileSync(path, 'utf8').matchAll(/^import '\.\/(.+\.cases)\.js';$/gm);
  return [...cases].reduce(
    (sum, [, name]) => sum + statSync(join(dirname(path), `${name}.ts`)).size,
    size,
  );
}

export default class BundleAwareSequencer extends Sequencer {
  sort(tests) {
    // Jest's sort reads sizes through each context's file map: weigh bundles there while it sorts.
    const fileMaps = new Set(tests.map((test) => test.context.hasteFS));
    for (const fileMap of fileMaps) {
      const getSize = fileMap.getSize;
      fileMap.getSize = (path) => withCases(path, getSize.call(fileMap, path) ?? 0);
    }
    try {
      return super.sort(tests);
    } finally {
      for (const fileMap of fileMaps) delete fileMap.getSize;
    }
  }
}
