import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder of the SSE messages' JSON Schemas, generated from sse-contract.ts by
 * `npm run docs:schemas` (scripts/json-schemas.mjs). It sits beside this module both in `src/` and
 * in `dist/` (nest-cli copies it there as an asset).
 */
export const SSE_SCHEMA_DIR = join(import.meta.dirname, 'schemas');

/** A JSON Schema (2020-12), as generated. */
export type JsonSchema = Record<string, unknown>;

/** The schema of every SSE message, by its published name (`stats`, `event.channel.follow`, …). */
export function loadSseMessageSchemas(): ReadonlyMap<string, JsonSchema> {
  const files = readdirSync(SSE_SCHEMA_DIR).filter((file) => file.endsWith('.json'));
  return new Map(
    files
      .sort()
      .map((file) => [
        file.slice(0, -'.json'.length),
        JSON.parse(readFileSync(join(SSE_SCHEMA_DIR, file), 'utf8')) as JsonSchema,
      ]),
  );
}

/** The TypeScript name of the message a schema file describes (its root `$ref` into `$defs`). */
export function rootTypeOf(schema: JsonSchema): string {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) {
    throw new Error(`A generated SSE schema should start with a $ref into its $defs; got ${ref}`);
  }
  return decodeURIComponent(ref.slice('#/$defs/'.length));
}

/** The name of the schema a message is described by, one event type or status component each. */
export function sseSchemaNameOf(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, event, data } = message as { type?: unknown; event?: unknown; data?: unknown };
  switch (type) {
    case 'stats':
    case 'control':
    case 'labels':
    case 'subathon':
    case 'credits':
      return type;
    case 'event':
      return typeof event === 'string' ? `event.${event}` : undefined;
    case 'status': {
      if (typeof data !== 'object' || data === null) return undefined;
      if ('replay' in data) return 'status.replay-incomplete';
      const [component] = Object.keys(data);
      return component === undefined ? undefined : `status.${component}`;
    }
    default:
      return undefined;
  }
}
