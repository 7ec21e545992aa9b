import http from 'node:http';
import { EventBus } from '../../src/bus/event-bus.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { SseClientStreams } from '../../src/stream/sse-client-streams.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { follow, raid, stats } from './numbered-messages.js';

const cheer = (n: number, size: number): StreamMessage => ({
  type: 'event',
  event: 'channel.cheer',
  data: { user_login: `viewer${n}`, bits: 1, message: 'x'.repeat(size) },
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A stream read over node:http that starts paused: nothing is read until `read()`, so the
 * server's writes back up in the kernel's socket buffers as they would for a slow client.
 */
class PausedReader {
  private text = '';
  private constructor(private readonly response: http.IncomingMessage) {}

  static open(url: string, lastEventId: number): Promise<PausedReader> {
    return new Promise((resolve, reject) => {
      http
        .get(url, { headers: { 'last-event-id': String(lastEventId) } }, (response) =>
          resolve(new PausedReader(response)),
        )
        .once('error', reject);
    });
  }

  /** Starts reading. */
  read(): void {
    this.response.setEncoding('utf8');
    this.response.on('data', (chunk: string) => (this.text += chunk));
  }

  /** The id of every frame with data, in order. */
  get ids(): number[] {
    return [...this.text.matchAll(/(?:^|\n)id: (\d+)\ndata: /g)].map((match) => Number(match[1]));
  }

  close(): void {
    this.response.destroy();
  }
}

describe('resuming over a long replay', () => {
  let service: TestApp | undefined;

  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('sends every missed event once and in order, and live messages published meanwhile after them', async () => {
    service = await startTestApp({ SSE_REPLAY_BUFFER_SIZE: '2000' });
    const bus = service.app.get(EventBus);
    const streams = service.app.get(SseClientStreams);
    // ~16 MB of replay: more than the kernel's socket buffers hold for a client that is not reading.
    const kept = Array.from({ length: 2000 }, (_, n) => bus.publish(cheer(n, 8 * 1024)).id);
    const resumeAfter = kept[0] as number;
    const snapshot = bus.publish(stats(1));

    const reader = await PausedReader.open(`${service.baseUrl}/api/twitch/stream`, resumeAfter);
    await eventually(() => streams.catchingUpCount === 1, 'the replay to start');
    const live: number[] = [];
    for (let n = 0; n < 20; n++) {
      // Published while the replay is still being written: they must wait behind it.
      expect(streams.catchingUpCount).toBe(1);
      live.push(bus.publish(n % 5 === 4 ? stats(n) : follow(n)).id);
      await nextTurn();
    }
    reader.read();
    await eventually(
      () => reader.ids.at(-1) === live.at(-1),
      'the whole replay and the live messages',
    );

    expect(reader.ids).toEqual([...kept.slice(1), snapshot.id, ...live]);
    expect(streams.catchingUpCount).toBe(0);
    // Now live, the client gets new messages straight away.
    const after = bus.publish(follow(99)).id;
    await eventually(() => reader.ids.at(-1) === after, 'a live message after the replay');
    reader.close();
  });

  it('gives each of many clients resuming from different points at once exactly what it missed, while events keep coming', async () => {
    // Room for the live events too: nothing falls out of the log during the test.
    service = await startTestApp({ SSE_REPLAY_BUFFER_SIZE: '10000' });
    const bus = service.app.get(EventBus);
    const streams = service.app.get(SseClientStreams);
    const message = (n: number) => (n % 7 === 0 ? raid(n) : cheer(n, 1024));
    const published = Array.from({ length: 1000 }, (_, n) => ({
      n,
      id: bus.publish(message(n)).id,
    }));
    const isRaid = (n: number) => n % 7 === 0;

    const filters = ['', '?types=event', '?events=channel.raid'];
    const starts = Array.from({ length: 12 }, (_, index) => ({
      query: filters[index % filters.length] as string,
      after: (published[index * 80] as { id: number }).id,
    }));
    // Live events go out all along: while the clients connect, while their replays are written,
    // and after every one of them caught up.
    let n = 1000;
    let duringReplays = 0;
    let afterReplays = 0;
    let connected = false;
    const publishing = (async () => {
      while (!connected || afterReplays < 20) {
        if (streams.catchingUpCount > 0) duringReplays++;
        else if (connected) afterReplays++;
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
    const eventIds = (client: SseTestClient) =>
      client.messages
        .filter((m) => (m.json as { type: string }).type === 'event')
        .map((m) => Number(m.id));
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
    expect(bus.replayWindow.oldestId).toBe(published[0]?.id);
    await Promise.all(clients.map((client) => client.close()));
  });
});
