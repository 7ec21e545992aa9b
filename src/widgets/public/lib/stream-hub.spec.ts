import { jest } from '@jest/globals';
import { StreamHub, type HubMessage } from './stream-hub.js';

/** A stream response the test writes to, as the server would. */
class FakeStream {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly response: Response;
  constructor() {
    const body = new ReadableStream<Uint8Array>({ start: (c) => (this.controller = c) });
    this.response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }
  write(text: string): void {
    this.controller.enqueue(new TextEncoder().encode(text));
  }
  drop(): void {
    this.controller.error(new Error('dropped'));
  }
}

const frame = (id: number, data: unknown) => `id: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the hub that holds the browser’s one stream', () => {
  const realFetch = globalThis.fetch;
  let streams: FakeStream[];
  let told: HubMessage[];
  let hub: StreamHub;

  beforeEach(() => {
    streams = [];
    told = [];
    globalThis.fetch = jest.fn(async () => {
      const stream = new FakeStream();
      streams.push(stream);
      return stream.response;
    }) as typeof fetch;
    hub = new StreamHub({
      broadcast: (message) => told.push(message),
      send: (_member, message) => told.push(message),
    });
  });

  afterEach(() => {
    hub.stop();
    globalThis.fetch = realFetch;
  });

  const of = <K extends HubMessage['kind']>(kind: K) =>
    told.filter((message): message is Extract<HubMessage, { kind: K }> => message.kind === kind);

  it('opens the whole stream, fresh, and answers a page that joined before it opened', async () => {
    hub.start();
    hub.receive({ kind: 'join', member: 'a', since: 100 });
    await settle();
    expect(globalThis.fetch).toHaveBeenCalledWith('/api/twitch/stream', expect.anything());
    streams[0]!.write('\nid: 100\nretry: 3000\n\n' + frame(100, { type: 'stats' }));
    await settle();
    expect(of('epoch')).toEqual([{ kind: 'epoch', epoch: expect.any(String), start: 100 }]);
    // The state under the start id is what the page's own catch-up already gave it.
    expect(of('joined')).toEqual([
      { kind: 'joined', member: 'a', epoch: of('epoch')[0]!.epoch, state: 'open', frames: [] },
    ]);
  });

  it('relays the frames of one read together, in order, and gives a page that joins later what it missed', async () => {
    hub.start();
    await settle();
    streams[0]!.write('\nid: 100\n\n');
    await settle();
    streams[0]!.write(frame(101, { n: 1 }) + frame(102, { n: 2 }));
    await settle();
    expect(of('frames').map((message) => message.frames.map((f) => f.id))).toEqual([[101, 102]]);
    hub.receive({ kind: 'join', member: 'b', since: 101 });
    expect(of('joined')[0]!.frames).toEqual([{ id: 102, data: JSON.stringify({ n: 2 }) }]);
    // A page whose place is before the connection's start must catch up on its own.
    hub.receive({ kind: 'join', member: 'c', since: 99 });
    expect(of('behind')).toEqual([{ kind: 'behind', member: 'c' }]);
  });

  it('passes the server’s heartbeats on, so pages know the hub is alive', async () => {
    hub.start();
    await settle();
    streams[0]!.write('\nid: 1\n\n: ping\n\n');
    await settle();
    expect(of('alive')).toHaveLength(1);
  });

  it('starts a new epoch, never resuming, after the connection drops', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      hub.start();
      await Promise.resolve();
      await jest.advanceTimersByTimeAsync(0);
      streams[0]!.write('\nid: 100\nretry: 1000\n\n');
      await jest.advanceTimersByTimeAsync(0);
      streams[0]!.drop();
      await jest.advanceTimersByTimeAsync(0);
      expect(of('state').at(-1)).toEqual({ kind: 'state', state: 'reconnecting' });
      // A page joining now waits for the next connection.
      hub.receive({ kind: 'join', member: 'd', since: 100 });
      expect(of('joined')).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1_500);
      expect(globalThis.fetch).toHaveBeenLastCalledWith('/api/twitch/stream', expect.anything());
      streams[1]!.write('\nid: 105\n\n');
      await jest.advanceTimersByTimeAsync(0);
      const [first, second] = of('epoch');
      expect(second).toMatchObject({ start: 105 });
      expect(second!.epoch).not.toBe(first!.epoch);
      expect(of('behind')).toEqual([{ kind: 'behind', member: 'd' }]);
    } finally {
      jest.useRealTimers();
    }
  });
});
