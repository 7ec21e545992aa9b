import { EventBus } from '../../src/bus/event-bus.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { SseClientStreams } from '../../src/stream/sse-client-streams.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { stalledClient } from './stalled-client.js';

const BOUND = 64 * 1024;

/** An event with `size` characters of payload, so the kernel's socket buffers fill quickly. */
const bulky = (n: number, size: number): StreamMessage => ({
  type: 'event',
  event: 'channel.cheer',
  data: { user_login: `viewer${n}`, bits: 1, message: 'x'.repeat(size) },
});

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SSE clients that read slowly or not at all', () => {
  let service: TestApp;
  let bus: EventBus;
  let streams: SseClientStreams;

  beforeEach(async () => {
    service = await startTestApp({
      SSE_MAX_PENDING_BYTES: String(BOUND),
      SSE_REPLAY_BUFFER_SIZE: '10',
    });
    bus = service.app.get(EventBus);
    streams = service.app.get(SseClientStreams);
  });

  afterEach(async () => {
    await service.close();
  });

  it('drops a client that stops reading once more than SSE_MAX_PENDING_BYTES wait for it, while the others get every message', async () => {
    const reader = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    const stalled = await stalledClient(service.baseUrl);
    await reader.waitFor(() => streams.clientCount === 2, 5000, 'both clients');

    const published: number[] = [];
    let mostPending = 0;
    // Enough to fill the kernel's buffers on both ends and then the bound, whatever their size.
    for (let n = 0; n < 1000 && streams.clientCount === 2; n++) {
      published.push(bus.publish(bulky(n, 32 * 1024)).id);
      await nextTurn();
      mostPending = Math.max(mostPending, streams.pendingBytes);
      // The reader is never held up: it has everything so far before the next message goes out.
      await reader.waitForMessages(published.length, 10_000);
    }

    expect(streams.clientCount).toBe(1);
    expect(streams.droppedCount).toBe(1);
    // What waited for the stalled client stayed within the bound (plus the message that crossed it).
    expect(mostPending).toBeLessThanOrEqual(BOUND + 2 * 33 * 1024);
    expect(reader.messages.map((m) => Number(m.id))).toEqual(published);
    stalled.destroy();
    await reader.close();
  });

  it('keeps a slow reader that catches up, however much one burst sends it', async () => {
    const reader = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    await reader.waitFor(() => streams.clientCount === 1, 5000, 'the client');
    // Ten times the bound in one go: written in one turn, so none of it is a backlog yet.
    const burst = Array.from({ length: 20 }, (_, n) => bus.publish(bulky(n, 32 * 1024)).id);
    await reader.waitForMessages(burst.length, 10_000);
    expect(reader.messages.map((m) => Number(m.id))).toEqual(burst);
    expect(streams.droppedCount).toBe(0);
    await reader.close();
  });

  it('releases everything after many clients connect, read and disconnect', async () => {
    const sockets = () =>
      process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;
    const before = { sockets: sockets() };
    bus.publish({ type: 'stats', data: { live: true, viewers: 1, followers: 2, subs: 3 } });

    for (let round = 0; round < 15; round++) {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream`);
          await client.waitForMessages(1);
          await client.close();
        }),
      );
    }

    await eventually(
      () => streams.clientCount === 0 && sockets() <= before.sockets,
      'every client and socket released',
    );
    expect(streams.clientCount).toBe(0);
    expect(streams.pendingBytes).toBe(0);
    expect(sockets()).toBeLessThanOrEqual(before.sockets);
  });
});
