import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiComponentSchemas } from './openapi-schemas.js';
import { ADMIN_TOKEN_SCHEME } from './schema-ref.js';

/** The OpenAPI version of the document: 3.1, whose schemas are JSON Schema 2020-12 like ours. */
export const OPENAPI_VERSION = '3.1.0';

const DESCRIPTION = `One Twitch connection (EventSub WebSocket and a Helix poll) broadcast to many clients over Server-Sent Events.

- **The stream**: \`GET /api/twitch/stream\` (\`text/event-stream\`). Each \`data:\` line is one JSON message: \`stats\`, \`event\`, \`status\`, \`control\`, \`labels\` or \`subathon\`. Their JSON Schemas, generated from the service's contract, are listed at [/api/schemas](/api/schemas) and are in this document's schemas (\`StreamMessageVariant\` is any of them). Try it with \`curl -N\` or Postman: this page cannot show a stream that never ends.
- **Admin routes** (\`/api/admin/…\`, \`/auth/twitch\`) need \`Authorization: Bearer <ADMIN_TOKEN>\` when ADMIN_TOKEN is set (\`X-Admin-Token\` works too); while it is unset they answer only requests from the machine the service runs on. Requests from pages of other sites are refused.
- Everything else is public.`;

/** The tags, in the order the docs page shows them. */
const TAGS: ReadonlyArray<[name: string, description: string]> = [
  ['stream', 'The SSE stream and the JSON Schemas of its messages.'],
  ['events', 'The event history, from the event log.'],
  ['twitch', 'What the widgets look up on Twitch: a shoutout’s other channel.'],
  ['health', 'Whether the service and its parts are well.'],
  ['metrics', 'Prometheus metrics.'],
  ['admin: alerts', 'Test alerts, pause/resume/skip, replay (the dashboard’s buttons).'],
  ['admin: subathon', 'The subathon timer: start, pause, add and remove time, reset, settings.'],
  ['admin: labels', 'The labels’ session: start it over.'],
  ['sign-in', 'Signing the service in to Twitch.'],
  ['dashboard and widgets', 'The dashboard and the OBS widgets’ pages.'],
];

/** The OBS widgets: static pages (not controllers), so described here. */
const WIDGET_PAGES: ReadonlyArray<[path: string, summary: string]> = [
  ['/widgets/alerts', 'The alert box (OBS browser source, 1000 × 400)'],
  ['/widgets/goal', 'The goal bar (OBS browser source, 800 × 140)'],
  ['/widgets/stats', 'The stats line (OBS browser source, 1000 × 80)'],
  [
    '/widgets/label',
    'One label: a latest viewer, a top supporter or a count (OBS browser source, 800 × 60)',
  ],
  ['/widgets/events', 'The event list (OBS browser source, 400 × 500)'],
  ['/widgets/subathon', 'The subathon timer (OBS browser source, 600 × 160)'],
  [
    '/widgets/hypetrain',
    'The hype train bar, shown while a train runs (OBS browser source, 800 × 140)',
  ],
  ['/widgets/poll', 'The poll / prediction card (OBS browser source, 600 × 320)'],
  [
    '/widgets/adbreak',
    'The ad break countdown, shown while ads run (OBS browser source, 800 × 140)',
  ],
  [
    '/widgets/chat',
    'The chat box: chat with emotes, badges and name colours; what moderators remove leaves it (OBS browser source, 450 × 600)',
  ],
  [
    '/widgets/overlay',
    'Several widgets in one browser source: `?layer=x,y,width,height,/widgets/<name>?<options>` (repeated), on a 1920 × 1080 canvas (`width`, `height`)',
  ],
];

/**
 * The OpenAPI 3.1 document, from the controllers' decorators, with the schemas generated from the
 * TypeScript types (the API's bodies and every SSE message) and the widgets' pages.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion(OPENAPI_VERSION)
    .setTitle('twitch-realtime')
    .setDescription(DESCRIPTION)
    .setVersion(packageVersion())
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addSecurity(ADMIN_TOKEN_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description:
        'ADMIN_TOKEN, for the admin routes. Not needed from the machine the service runs on while ADMIN_TOKEN is unset.',
    });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    // The method names (`sendTestEvent`, `history`, …): what generated clients call them.
    operationIdFactory: (_controller, method) => method,
    // Every route names its tag; none is made up from a controller's name.
    autoTagControllers: false,
  });
  // No `servers`: the document describes the service that serves it, wherever it runs.
  delete document.servers;
  document.paths = { ...document.paths, ...widgetPagePaths() };
  document.components = { ...document.components, schemas: openApiComponentSchemas() };
  return document;
}

function widgetPagePaths(): OpenAPIObject['paths'] {
  return Object.fromEntries(
    WIDGET_PAGES.map(([path, summary]) => [
      path,
      {
        get: {
          tags: ['dashboard and widgets'],
          operationId: `widget${path.slice('/widgets/'.length).replace(/^./, (c) => c.toUpperCase())}`,
          summary,
          description:
            'A page for an OBS browser source (transparent background) that reads the public stream. Its options are query parameters, listed in the README ("Dashboard and OBS widgets"); the dashboard\'s widget URL builder writes them. May be framed by any page.',
          responses: {
            '200': {
              description: 'The page.',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
          },
        },
      },
    ]),
  );
}

function packageVersion(): string {
  // package.json is two folders up from both src/api-docs/ and dist/api-docs/.
  const file = join(import.meta.dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
