import { BadRequestException } from '@nestjs/common';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { JsonSchema } from '../contract/sse-contract-schemas.js';
import { apiSchemaDefinitions } from './api-schemas.js';

/**
 * A request body checked against the JSON Schema generated from its TypeScript type — the schema
 * the OpenAPI document shows — so the docs and the validation cannot differ. A body that does not
 * match is a 400 whose message names the field, says what it may be, and what was sent:
 * `"data.bits" must be a whole number of at least 1; got -1.`
 */
export class RequestBodySchema<T> {
  private static ajv: Ajv2020 | undefined;
  private compiled: ValidateFunction<T> | undefined;
  private readonly definitions: Readonly<Record<string, JsonSchema>>;

  /** `typeName` is one of the API's types (scripts/json-schemas.mjs, `API_BODY_TYPES`). */
  constructor(private readonly typeName: string) {
    this.definitions = apiSchemaDefinitions();
    if (!this.definitions[typeName]) throw new Error(`No API schema named ${typeName}.`);
  }

  /** The body as `T`, or a `BadRequestException` saying what is wrong with it. */
  parse(body: unknown): T {
    const validate = this.validator();
    if (validate(body)) return body;
    const [error] = validate.errors ?? [];
    throw new BadRequestException(this.explain(body, error));
  }

  /**
   * Compiled on the first body, not when the module loads: compiling takes a few hundred
   * milliseconds of CPU, which a service (or an end-to-end test file) that never gets this body
   * need not pay.
   */
  private validator(): ValidateFunction<T> {
    this.compiled ??= RequestBodySchema.compiler().compile<T>({
      $ref: `#/$defs/${this.typeName}`,
      $defs: this.definitions,
    });
    return this.compiled;
  }

  private explain(body: unknown, error: ErrorObject | undefined): string {
    const path = error ? pathOf(error) : [];
    const root = this.resolve({ $ref: `#/$defs/${this.typeName}` });
    if (path.length === 0) {
      return `Send a JSON object${exampleOf(root)}; got ${describeValue(body)}.`;
    }
    const { schema, optional } = this.fieldSchema(root, path);
    // "when given" for an optional field of the body itself; the fields inside it go without.
    const field = `"${path.join('.')}"${optional && path.length === 1 ? ', when given,' : ''}`;
    return `${field} must be ${this.wanted(schema)}${exampleOf(schema)}; got ${describeValue(valueAt(body, path))}.`;
  }

  /** The schema of the field at `path`, and whether the field may be left out. */
  private fieldSchema(root: JsonSchema, path: string[]): { schema: JsonSchema; optional: boolean } {
    let schema = root;
    let optional = false;
    for (const key of path) {
      const parent = this.resolve(schema);
      const properties = (parent.properties ?? {}) as Record<string, JsonSchema>;
      const additional = parent.additionalProperties;
      const next =
        properties[key] ??
        (typeof additional === 'object' ? (additional as JsonSchema) : undefined) ??
        (parent.items as JsonSchema | undefined) ??
        {};
      optional = !((parent.required as string[] | undefined) ?? []).includes(key);
      // A `$ref` with annotations beside it (description, examples) keeps them.
      schema = { ...this.resolve(next), ...withoutRef(next) };
    }
    return { schema, optional };
  }

  /** What a schema allows, in words: "a whole number of at least 1 (or null)". */
  private wanted(schema: JsonSchema, inList = false): string {
    const resolved = { ...this.resolve(schema), ...withoutRef(schema) };
    if (Array.isArray(resolved.enum)) return `one of ${resolved.enum.map(showChoice).join(', ')}`;
    if ('const' in resolved) return showChoice(resolved.const);
    const branches = branchesOf(resolved);
    if (branches) {
      const nonNull = branches.filter((branch) => this.resolve(branch).type !== 'null');
      if (nonNull.length === 1 && branches.length === 2) {
        return `${this.wanted(nonNull[0] as JsonSchema, inList)} (or null)`;
      }
      return listOf(branches.map((branch) => this.wanted(branch, true)));
    }
    switch (resolved.type) {
      case 'integer':
        return `a whole number${bounds(resolved)}`;
      case 'number':
        return `a number${bounds(resolved)}`;
      case 'string':
        return 'a string';
      case 'boolean':
        return inList ? 'true/false' : 'true or false';
      case 'null':
        return 'null';
      case 'array':
        return 'a list';
      case 'object':
        return 'an object';
      default:
        return 'something else';
    }
  }

  private resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema;
    const target = this.definitions[decodeURIComponent(ref.slice('#/$defs/'.length))];
    return target ? this.resolve(target) : schema;
  }

  private static compiler(): Ajv2020 {
    if (!RequestBodySchema.ajv) {
      RequestBodySchema.ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
      formatsPlugin.default(RequestBodySchema.ajv);
    }
    return RequestBodySchema.ajv;
  }
}

/** The field an error is about, as a list of keys (a missing field's own name included). */
function pathOf(error: ErrorObject): string[] {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  return path;
}

function valueAt(body: unknown, path: string[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function withoutRef(schema: JsonSchema): JsonSchema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

/** The alternatives of `anyOf` or of a list of types, each with the bounds written beside them. */
function branchesOf(schema: JsonSchema): JsonSchema[] | undefined {
  const { anyOf, oneOf, type, minimum, maximum } = schema;
  const shared = {
    ...(minimum !== undefined ? { minimum } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
  };
  const list = (anyOf ?? oneOf) as JsonSchema[] | undefined;
  if (list) return list.map((branch) => ({ ...shared, ...branch }));
  if (Array.isArray(type)) return type.map((one: unknown) => ({ ...shared, type: one }));
  return undefined;
}

function bounds(schema: JsonSchema): string {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  if (minimum !== undefined && maximum !== undefined) return ` from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return ` of at least ${minimum}`;
  if (maximum !== undefined) return ` of at most ${maximum}`;
  return '';
}

/** "a, b or c" */
function listOf(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** A choice as written in a message: quoted when it would otherwise read as a number. */
function showChoice(value: unknown): string {
  if (typeof value === 'string') return /^-?\d/.test(value) ? `"${value}"` : value;
  return JSON.stringify(value);
}

function exampleOf(schema: JsonSchema): string {
  const [example] = (schema.examples as unknown[] | undefined) ?? [];
  return example === undefined ? '' : `, for example ${JSON.stringify(example)}`;
}

/** A short description of what was sent, never the whole of a large value. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
