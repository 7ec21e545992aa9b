import {
  loadSseMessageSchemas,
  rootTypeOf,
  type JsonSchema,
} from '../contract/sse-contract-schemas.js';
import { apiSchemaDefinitions } from './api-schemas.js';

/** Where a published SSE message schema is served. */
export function sseSchemaPath(name: string): string {
  return `/api/schemas/${name}.json`;
}

/**
 * The OpenAPI document's `components.schemas`: every schema generated from the TypeScript types —
 * the API's bodies and every SSE message's definitions — under their TypeScript names, with
 * `$defs` references turned into `components` ones. Each SSE message links its standalone schema.
 */
export function openApiComponentSchemas(): Record<string, JsonSchema> {
  const all: Record<string, JsonSchema> = {};
  const add = (name: string, schema: JsonSchema, from: string): void => {
    const existing = all[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) {
      throw new Error(
        `Two generated schemas named ${name} differ (${from}); run npm run docs:schemas.`,
      );
    }
    all[name] = schema;
  };
  for (const [name, schema] of Object.entries(apiSchemaDefinitions())) add(name, schema, 'API');
  const messages = new Map<string, string>();
  for (const [file, schema] of loadSseMessageSchemas()) {
    for (const [name, definition] of Object.entries(schema.$defs as Record<string, JsonSchema>)) {
      add(name, definition, `${file}.json`);
    }
    messages.set(rootTypeOf(schema), file);
  }
  const components: Record<string, JsonSchema> = {};
  for (const name of Object.keys(all).sort()) {
    const schema = toComponentRefs(all[name]) as JsonSchema;
    const file = messages.get(name);
    components[name] = file
      ? {
          ...schema,
          externalDocs: {
            description: `This message's standalone JSON Schema`,
            url: sseSchemaPath(file),
          },
        }
      : schema;
  }
  return components;
}

function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/')
        ? `#/components/schemas/${item.slice('#/$defs/'.length)}`
        : toComponentRefs(item),
    ]),
  );
}
