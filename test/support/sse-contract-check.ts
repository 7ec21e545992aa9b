import type { INestApplication } from '@nestjs/common';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { EventBus } from '../../src/bus/event-bus.js';
import type { PublishedMessage } from '../../src/bus/published-message.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import {
  loadSseMessageSchemas,
  rootTypeOf,
  sseSchemaNameOf,
  type JsonSchema,
} from '../../src/contract/sse-contract-schemas.js';
import { CompiledValidators } from './compiled-validators.js';

/** An SSE message that its JSON Schema refuses: the schemas and the code disagree. */
export class SseContractViolation extends Error {
  override readonly name = 'SseContractViolation';
}

/**
 * Checks every SSE message the end-to-end tests see against the JSON Schemas generated from the
 * contract (src/contract/schemas/), so the published schemas cannot drift from what the server
 * sends. Stricter than the published schemas in one way: an object the contract owns may carry no
 * field the contract does not declare (clients must accept added fields, but the server must
 * declare them first). Twitch's event objects stay open, as Twitch adds fields.
 *
 * Messages a test made up and published into the bus itself (through `app.get(EventBus)`, see
 * `recordTestPublishedMessages`) are fixtures: their event objects may leave out Twitch's fields
 * (`{ user_login: 'ann' }` for a follow), but what is there must have the right type.
 */
export class SseContractCheck {
  private static instance: SseContractCheck | undefined;

  private readonly strict: CompiledValidators;
  private readonly fixture: CompiledValidators;
  /** Ids of messages that tests published into the bus themselves, as the stream writes them. */
  private readonly fixtureIds = new Set<string>();

  /** The one check of this test file. */
  static get shared(): SseContractCheck {
    SseContractCheck.instance ??= new SseContractCheck(loadSseMessageSchemas());
    return SseContractCheck.instance;
  }

  constructor(schemas: ReadonlyMap<string, JsonSchema>) {
    const twitchEventObjects = twitchEventObjectNames(schemas);
    const strict = new Map<string, JsonSchema>();
    const fixture = new Map<string, JsonSchema>();
    for (const [name, schema] of schemas) {
      const closed = closeContractObjects(schema, twitchEventObjects);
      strict.set(name, closed);
      fixture.set(name, dropRequired(closed, twitchEventObjects));
    }
    // Compiled when a message of theirs first comes by (most files see only a few kinds).
    this.strict = new CompiledValidators(strict);
    this.fixture = new CompiledValidators(fixture);
  }

  /** Notes that the message with this id was made up by a test (see the class comment). */
  markFixture(id: number | string): void {
    this.fixtureIds.add(String(id));
  }

  /**
   * Throws `SseContractViolation` unless `json` (one `data:` line, parsed) is a message the
   * contract describes and matches its schema; `id` is the message's `id:` line.
   */
  check(json: unknown, id: string | undefined): void {
    const name = sseSchemaNameOf(json);
    const fixture = this.isFixture(json, id);
    const validators = fixture ? this.fixture : this.strict;
    const specific = name === undefined ? undefined : validators.get(name);
    if (!specific) {
      throw new SseContractViolation(
        `SSE message ${id ?? '(no id)'} is not a message the contract describes (no schema ${name ?? 'for it'} in src/contract/schemas/): ${preview(json)}`,
      );
    }
    for (const [schemaName, validate] of [
      [name as string, specific],
      ['stream-message', validators.get('stream-message') as ValidateFunction],
    ] as const) {
      if (validate(json)) continue;
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map((error) => `  ${error.instancePath || '(the message)'} ${error.message ?? ''}`)
        .join('\n');
      throw new SseContractViolation(
        [
          `SSE message ${id ?? '(no id)'} does not match src/contract/schemas/${schemaName}.json${fixture ? ' (as a test fixture)' : ''}:`,
          problems,
          `  message: ${preview(json)}`,
          'The schemas are generated from src/contract/sse-contract.ts: declare the field there and run `npm run docs:schemas`, or fix what the server sends.',
        ].join('\n'),
      );
    }
  }

  private isFixture(json: unknown, id: string | undefined): boolean {
    if (id !== undefined && this.fixtureIds.has(id)) return true;
    // A replay (the dashboard's Replay button) of a made-up event carries the made-up object.
    const replayOf = (json as { replayOf?: unknown }).replayOf;
    return replayOf !== undefined && this.fixtureIds.has(String(replayOf));
  }
}

/**
 * Makes `app.get(EventBus)` hand tests a bus whose `publish` marks what it publishes as a test's
 * fixture (the service itself keeps the real bus), and checks every message published on the bus
 * — also those only a browser receives. Returns the first violation seen, if any, when asked.
 */
export function checkPublishedMessages(
  app: INestApplication,
): () => SseContractViolation | undefined {
  const check = SseContractCheck.shared;
  const bus = app.get(EventBus);
  let publishingFixture = false;
  let violation: SseContractViolation | undefined;
  const subscription = bus.messages$.subscribe((published) => {
    if (publishingFixture) check.markFixture(published.id);
    try {
      check.check(JSON.parse(JSON.stringify(published.message)), String(published.id));
    } catch (error) {
      if (!(error instanceof SseContractViolation)) throw error;
      violation ??= error;
    }
  });
  const recording = new Proxy(bus, {
    get(target, property) {
      if (property === 'publish') {
        return (message: StreamMessage): PublishedMessage => {
          publishingFixture = true;
          try {
            return target.publish(message);
          } finally {
            publishingFixture = false;
          }
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const get = app.get.bind(app);
  app.get = ((token: unknown, options?: unknown) =>
    token === EventBus
      ? recording
      : (get as (...args: unknown[]) => unknown)(token, options)) as typeof app.get;
  return () => {
    subscription.unsubscribe();
    return violation;
  };
}

/** The definitions that are Twitch's event objects: what `data` of each `event.*` schema is. */
function twitchEventObjectNames(schemas: ReadonlyMap<string, JsonSchema>): Set<string> {
  const names = new Set<string>();
  for (const [name, schema] of schemas) {
    if (!name.startsWith('event.')) continue;
    const defs = schema.$defs as Record<string, { properties?: { data?: { $ref?: string } } }>;
    const ref = defs[rootTypeOf(schema)]?.properties?.data?.$ref;
    if (ref?.startsWith('#/$defs/')) names.add(decodeURIComponent(ref.slice('#/$defs/'.length)));
  }
  return names;
}

/** A copy of `schema` where every object of the contract's own refuses undeclared fields. */
function closeContractObjects(schema: JsonSchema, open: Set<string>): JsonSchema {
  const close = (node: unknown, definition?: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => close(item));
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] =
        key === '$defs'
          ? Object.fromEntries(
              Object.entries(value as Record<string, unknown>).map(([name, def]) => [
                name,
                close(def, name),
              ]),
            )
          : close(value);
    }
    if ('properties' in copy && !('additionalProperties' in copy) && !open.has(definition ?? '')) {
      copy.additionalProperties = false;
    }
    return copy;
  };
  return close(schema) as JsonSchema;
}

/** A copy of `schema` where Twitch's event objects require nothing (for a test's fixtures). */
function dropRequired(schema: JsonSchema, twitchEventObjects: Set<string>): JsonSchema {
  const defs = schema.$defs as Record<string, Record<string, unknown>> | undefined;
  if (!defs) return schema;
  const relaxed = Object.fromEntries(
    Object.entries(defs).map(([name, def]) => {
      if (!twitchEventObjects.has(name)) return [name, def];
      const { required: _required, ...rest } = def;
      return [name, rest];
    }),
  );
  return { ...schema, $defs: relaxed };
}

function preview(json: unknown): string {
  const text = JSON.stringify(json) ?? String(json);
  return text.length > 600 ? `${text.slice(0, 597)}...` : text;
}
