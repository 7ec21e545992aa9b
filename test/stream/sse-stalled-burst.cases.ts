import { EventBus } from '../../src/bus/event-bus.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { SseClientStreams } from '../../src/stream/sse-client-streams.js';
import { eventually } from '../support/eventually.js';
import { LogCapture } from '../support/log-capture.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { stalledClient } from './stalled-client.js';

const BOUND = 64 * 1024;
const STALLED = 20;

const bulky = (n: number): StreamMessage => ({
  type: 'event',
  event: 'channel.cheer',
  data: { user_login: `viewer${n}`, bits: 1, message: 'x'.repeat(32 * 1024) },
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('many clients that stop reading together', () => {
  let service: TestApp;
  const logs = new LogCapture();

  beforeEach(async () => {
    service = await startTestApp({ SSE_MAX_PENDING_BYTES: String(BOUND) });
    logs.start();
  });

  afterEach(async () => {
    logs.stop();
    await service.close();
  });

  it('are dropped together, reported in one line, while a reader gets every message', async () => {
    const bus = service.app.get(EventBus);
    const streams = service.app.get(SseClientStreams);
    const reader = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    const stalled = await Promise.all(
      Array.from({ length: STALLED }, () => stalledClient(service.baseUrl)),
    );
    await eventually(() => streams.clientCount === STALLED + 1, 'every client');

    const published: number[] = [];
    for (let n = 0; n < 2000 && streams.droppedCount < STALLED; n++) {
      published.push(bus.publish(bulky(n)).id);
      await nextTurn();
      await reader.waitForMessages(published.length, 10_000);
    }
    expect(streams.droppedCount).toBe(STALLED);
    await eventually(() => /Dropped \d+ SSE client/.test(logs.output), 'the drop to be reported');

    const lines = logs.output.split('\n').filter((line) => line.includes('SSE client'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `Dropped ${STALLED} SSE clients that stopped reading (more than ${BOUND} bytes waited`,
    );
    expect(reader.messages.map((m) => Number(m.id))).toEqual(published);
    stalled.forEach((socket) => socket.destroy());
    await reader.close();
  });
});
