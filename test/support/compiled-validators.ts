import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { JsonSchema } from '../../src/contract/sse-contract-schemas.js';

/**
 * Where compiled validators are kept between test files. Compiling the contract's schemas takes
 * about two seconds of CPU, and every end-to-end test file needs them (Jest gives each file fresh
 * modules, so nothing compiled in memory outlives a file).
 */
const CACHE_DIR = resolve(import.meta.dirname, '../../node_modules/.cache/sse-contract-validators');

const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;
const FORMATS = ['date-time'] as const;

const require = createRequire(import.meta.url);
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** What this test file loaded already, by cache key. */
const loaded = new Map<string, Record<string, ValidateFunction>>();

/**
 * An Ajv 2020-12 validator for each schema, compiled as `new Ajv2020(AJV_OPTIONS).compile(schema)`
 * would, but read from the disk cache when these exact schemas were compiled before (the cache key
 * is their content, the options and Ajv's version, so a changed schema compiles afresh).
 */
export function compiledValidators(
  schemas: ReadonlyMap<string, JsonSchema>,
): Map<string, ValidateFunction> {
  const entries = [...schemas];
  const key = createHash('sha256')
    .update(JSON.stringify([AJV_VERSION, AJV_OPTIONS, FORMATS, entries]))
    .digest('hex')
    .slice(0, 32);
  let validators = loaded.get(key);
  if (!validators) {
    validators = load(key, entries);
    loaded.set(key, validators);
  }
  return new Map(entries.map(([name], index) => [name, validators[exportName(index)]!]));
}

/** The validators of the module cached under `key`, generated first if it is not there. */
function load(key: string, entries: [string, JsonSchema][]): Record<string, ValidateFunction> {
  const file = join(CACHE_DIR, `${key}.cjs`);
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    code = standaloneValidators(entries.map(([, schema]) => schema));
    mkdirSync(CACHE_DIR, { recursive: true });
    pruneOldEntries();
    // Written aside, then renamed: a test file in another worker reads all of it or none.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  const module = { exports: {} as Record<string, ValidateFunction> };
  // The generated module needs only Ajv's runtime helpers and ajv-formats' formats.
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  return module.exports;
}

/** The source of a CommonJS module exporting a validator per schema, `v0`, `v1`, … */
function standaloneValidators(schemas: JsonSchema[]): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  formatsPlugin.default(ajv, [...FORMATS]);
  schemas.forEach((schema, index) => ajv.addSchema(schema, exportName(index)));
  return standaloneCode.default(
    ajv,
    Object.fromEntries(schemas.map((_, index) => [exportName(index), exportName(index)])),
  );
}

const exportName = (index: number) => `v${index}`;

/** Drops what older schemas left (a few MB each); one still in use is only compiled again. */
function pruneOldEntries(): void {
  const weekAgo = Date.now() - 7 * 24 * 3600_000;
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    try {
      if (statSync(path).mtimeMs < weekAgo) rmSync(path, { force: true });
    } catch {
      // Removed by another test file meanwhile.
    }
  }
}
