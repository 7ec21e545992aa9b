import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from '../contract/sse-contract-schemas.js';

/**
 * The JSON Schemas of the HTTP API's request and answer bodies, generated from their TypeScript
 * types by `npm run docs:schemas` (scripts/json-schemas.mjs). Beside this module in `src/` and, as
 * an asset, in `dist/`.
 */
export const API_SCHEMA_FILE = join(import.meta.dirname, 'api-schemas.json');

let loaded: Readonly<Record<string, JsonSchema>> | undefined;

/** Every API body schema, by the name of its TypeScript type (`TestEventRequest`, …). */
export function apiSchemaDefinitions(): Readonly<Record<string, JsonSchema>> {
  loaded ??= (
    JSON.parse(readFileSync(API_SCHEMA_FILE, 'utf8')) as { $defs: Record<string, JsonSchema> }
  ).$defs;
  return loaded;
}
