// @ts-check
// The Postman collection (format v2.1) made from the service's OpenAPI document: a folder per tag,
// a request per operation, the SSE stream among them. `npm run docs:postman` writes it to
// docs/twitch-realtime.postman_collection.json; a test fails when that file is not what the
// document gives. Written here rather than with Postman's converter so that the file is the same
// on every run (no random ids or made-up example values) and the stream's request is set up to
// show the live stream.
import { join } from 'node:path';
import prettier from 'prettier';

/** Where the collection is committed. */
export const POSTMAN_COLLECTION_FILE = 'docs/twitch-realtime.postman_collection.json';

/** Where the requests go unless the `baseUrl` variable is changed. */
const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

const STREAM_PATH = '/api/twitch/stream';

const STREAM_NOTE = `**In Postman**: press Send. The request stays open and Postman lists each event as it arrives (its \`id\` and its \`data\` JSON) instead of waiting for a body that never ends; press Cancel to close it. The optional query parameters and the \`Last-Event-ID\` header are in the request, turned off: tick one to filter or to resume after an id.`;

/**
 * @typedef {Record<string, any>} Json
 * @typedef {{ key: string, value: string, description?: string, disabled?: boolean, type?: string }} KeyValue
 */

/**
 * The collection for an OpenAPI 3.1 document, as an object.
 * @param {Json} document
 * @returns {Json}
 */
export function postmanCollection(document) {
  const schemes = document.components?.securitySchemes ?? {};
  const bearerScheme = Object.keys(schemes).find(
    (name) => schemes[name].type === 'http' && schemes[name].scheme === 'bearer',
  );
  /** @type {Map<string, Json[]>} */
  const folders = new Map((document.tags ?? []).map((/** @type {Json} */ tag) => [tag.name, []]));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'other';
      if (!folders.has(tag)) folders.set(tag, []);
      folders.get(tag)?.push(request(document, path, method, operation, bearerScheme));
    }
  }
  return {
    info: {
      name: document.info.title,
      description: `${document.info.description}\n\nMade from the service's OpenAPI document (\`/api/openapi.json\`) by \`npm run docs:postman\`. Set the collection's variables: \`baseUrl\` (where the service runs) and, when ADMIN_TOKEN is set, \`adminToken\`.`,
      version: document.info.version,
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [...folders]
      .filter(([, requests]) => requests.length > 0)
      .map(([name, requests]) => ({
        name,
        description: (document.tags ?? []).find((/** @type {Json} */ tag) => tag.name === name)
          ?.description,
        item: requests,
      })),
    variable: [
      { key: 'baseUrl', value: DEFAULT_BASE_URL, type: 'string' },
      { key: 'adminToken', value: '', type: 'string' },
    ],
  };
}

/**
 * The collection as the file holds it (formatted as the repository formats JSON).
 * @param {Json} document
 * @param {string} root  the repository folder
 */
export async function renderPostmanCollection(document, root) {
  const options = await prettier.resolveConfig(join(root, 'package.json'));
  return prettier.format(JSON.stringify(postmanCollection(document)), {
    ...options,
    parser: 'json',
  });
}

/**
 * @param {Json} document
 * @param {string} path
 * @param {string} method
 * @param {Json} operation
 * @param {string | undefined} bearerScheme
 * @returns {Json}
 */
function request(document, path, method, operation, bearerScheme) {
  const parameters = /** @type {Json[]} */ (operation.parameters ?? []);
  const query = parameters.filter((p) => p.in === 'query').map((p) => keyValue(p));
  const pathVariables = parameters.filter((p) => p.in === 'path').map((p) => keyValue(p, true));
  const isStream = path === STREAM_PATH;
  /** @type {KeyValue[]} */
  const header = [
    ...(isStream ? [{ key: 'Accept', value: 'text/event-stream' }] : []),
    ...parameters.filter((p) => p.in === 'header').map((p) => keyValue(p)),
  ];
  const body = exampleBody(document, operation);
  if (body !== undefined) header.push({ key: 'Content-Type', value: 'application/json' });
  const postmanPath = path.replace(/\{(\w+)\}/g, ':$1');
  const enabledQuery = query.filter((entry) => !entry.disabled);
  const secured = (operation.security ?? []).some((/** @type {Json} */ requirement) =>
    Object.keys(requirement).includes(bearerScheme ?? ''),
  );
  return {
    name: operation.summary ?? `${method.toUpperCase()} ${path}`,
    request: {
      method: method.toUpperCase(),
      header,
      url: {
        raw: `{{baseUrl}}${postmanPath}${enabledQuery.length > 0 ? `?${enabledQuery.map((q) => `${q.key}=${q.value}`).join('&')}` : ''}`,
        host: ['{{baseUrl}}'],
        path: postmanPath.split('/').filter(Boolean),
        ...(query.length > 0 ? { query } : {}),
        ...(pathVariables.length > 0 ? { variable: pathVariables } : {}),
      },
      ...(body !== undefined
        ? { body: { mode: 'raw', raw: body, options: { raw: { language: 'json' } } } }
        : {}),
      auth: secured
        ? {
            type: 'bearer',
            bearer: [{ key: 'token', value: '{{adminToken}}', type: 'string' }],
          }
        : { type: 'noauth' },
      description: [operation.description, isStream ? STREAM_NOTE : undefined]
        .filter(Boolean)
        .join('\n\n'),
    },
    response: [],
  };
}

/**
 * A parameter as Postman lists it: optional ones turned off, with an example value to turn on.
 * @param {Json} parameter
 * @param {boolean} [always]  a path variable: always there
 * @returns {KeyValue}
 */
function keyValue(parameter, always = false) {
  const entry = {
    key: parameter.name,
    value: exampleValue(parameter.schema ?? {}),
    description: parameter.description,
  };
  return always || parameter.required ? entry : { ...entry, disabled: true };
}

/**
 * A value for a parameter: its default, its example, or its choices.
 * @param {Json} schema
 * @returns {string}
 */
function exampleValue(schema) {
  if (schema.default !== undefined) return String(schema.default);
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    return String(schema.examples[0]);
  if (schema.type === 'array' && Array.isArray(schema.items?.enum))
    return schema.items.enum.join(',');
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  return '';
}

/**
 * The JSON body of the first example of the request's schema, if it has a body.
 * @param {Json} document
 * @param {Json} operation
 * @returns {string | undefined}
 */
function exampleBody(document, operation) {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const resolved = schema.$ref
    ? document.components?.schemas?.[schema.$ref.slice('#/components/schemas/'.length)]
    : schema;
  const [example] = resolved?.examples ?? [];
  return JSON.stringify(example ?? {}, null, 2);
}
