import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A reverse proxy on this machine, the way nginx's `proxy_pass http://127.0.0.1:PORT` runs: it
 * connects from 127.0.0.1 and names `127.0.0.1:PORT` as the host, whoever the client is. `extra`
 * says which forwarding headers it adds, as the usual nginx, Caddy or Traefik setups do.
 */
async function startProxy(
  target: string,
  extra: (clientAddress: string) => Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const { host } = new URL(target);
  const server: Server = createServer((request, response) => {
    const headers: IncomingHttpHeaders = {
      ...request.headers,
      host,
      ...extra(request.socket.remoteAddress ?? ''),
    };
    const upstream = httpRequest(
      `${target}${request.url ?? '/'}`,
      { method: request.method, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const pause = (baseUrl: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/admin/alerts/pause`, { method: 'POST', headers });

describe('admin routes behind a reverse proxy', () => {
  describe('with ADMIN_TOKEN unset', () => {
    let service: TestApp;

    beforeAll(async () => {
      service = await startTestApp();
    });

    afterAll(async () => {
      await service.close();
    });

    it('still answer this machine directly', async () => {
      expect((await pause(service.baseUrl)).status).toBe(200);
    });

    it.each([
      ['X-Forwarded-For', (client: string) => ({ 'x-forwarded-for': client })],
      ['Forwarded', (client: string) => ({ forwarded: `for=${client};proto=https` })],
      ['X-Real-IP', (client: string) => ({ 'x-real-ip': client })],
    ])(
      'refuse a request that came through a proxy setting %s, and say to set ADMIN_TOKEN',
      async (_name, extra) => {
        const proxy = await startProxy(service.baseUrl, extra);
        try {
          const response = await pause(proxy.url);
          expect(response.status).toBe(401);
          const { message } = (await response.json()) as { message: string };
          expect(message).toContain('proxy');
          expect(message).toContain('ADMIN_TOKEN');
          // What is public stays public through the proxy.
          expect((await fetch(`${proxy.url}/api/health`)).status).toBe(200);
        } finally {
          await proxy.close();
        }
      },
    );
  });

  describe('with TRUST_PROXY=true', () => {
    let service: TestApp;

    beforeAll(async () => {
      service = await startTestApp({ TRUST_PROXY: 'true' });
    });

    afterAll(async () => {
      await service.close();
    });

    it('answer a client the proxy says is this machine, and no other', async () => {
      const proxy = await startProxy(service.baseUrl, (client) => ({ 'x-forwarded-for': client }));
      try {
        expect((await pause(proxy.url)).status).toBe(200);
      } finally {
        await proxy.close();
      }
      // nginx's $proxy_add_x_forwarded_for: what the client sent, then the address nginx saw (here
      // a client elsewhere). Only that last entry is the proxy's word.
      const appending = await startProxy(service.baseUrl, () => ({
        'x-forwarded-for': '127.0.0.1, 203.0.113.9',
      }));
      try {
        expect((await pause(appending.url, { 'x-forwarded-for': '127.0.0.1' })).status).toBe(401);
      } finally {
        await appending.close();
      }
    });
  });

  describe('with ADMIN_TOKEN set', () => {
    const token = 'correct-horse-battery';
    let service: TestApp;

    beforeAll(async () => {
      // Behind a trusted proxy, each client is counted by the address the proxy reports.
      service = await startTestApp({ ADMIN_TOKEN: token, TRUST_PROXY: 'true' });
    });

    afterAll(async () => {
      await service.close();
    });

    it('throttles repeated wrong tokens from one address with 429 and Retry-After; the right token still works elsewhere', async () => {
      const from = (client: string, given: string) =>
        pause(service.baseUrl, { 'x-forwarded-for': client, authorization: `Bearer ${given}` });

      const answers: number[] = [];
      for (let guess = 0; guess < 6; guess++) {
        answers.push((await from('203.0.113.9', `guess-${guess}-aaaaaaaaaaaa`)).status);
      }
      expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
      const throttled = await from('203.0.113.9', token);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await throttled.json()) as { message: string }).message).toMatch(/try again/i);

      expect((await from('198.51.100.4', token)).status).toBe(200);
    });
  });
});
