import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../src/bus/event-bus.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { REPLAY_PAGE_EVENTS } from '../../src/stream/replay-pages.js';
import { SseClientStreams } from '../../src/stream/sse-client-streams.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { raid } from './numbered-messages.js';

const cheer = (n: number, size: number): StreamMessage => ({
  type: 'event',
  event: 'channel.cheer',
  data: { user_login: `viewer${n}`, bits: 1, message: 'x'.repeat(size) },
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The ids of the events a client got, in order. */
const eventIds = (client: SseTestClient) =>
  client.messages
    .filter((m) => (m.json as { type: string }).type === 'event')
    .map((m) => Number(m.id));

describe('resuming far back: the replay is read from the log a page at a time', () => {
  let service: TestApp | undefined;

  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('gives clients resuming over several pages of the log on disk every event once, in order, then the live ones', async () => {
    // The log keeps 100 events in memory: the replay is read from the file.
    const dataDir = mkdtempSync(join(tmpdir(), 'twitch-realtime-deep-resume-'));
    service = await startTestApp({
      EVENT_LOG: 'sqlite',
      DATA_DIR: dataDir,
      SSE_REPLAY_BUFFER_SIZE: '100',
    });
    const bus = service.app.get(EventBus);
    const streams = service.app.get(SseClientStreams);
    const isRaid = (n: number) => n % 7 === 0;
    const message = (n: number) => (isRaid(n) ? raid(n) : cheer(n, 200));
    const count = REPLAY_PAGE_EVENTS * 4 + 10;
    const published = Array.from({ length: count }, (_, n) => ({
      n,
      id: bus.publish(message(n)).id,
    }));

    const at = (index: number) => (published[index] as { id: number }).id;
    const starts = [
      { query: '', after: at(0) },
      { query: '', after: at(0) },
      { query: '', after: at(0) },
      { query: '', after: at(REPLAY_PAGE_EVENTS + 17) },
      { query: '?events=channel.raid', after: at(0) },
      { query: '?types=event', after: at(5) },
    ];
    let n = count;
    let duringReplays = 0;
    let connected = false;
    const publishing = (async () => {
      // Live events all along while the clients connect and catch up (a few hundred at most).
      while ((!connected || streams.catchingUpCount > 0) && n < count + 300) {
        if (streams.catchingUpCount > 0) duringReplays++;
        published.push({ n, id: bus.publish(message(n)).id });
        n++;
        await nextTurn();
      }
    })();
    const clients = await Promise.all(
      starts.map(({ query, after }) =>
        SseTestClient.connect(`${service?.baseUrl}/api/twitch/stream${query}`, {
          'last-event-id': String(after),
        }),
      ),
    );
    connected = true;
    await publishing;
    expect(duringReplays).toBeGreaterThan(0);

    const expected = starts.map(({ query, after }) =>
      published
        .filter((p) => p.id > after && (query !== '?events=channel.raid' || isRaid(p.n)))
        .map((p) => p.id),
    );
    await Promise.all(
      clients.map((client, index) =>
        client.waitFor(
          (c) => eventIds(c).at(-1) === expected[index]?.at(-1),
          20_000,
          `client ${index} to catch up`,
        ),
      ),
    );
    clients.forEach((client, index) => expect(eventIds(client)).toEqual(expected[index]));
    await Promise.all(clients.map((client) => client.close()));
  });

  it('cuts a client whose replay the log let go of before it was sent, and tells it so when it resumes', async () => {
    service = await startTestApp({ SSE_REPLAY_BUFFER_SIZE: String(REPLAY_PAGE_EVENTS * 3) });
    const bus = service.app.get(EventBus);
    const streams = service.app.get(SseClientStreams);
    // 8 KB each: the first page alone is more than the kernel's socket buffers hold.
    const kept = Array.from(
      { length: REPLAY_PAGE_EVENTS * 3 },
      (_, n) => bus.publish(cheer(n, 8 * 1024)).id,
    );
    const { port } = new URL(service.baseUrl);
    let text = '';
    let closed = false;
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port,
            path: '/api/twitch/stream',
            headers: { 'last-event-id': String(kept[0]) },
          },
          resolve,
        )
        .once('error', reject);
    });
    response.once('close', () => (closed = true));
    response.once('error', () => {});
    await eventually(() => streams.catchingUpCount === 1, 'the replay to start');
    // The log moves on past everything the client was owed while it does not read.
    for (let n = 0; n < REPLAY_PAGE_EVENTS * 3; n++) bus.publish(raid(n));
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    await eventually(() => closed, 'the client to be cut');
    const ids = [...text.matchAll(/(?:^|\n)id: (\d+)\ndata: /g)].map((match) => Number(match[1]));
    // What it got is exact as far as it goes: the first page, in order.
    expect(ids).toEqual(kept.slice(1, ids.length + 1));
    expect(ids.length).toBeLessThan(kept.length - 1);
    // Cut for the events it lost, not dropped as a client that stopped reading.
    expect(streams.droppedCount).toBe(0);

    const resumed = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream`, {
      'last-event-id': String(ids.at(-1)),
    });
    await resumed.waitFor(
      (c) => c.messages.some((m) => JSON.stringify(m.json).includes('"replay":"incomplete"')),
      10_000,
      'the replay-incomplete status',
    );
    await resumed.close();
  });
});
