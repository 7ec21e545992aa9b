// Builds the service into dist/: every src/**/*.ts (not the specs, not declarations) compiled by
// swc with the options the tests run them with (.swcrc: decorators and their metadata, ES modules),
// plus the files served or read as they are (the widgets' HTML, CSS and JavaScript, the JSON
// schemas). swc only strips the types, so a build takes about a second where `nest build` (tsc)
// took most of a first `npm start`; `npm run typecheck` is what checks the types (CI runs it).
// `npm run start:dev` still watches through `nest start` (tsc, nest-cli.json).
import { transformFile } from '@swc/core';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const SOURCE = 'src';
const OUT = 'dist';

/** Served or read at run time as they are (what nest-cli.json's `assets` copies for `nest start`). */
const isAsset = (path) =>
  (path.startsWith(join(SOURCE, 'widgets/public/')) && /\.(html|css|js)$/.test(path)) ||
  (path.startsWith(join(SOURCE, 'contract/schemas/')) && path.endsWith('.json')) ||
  path === join(SOURCE, 'api-docs/api-schemas.json');

const isSource = (path) =>
  path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts');

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const swcrc = JSON.parse(readFileSync('.swcrc', 'utf8'));
// Maps beside the code, as tsc wrote them, rather than inline (the tests' choice).
const options = { ...swcrc, $schema: undefined, swcrc: false, sourceMaps: true };

rmSync(OUT, { recursive: true, force: true });
const files = filesUnder(SOURCE);
await Promise.all(
  files.filter(isSource).map(async (path) => {
    const target = join(OUT, relative(SOURCE, path)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(path, { ...options, filename: path });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
for (const path of files.filter(isAsset)) {
  cpSync(path, join(OUT, relative(SOURCE, path)));
}
