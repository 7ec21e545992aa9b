import { readFileSync } from 'node:fs';
import {
  POSTMAN_COLLECTION_FILE,
  postmanCollection,
  renderPostmanCollection,
} from '../../scripts/postman-collection.mjs';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the Postman collection (docs/twitch-realtime.postman_collection.json)', () => {
  let service: TestApp;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    service = await startTestApp();
    document = (await (await fetch(`${service.baseUrl}/api/openapi.json`)).json()) as Record<
      string,
      unknown
    >;
  });

  afterAll(async () => {
    await service.close();
  });

  it('is what the OpenAPI document gives: run `npm run docs:postman` after changing the API', async () => {
    expect(readFileSync(POSTMAN_COLLECTION_FILE, 'utf8')).toBe(
      await renderPostmanCollection(document, process.cwd()),
    );
  });

  it('has the SSE stream as a request that asks for text/event-stream, its filters ready to turn on', () => {
    const collection = postmanCollection(document);
    const requests = collection.item.flatMap(
      (folder: { item: unknown[] }) => folder.item,
    ) as Array<{
      name: string;
      request: {
        url: { raw: string; query?: Array<{ key: string; disabled?: boolean }> };
        header: Array<{ key: string; value: string; disabled?: boolean }>;
        auth: { type: string };
      };
    }>;
    const stream = requests.find((r) => r.request.url.raw === '{{baseUrl}}/api/twitch/stream');
    expect(stream?.request.header).toEqual(
      expect.arrayContaining([
        { key: 'Accept', value: 'text/event-stream' },
        expect.objectContaining({ key: 'Last-Event-ID', disabled: true }),
      ]),
    );
    expect(stream?.request.url.query?.map((q) => [q.key, q.disabled])).toEqual([
      ['types', true],
      ['events', true],
      ['lastEventId', true],
      ['catchUp', true],
    ]);
    // Admin routes carry the admin token variable; the rest send no credentials.
    const testEvents = requests.find((r) => r.request.url.raw.endsWith('/api/admin/test-events'));
    expect(testEvents?.request.auth.type).toBe('bearer');
    expect(stream?.request.auth.type).toBe('noauth');
    expect(collection.variable.map((v: { key: string }) => v.key)).toEqual([
      'baseUrl',
      'adminToken',
    ]);
  });
});
