import { SseTestClient } from '../support/sse-client.js';
import { startTestApp } from '../support/test-app.js';

describe('shutting down with SSE clients connected', () => {
  it('ends every open stream and closes (clients do not hold the server open)', async () => {
    const service = await startTestApp();
    const clients = await Promise.all(
      [1, 2, 3].map(() => SseTestClient.connect(`${service.baseUrl}/api/twitch/stream`)),
    );
    await service.close();
    await Promise.all(
      clients.map((client) => client.waitFor((c) => c.closed, 10_000, 'the stream to end')),
    );
  });
});
