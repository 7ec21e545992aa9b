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
 * about two seconds of CPU, and every end-to-end test file needs some of them (Jest gives each file
 * fresh modules, so nothing compiled in memory outlives a file).
 */
const CACHE_DIR = resolve(import.meta.dirname, '../../node_modules/.cache/sse-contract-validators');

const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;
const FORMATS = ['date-time'] as const;

const require = createRequire(import.meta.url);
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** What this test file loaded already, by cache key. */
const loaded = new Map<string, ValidateFunction>();

/**
 * Ajv 2020-12 validators of named schemas, each compiled as `new Ajv2020(AJV_OPTIONS)` would, on
 * first use: a test file needs the validators of the few messages it sees, not of every one.
 */
export class CompiledValidators {
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly schemas: ReadonlyMap<string, JsonSchema>) {}

  /** The validator of the schema named `name`; undefined if there is no such schema. */
  get(name: string): ValidateFunction | undefined {
    let validate = this.compiled.get(name);
    if (validate) return validate;
    const schema = this.schemas.get(name);
    if (!schema) return undefined;
    validate = compiledValidator(schema);
    this.compiled.set(name, validate);
    return validate;
  }
}

/**
 * The validator of `schema`, read from the disk cache when this exact schema was compiled before
 * (the key is its content, the options and Ajv's version, so a changed schema compiles afresh).
 */
function compiledValidator(schema: JsonSchema): ValidateFunction {
  const key = createHash('sha256')
    .update(JSON.stringify([AJV_VERSION, AJV_OPTIONS, FORMATS, schema]))
    .digest('hex')
    .slice(0, 32);
  let validate = loaded.get(key);
  if (!validate) {
    validate = evaluate(cachedCode(key, schema));
    loaded.set(key, validate);
  }
  return validate;
}

/** The source of the validator cached under `key`, generated and cached first if it is not there. */
function cachedCode(key: string, schema: JsonSchema): string {
  const file = join(CACHE_DIR, `${key}.cjs`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
    formatsPlugin.default(ajv, [...FORMATS]);
    const code = standaloneCode.default(ajv, ajv.compile(schema));
    mkdirSync(CACHE_DIR, { recursive: true });
    pruneOldEntries();
    // Written aside, then renamed: a test file in another worker reads all of it or none.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    return code;
  }
}

/** Runs a generated CommonJS module: it needs only Ajv's runtime helpers and ajv-formats' formats. */
function evaluate(code: string): ValidateFunction {
  const module = { exports: {} as ValidateFunction };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  return module.exports;
}

/** Drops what older schemas left; one still in use is only compiled again. */
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
