import http from 'node:http';
import { EventBus } from '../../src/bus/event-bus.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const stats: StreamMessage = {
  type: 'stats',
  data: { live: true, viewers: 7, followers: 8, subs: 9 },
};
const follow: StreamMessage = {
  type: 'event',
  event: 'channel.follow',
  data: { user_id: '42', user_login: 'ann', followed_at: '2026-11-26T17:00:00Z' },
};

/** A raw request: the status, the headers, and the body text as it arrives. */
function request(
  url: string,
  method = 'GET',
): Promise<{ response: http.IncomingMessage; body: () => string; done: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      const done = new Promise<void>((end) => response.once('end', end));
      resolve({ response, body: () => text, done });
    });
    req.once('error', reject);
    req.end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('the SSE wire format (what Nest’s @Sse sent, byte for byte)', () => {
  let service: TestApp;
  let bus: EventBus;

  beforeAll(async () => {
    service = await startTestApp({ SSE_HEARTBEAT_SECONDS: '1', SSE_RETRY_MS: '3000' });
    bus = service.app.get(EventBus);
  });

  afterAll(async () => {
    await service.close();
  });

  it('sends the event-stream headers, the retry hint, the snapshot, live frames and pings', async () => {
    const snapshot = bus.publish(stats);
    const { response, body } = await request(`${service.baseUrl}/api/twitch/stream`);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/event-stream',
      'cache-control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
      pragma: 'no-cache',
      expires: '0',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
      'access-control-allow-origin': '*',
      'transfer-encoding': 'chunked',
    });
    const cursor = bus.lastId;
    // Every state the bus keeps, oldest first (the labels and the subathon timer, then these stats).
    const snapshots = bus.currentSnapshots();
    expect(snapshots.at(-1)?.json).toBe(snapshot.json);
    const opening = `\nid: ${cursor}\nretry: 3000\n\n${snapshots
      .map((kept) => `id: ${cursor}\ndata: ${kept.json}\n\n`)
      .join('')}`;
    await until(() => body().length >= opening.length);
    expect(body()).toBe(opening);

    const live = bus.publish(follow);
    const withLive = `${opening}id: ${live.id}\ndata: ${JSON.stringify(follow)}\n\n`;
    await until(() => body().length >= withLive.length);
    expect(body().slice(0, withLive.length)).toBe(withLive);

    await until(() => body().includes(': ping\n\n'));
    expect(body().slice(withLive.length)).toMatch(/^(: ping\n\n)+$/);
    response.destroy();
  });

  it('answers HEAD with the headers and no body, and does not hold the connection', async () => {
    const { response, body, done } = await request(`${service.baseUrl}/api/twitch/stream`, 'HEAD');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    await done;
    expect(body()).toBe('');
  });
});
