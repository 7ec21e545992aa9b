// Writes the JSON Schemas generated from the TypeScript types (see scripts/json-schemas.mjs):
// src/contract/schemas/*.json (the SSE messages) and src/api-docs/api-schemas.json (the HTTP API).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchemaFiles, SSE_SCHEMA_DIR } from './json-schemas.mjs';

const root = join(import.meta.dirname, '..');
const files = await renderSchemaFiles(root);
mkdirSync(join(root, SSE_SCHEMA_DIR), { recursive: true });
// A message type that is gone from the contract takes its schema with it.
for (const name of readdirSync(join(root, SSE_SCHEMA_DIR))) {
  if (!files.has(join(SSE_SCHEMA_DIR, name))) rmSync(join(root, SSE_SCHEMA_DIR, name));
}
for (const [path, text] of files) writeFileSync(join(root, path), text);
console.log(`Wrote ${files.size} schemas: ${SSE_SCHEMA_DIR}/*.json and the API's.`);
