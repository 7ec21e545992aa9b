import net from 'node:net';
import { EventBus } from '../../src/bus/event-bus.js';
import type { PublishedMessage } from '../../src/bus/published-message.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { SseClientStreams } from '../../src/stream/sse-client-streams.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const follow = (user: string): StreamMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_id: user, user_login: user, user_name: user, followed_at: '2026-11-26T17:00:00Z' },
});
const raid = (from: string): StreamMessage => ({
  type: 'event',
  event: 'channel.raid',
  data: { from_broadcaster_user_login: from, viewers: 5 },
});

/** A message as its own HTTP/1.1 chunk: what one write per message put on the wire. */
function chunkOf(published: PublishedMessage): string {
  const frame = `id: ${published.id}\ndata: ${published.json}\n\n`;
  return `${Buffer.byteLength(frame).toString(16)}\r\n${frame}\r\n`;
}

/** The service's ends of every connection, as the server accepts them. */
const connections: net.Socket[] = [];

/**
 * A raw TCP client of the stream: the bytes exactly as they arrive (chunk framing included), and
 * the service's end of its connection, whose writes the test counts.
 */
class RawStreamClient {
  private received = Buffer.alloc(0);
  writes = 0;

  private constructor(
    private readonly socket: net.Socket,
    private readonly served: net.Socket,
  ) {
    socket.on('data', (data: Buffer) => (this.received = Buffer.concat([this.received, data])));
    const write = served.write.bind(served) as (...args: unknown[]) => boolean;
    served.write = ((...args: unknown[]) => {
      this.writes++;
      return write(...args);
    }) as typeof served.write;
  }

  static async connect(service: TestApp, path: string): Promise<RawStreamClient> {
    const { port } = new URL(service.baseUrl);
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    const served = new Promise<net.Socket>((resolve) => {
      const find = () => {
        // The service's end of this connection: its remote port is the client's local port.
        const match = connections.find((s) => s.remotePort === socket.localPort);
        if (match) resolve(match);
        else setImmediate(find);
      };
      find();
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    const client = new RawStreamClient(socket, await served);
    await eventually(() => client.text.includes('retry:'), 'the stream to begin');
    return client;
  }

  /** Everything received so far, as text. */
  get text(): string {
    return this.received.toString('utf8');
  }

  /** Forgets what arrived and the writes counted so far. */
  reset(): void {
    this.received = Buffer.alloc(0);
    this.writes = 0;
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('live messages published in the same turn', () => {
  let service: TestApp;
  let bus: EventBus;
  const clients: RawStreamClient[] = [];

  beforeAll(async () => {
    service = await startTestApp();
    bus = service.app.get(EventBus);
    (service.app.getHttpServer() as net.Server).on('connection', (socket: net.Socket) =>
      connections.push(socket),
    );
  });

  afterEach(() => {
    clients.splice(0).forEach((client) => client.close());
  });

  afterAll(async () => {
    await service.close();
  });

  async function connect(path: string): Promise<RawStreamClient> {
    const client = await RawStreamClient.connect(service, path);
    clients.push(client);
    // Past the opening: count only what the burst writes.
    await eventually(
      () => service.app.get(SseClientStreams).catchingUpCount === 0,
      'the opening to be written',
    );
    client.reset();
    return client;
  }

  it('reach a client in one write, the same bytes as one write per message', async () => {
    const client = await connect('/api/twitch/stream?types=event');
    const burst = ['ann', 'bob', 'cy', 'dee', 'eve'].map((user) => bus.publish(follow(user)));
    const expected = burst.map(chunkOf).join('');

    await eventually(() => client.text.length >= expected.length, 'the whole burst');
    expect(client.text).toBe(expected);
    expect(client.writes).toBe(1);
  });

  it('reach clients with different filters in one write each, with only what each asked for', async () => {
    const follows = await connect('/api/twitch/stream?events=channel.follow');
    const raids = await connect('/api/twitch/stream?events=channel.raid');
    const burst = [follow('fay'), raid('gus'), follow('hal'), raid('ida')].map((message) =>
      bus.publish(message),
    );
    const followChunks = [burst[0], burst[2]].map((m) => chunkOf(m as PublishedMessage)).join('');
    const raidChunks = [burst[1], burst[3]].map((m) => chunkOf(m as PublishedMessage)).join('');

    await eventually(
      () => follows.text.length >= followChunks.length && raids.text.length >= raidChunks.length,
      'both clients to get their part of the burst',
    );
    expect(follows.text).toBe(followChunks);
    expect(raids.text).toBe(raidChunks);
    expect([follows.writes, raids.writes]).toEqual([1, 1]);
  });

  it('published in separate turns still go out one write each, as they come', async () => {
    const client = await connect('/api/twitch/stream?types=event');
    const first = bus.publish(follow('jo'));
    await eventually(() => client.text === chunkOf(first), 'the first message');
    const second = bus.publish(follow('kim'));
    await eventually(
      () => client.text === chunkOf(first) + chunkOf(second),
      'the second message, after the first',
    );
    expect(client.writes).toBe(2);
  });
});
