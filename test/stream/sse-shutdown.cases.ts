import { LogCapture } from '../support/log-capture.js';
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

  it('says in one line what it closed and how many clients were connected', async () => {
    const service = await startTestApp({ LOG_LEVEL: 'log' });
    const clients = await Promise.all(
      [1, 2].map(() => SseTestClient.connect(`${service.baseUrl}/api/twitch/stream`)),
    );
    const logs = new LogCapture().start();
    try {
      await service.close();
    } finally {
      logs.stop();
    }
    const lines = logs.output.split('\n').filter((line) => line.includes('[SseStream]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\bLOG\b.*ended the SSE stream of 2 connected clients/);
    await Promise.all(clients.map((client) => client.close()));
  });
});
