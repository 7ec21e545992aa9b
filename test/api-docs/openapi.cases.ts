import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN_SCHEME } from '../../src/api-docs/schema-ref.js';
import { loadSseMessageSchemas, SSE_SCHEMA_DIR } from '../../src/contract/sse-contract-schemas.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

/**
 * Routes that are not part of the API: the docs' own, and `/widgets/` (the static widgets' index,
 * a 404 on purpose: see WidgetsModule).
 */
const NOT_THE_API = /^\/api\/(docs|openapi\.json)(\/|$)|^\/widgets\/$/;

/** Every route Express has, as `METHOD /openapi/{style}` (Nest's controllers and the docs'). */
function servedRoutes(service: TestApp): string[] {
  const express = service.app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map(
          (method) =>
            `${method.toUpperCase()} ${layer.route?.path.replace(/[:*](\w+)/g, '{$1}') ?? ''}`,
        )
      : [],
  );
}

function operations(document: Document): Array<[route: string, operation: Operation]> {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item ?? {})
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        operation as Operation,
      ]),
  );
}

describe('the OpenAPI document at /api/openapi.json', () => {
  let service: TestApp;
  let document: Document;

  beforeAll(async () => {
    service = await startTestApp();
    const response = await fetch(`${service.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await response.json()) as Document;
  });

  afterAll(async () => {
    await service.close();
  });

  it('is a valid OpenAPI 3.1 document (swagger-parser), every $ref resolved', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('describes every route the service serves, and only those (plus the widgets’ pages)', () => {
    const served = servedRoutes(service).filter(
      (route) => !NOT_THE_API.test(route.split(' ')[1] ?? ''),
    );
    const described = operations(document).map(([route]) => route);
    expect(described.sort()).toEqual(
      [
        ...served,
        'GET /widgets/alerts',
        'GET /widgets/goal',
        'GET /widgets/stats',
        'GET /widgets/label',
        'GET /widgets/events',
        'GET /widgets/subathon',
        'GET /widgets/hypetrain',
        'GET /widgets/poll',
        'GET /widgets/adbreak',
        'GET /widgets/credits',
        'GET /widgets/chat',
        'GET /widgets/overlay',
      ].sort(),
    );
    // The ones the issue names, so a renamed route cannot slip out of the docs unseen.
    expect(described).toEqual(
      expect.arrayContaining([
        'GET /api/twitch/stream',
        'GET /api/health',
        'GET /metrics',
        'GET /api/events',
        'GET /api/events/recent',
        'POST /api/admin/test-events',
        'POST /api/admin/alerts/pause',
        'POST /api/admin/alerts/resume',
        'POST /api/admin/alerts/skip',
        'POST /api/admin/events/{id}/replay',
        'POST /api/admin/twitch/device',
        'GET /auth/twitch',
        'GET /auth/twitch/callback',
        'GET /api/dashboard/settings',
      ]),
    );
  });

  it('gives each operation a unique id, a summary and its answers', () => {
    const all = operations(document);
    const ids = all.map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [route, operation] of all) {
      expect({ route, summary: operation.summary }).toEqual({ route, summary: expect.any(String) });
      expect({ route, tags: operation.tags }).toEqual({ route, tags: [expect.any(String)] });
      expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('puts the admin routes, and only those, behind the bearer ADMIN_TOKEN', () => {
    expect(document.components?.securitySchemes?.[ADMIN_TOKEN_SCHEME]).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const [route, operation] of operations(document)) {
      const admin = route.includes(' /api/admin/') || route === 'GET /auth/twitch';
      expect({ route, security: operation.security }).toEqual({
        route,
        security: admin ? [{ [ADMIN_TOKEN_SCHEME]: [] }, {}] : undefined,
      });
    }
  });

  it('describes the stream as text/event-stream, with its filters and both ways to resume', () => {
    const stream = document.paths?.['/api/twitch/stream']?.get as Operation;
    const parameters = (stream.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
    expect(parameters.map((p) => `${p.in} ${p.name}`).sort()).toEqual([
      'header Last-Event-ID',
      'query catchUp',
      'query events',
      'query lastEventId',
      'query types',
    ]);
    const ok = stream.responses?.['200'] as OpenAPIV3_1.ResponseObject;
    expect(Object.keys(ok.content ?? {})).toEqual(['text/event-stream']);
    expect(ok.content?.['text/event-stream']).toMatchObject({
      'x-sse-data': { $ref: '#/components/schemas/StreamMessageVariant' },
    });
  });

  it('holds every SSE message schema, each linking its standalone file, which is served', async () => {
    const schemas = document.components?.schemas ?? {};
    for (const [name, file] of loadSseMessageSchemas()) {
      const root = String(file.$ref).slice('#/$defs/'.length);
      expect(schemas[root]?.externalDocs?.url).toBe(`/api/schemas/${name}.json`);
      const served = await fetch(`${service.baseUrl}/api/schemas/${name}.json`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toMatch(/^application\/schema\+json/);
      expect(served.headers.get('access-control-allow-origin')).toBe('*');
      expect(await served.json()).toEqual(
        JSON.parse(readFileSync(join(SSE_SCHEMA_DIR, `${name}.json`), 'utf8')),
      );
    }
    const list = (await (await fetch(`${service.baseUrl}/api/schemas`)).json()) as Array<{
      name: string;
    }>;
    expect(list.map((entry) => entry.name)).toContain('event.channel.follow');
    const missing = await fetch(`${service.baseUrl}/api/schemas/event.channel.ban.json`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/stream-message\.json/);
  });

  it('answers what it documents: JSON bodies match their schemas, errors included', async () => {
    const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
    formatsPlugin.default(ajv);
    ajv.addSchema({ $id: 'https://openapi.local/doc', components: document.components }, 'doc');
    const post = { method: 'POST', headers: { 'content-type': 'application/json' } };
    for (const [path, init, status] of [
      ['/api/health', {}, 200],
      ['/api/dashboard/settings', {}, 200],
      ['/api/events?limit=2', {}, 200],
      ['/api/events?limit=0', {}, 400],
      ['/api/events/recent', {}, 200],
      ['/api/streams', {}, 200],
      ['/api/streams?limit=0', {}, 400],
      ['/api/streams/current', {}, 404],
      ['/api/schemas', {}, 200],
      ['/api/admin/twitch/device', {}, 200],
      ['/api/admin/alerts/skip', post, 200],
      ['/api/admin/test-events', { ...post, body: '{"event":"channel.raid"}' }, 201],
      ['/api/admin/test-events', { ...post, body: '{"event":"channel.ban"}' }, 400],
    ] as const) {
      const method = 'method' in init ? 'post' : 'get';
      const route = path.split('?')[0] as string;
      const response = await fetch(`${service.baseUrl}${path}`, init);
      expect({ path, status: response.status }).toEqual({ path, status });
      const documented = (document.paths?.[route]?.[method] as Operation).responses?.[
        String(status)
      ] as OpenAPIV3_1.ResponseObject;
      const schema = documented.content?.['application/json']?.schema as {
        $ref?: string;
        type?: string;
        items?: { $ref: string };
      };
      const ref = (schema.$ref ?? schema.items?.$ref) as string;
      const validate = ajv.compile(
        schema.$ref ? { $ref: `doc${ref}` } : { type: 'array', items: { $ref: `doc${ref}` } },
      );
      const body: unknown = await response.json();
      expect({ path, valid: validate(body), errors: validate.errors }).toEqual({
        path,
        valid: true,
        errors: null,
      });
    }
  });

  it('documents the test-event body with the schema the route validates it against', () => {
    const body = (document.paths?.['/api/admin/test-events']?.post as Operation)
      .requestBody as OpenAPIV3_1.RequestBodyObject;
    expect(body.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/TestEventRequest',
    });
    expect(document.components?.schemas?.TestEventOverrides).toMatchObject({
      properties: { bits: { type: 'integer', minimum: 1 } },
    });
  });
});
