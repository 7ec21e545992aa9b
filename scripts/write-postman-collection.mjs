// Writes docs/twitch-realtime.postman_collection.json from the OpenAPI document of the built
// service (see scripts/postman-collection.mjs). The service is put together, not started: nothing
// listens and nothing connects to Twitch.
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { POSTMAN_COLLECTION_FILE, renderPostmanCollection } from './postman-collection.mjs';

const root = join(import.meta.dirname, '..');
const { loadConfig } = await import('../dist/config/app-config.js');
const { composeService } = await import('../dist/app.factory.js');
const { buildOpenApiDocument } = await import('../dist/api-docs/openapi-document.js');

// The defaults, whatever this shell or .env say: the document does not depend on them, except
// METRICS_ENABLED (on by default), which adds /metrics.
const config = loadConfig(
  { DEMO_MODE: 'off', TWITCH_CLIENT_ID: 'postman', EVENT_LOG: 'memory' },
  null,
);
const service = await composeService(config);
const app = await NestFactory.create(service.module, { logger: false, abortOnError: false });
try {
  const text = await renderPostmanCollection(buildOpenApiDocument(app), root);
  mkdirSync(join(root, dirname(POSTMAN_COLLECTION_FILE)), { recursive: true });
  writeFileSync(join(root, POSTMAN_COLLECTION_FILE), text);
  console.log(`Wrote ${POSTMAN_COLLECTION_FILE}`);
} finally {
  await app.close();
}
