import http from 'node:http';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** One stream request as it was answered: the status, the body of a refusal, and how to close it. */
interface OpenedStream {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The whole body of a refusal (empty for an open stream: it never ends by itself). */
  readonly body: string;
  close(): void;
}

/**
 * Requests the stream over a connection of its own from `localAddress` (another loopback address
 * is another client) with `headers`; resolves once it is open (200) or refused (its body read).
 */
function openStream(
  service: TestApp,
  localAddress = '127.0.0.1',
  headers: Record<string, string> = {},
): Promise<OpenedStream> {
  const { port } = new URL(service.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/api/twitch/stream', localAddress, agent: false, headers },
      (response) => {
        const close = () => request.destroy();
        const opened = { status: response.statusCode ?? 0, headers: response.headers, close };
        if (response.statusCode === 200) return resolve({ ...opened, body: '' });
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ ...opened, body }));
      },
    );
    request.on('error', reject);
  });
}

async function health(service: TestApp): Promise<{ status: number; clients: number }> {
  const response = await fetch(`${service.baseUrl}/api/health`);
  const body = (await response.json()) as { sse: { clients: number } };
  return { status: response.status, clients: body.sse.clients };
}

describe('GET /api/twitch/stream: how many streams one client, and the service, may hold', () => {
  describe('per client address (SSE_MAX_STREAMS_PER_ADDRESS, 200 by default)', () => {
    let service: TestApp;
    const open: OpenedStream[] = [];

    beforeAll(async () => {
      service = await startTestApp();
    });

    afterAll(async () => {
      for (const stream of open) stream.close();
      await service?.close();
    });

    it('answers the 201st stream from one address 429 with what to do, while another address still connects', async () => {
      for (let n = 0; n < 200; n++) {
        const stream = await openStream(service);
        open.push(stream);
        expect(stream.status).toBe(200);
      }
      const refused = await openStream(service);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(refused.headers['retry-after']).toBe('30');
      expect(refused.headers['access-control-allow-origin']).toBe('*');
      expect(refused.body).toBe(
        'Too many open streams from 127.0.0.1: 200 is the most one address may hold (SSE_MAX_STREAMS_PER_ADDRESS). Close the streams you no longer use (browser tabs, widgets or OBS sources left open) and try again, or raise SSE_MAX_STREAMS_PER_ADDRESS on the server.\n',
      );

      const other = await openStream(service, '127.0.0.2');
      open.push(other);
      expect(other.status).toBe(200);
      expect(await health(service)).toEqual({ status: 200, clients: 201 });

      // A stream closed makes room for the next one from the same address.
      open.shift()?.close();
      await eventually(
        async () => (await health(service)).clients === 200,
        'the closed stream to be let go',
      );
      const again = await openStream(service);
      open.push(again);
      expect(again.status).toBe(200);

      const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^twitch_realtime_sse_streams_refused_total 1$/m);
    });
  });

  describe('per address behind a trusted proxy (TRUST_PROXY=true)', () => {
    let service: TestApp;
    const open: OpenedStream[] = [];

    beforeAll(async () => {
      service = await startTestApp({ TRUST_PROXY: 'true', SSE_MAX_STREAMS_PER_ADDRESS: '2' });
    });

    afterAll(async () => {
      for (const stream of open) stream.close();
      await service?.close();
    });

    it('counts the address the proxy reports, not the proxy', async () => {
      const from = (client: string) => ({ 'X-Forwarded-For': client });
      for (const client of ['198.51.100.7', '198.51.100.7', '203.0.113.9']) {
        const stream = await openStream(service, '127.0.0.1', from(client));
        open.push(stream);
        expect(stream.status).toBe(200);
      }
      const refused = await openStream(service, '127.0.0.1', from('198.51.100.7'));
      expect(refused.status).toBe(429);
      expect(refused.body).toMatch(/^Too many open streams from 198\.51\.100\.7: 2 is the most/);
    });
  });

  describe('in all (SSE_MAX_STREAMS)', () => {
    let service: TestApp;
    const open: OpenedStream[] = [];

    beforeAll(async () => {
      service = await startTestApp({ SSE_MAX_STREAMS: '3' });
    });

    afterAll(async () => {
      for (const stream of open) stream.close();
      await service?.close();
    });

    it('answers 503 once the service holds as many as allowed, and health still answers', async () => {
      for (const address of ['127.0.0.1', '127.0.0.2', '127.0.0.3']) {
        const stream = await openStream(service, address);
        open.push(stream);
        expect(stream.status).toBe(200);
      }
      const refused = await openStream(service, '127.0.0.4');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('30');
      expect(refused.body).toBe(
        'The server holds as many streams as it allows (3, SSE_MAX_STREAMS), so that Twitch, the event log and the health check keep the descriptors they need. Try again in 30 seconds; the operator can raise the open-file limit (ulimit -n) or SSE_MAX_STREAMS.\n',
      );
      expect(await health(service)).toEqual({ status: 200, clients: 3 });
      const page = await fetch(`${service.baseUrl}/widgets/alerts`);
      expect(page.status).toBe(200);

      open.shift()?.close();
      await eventually(
        async () => (await health(service)).clients === 2,
        'the closed stream to be let go',
      );
      const again = await openStream(service, '127.0.0.4');
      open.push(again);
      expect(again.status).toBe(200);
    });
  });
});
