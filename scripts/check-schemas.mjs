// Fails when the JSON Schemas in the repository are not what the TypeScript types give (see
// scripts/json-schemas.mjs): run `npm run docs:schemas` after changing the types. It runs the
// TypeScript compiler over the contract (about 12 CPU-seconds), so it is part of `npm run lint`
// (which CI runs) rather than of every `npm test`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchemaFiles, SSE_SCHEMA_DIR } from './json-schemas.mjs';

const root = join(import.meta.dirname, '..');
const files = await renderSchemaFiles(root);
const stale = [...files]
  .filter(
    ([path, text]) =>
      !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== text,
  )
  .map(([path]) => path);
// A schema of a message the contract no longer has.
const extra = readdirSync(join(root, SSE_SCHEMA_DIR))
  .map((name) => join(SSE_SCHEMA_DIR, name))
  .filter((path) => !files.has(path));
if (stale.length > 0 || extra.length > 0) {
  for (const path of stale) console.error(`Not what the types give: ${path}`);
  for (const path of extra) console.error(`No longer in the contract: ${path}`);
  console.error('The JSON Schemas are out of date: run `npm run docs:schemas`.');
  process.exitCode = 1;
} else {
  console.log(`The ${files.size} JSON Schemas are what the TypeScript types give.`);
}
