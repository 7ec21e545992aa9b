import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import { loadConfig, type Environment } from '../config/app-config.js';
import type { EventMessage, StatsMessage } from '../contract/sse-contract.js';
import type { Delivery } from './live-fan-out.js';
import { SseClientStreams } from './sse-client-streams.js';

// SseClientStreams with no Nest around it: a bus over the memory log, the configuration from
// variables, and a bare HTTP server on loopback that hands every request to `serve`.

const follow = (n: number): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_name: `viewer${n}` },
});
const raid: EventMessage = { type: 'event', event: 'channel.raid', data: { viewers: 3 } };
const stats = (followers: number): StatsMessage => ({
  type: 'stats',
  data: { live: false, viewers: 0, followers, subs: 0 },
});

/** One SSE frame as it came over the wire. */
interface Frame {
  id?: string;
  retry?: string;
  data?: string;
  comment?: string;
}

/** A raw HTTP reader of one request: its status, headers and body as frames, as they arrive. */
class StreamReader {
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  body = '';
  ended = false;
  private request!: http.ClientRequest;
  private readonly listeners = new Set<() => void>();

  static open(port: number, path: string, headers: Record<string, string> = {}) {
    const reader = new StreamReader();
    return new Promise<StreamReader>((resolve, reject) => {
      reader.request = http.get(
        { host: '127.0.0.1', port, path, headers, agent: false },
        (response) => {
          reader.status = response.statusCode ?? 0;
          reader.headers = response.headers;
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            reader.body += chunk;
            reader.changed();
          });
          response.on('close', () => {
            reader.ended = true;
            reader.changed();
          });
          resolve(reader);
        },
      );
      reader.request.on('error', reject);
    });
  }

  /** The complete frames received (the empty line a stream starts with is not one). */
  get frames(): Frame[] {
    const complete = this.body.slice(0, this.body.lastIndexOf('\n\n') + 2);
    return complete
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => {
        const frame: Frame = {};
        for (const line of block.split('\n').filter((text) => text !== '')) {
          if (line.startsWith(':')) frame.comment = line.slice(1).trim();
          const [field, ...rest] = line.split(': ');
          if (field === 'id' || field === 'retry' || field === 'data')
            frame[field] = rest.join(': ');
        }
        return frame;
      });
  }

  /** The messages received: each frame with data, parsed, under its id. */
  get messages(): { id: number; message: { type: string; event?: string; data: unknown } }[] {
    return this.frames
      .filter((frame) => frame.data !== undefined)
      .map((frame) => ({ id: Number(frame.id), message: JSON.parse(frame.data as string) }));
  }

  /**
   * Resolves once `condition` holds, checked each time something arrives; fails when the answer
   * ended without it.
   */
  until(condition: (reader: this) => boolean): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        const met = condition(this);
        if (!met && !this.ended) return;
        this.listeners.delete(check);
        if (met) resolve();
        else
          reject(new Error(`The answer ended (${this.status}) with: ${this.body.slice(0, 500)}`));
      };
      this.listeners.add(check);
    });
  }

  /** Closes the connection from the client's side. */
  close(): Promise<void> {
    if (this.ended) return Promise.resolve();
    const closed = this.until((reader) => reader.ended);
    this.request.destroy();
    return closed;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Lets the event loop run until `condition` holds (what the server side sees takes a turn or two). */
async function settled(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('SseClientStreams', () => {
  let bus: EventBus;
  let streams: SseClientStreams;
  let server: http.Server;
  let port: number;
  let readers: StreamReader[];
  let warnings: string[];

  /** A bus over a memory log of `capacity` events and a running `SseClientStreams` on loopback. */
  async function start(env: Environment = {}, capacity = 500): Promise<void> {
    bus = new EventBus(new MemoryEventLog(capacity));
    streams = new SseClientStreams(bus, loadConfig({ SSE_RETRY_MS: '1234', ...env }, null));
    streams.onModuleInit();
    server = http.createServer((request, response) => streams.serve(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }

  async function connect(path = '', headers: Record<string, string> = {}): Promise<StreamReader> {
    const reader = await StreamReader.open(port, `/api/twitch/stream${path}`, headers);
    readers.push(reader);
    return reader;
  }

  beforeEach(() => {
    readers = [];
    warnings = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => {
      warnings.push(String(message));
    });
  });

  afterEach(async () => {
    await Promise.all(readers.map((reader) => reader.close()));
    streams.onModuleDestroy();
    await new Promise((resolve) => server.close(resolve));
    jest.restoreAllMocks();
  });

  describe('opening a stream', () => {
    it('starts a fresh one with the retry hint and the current state, under the bus’s id', async () => {
      await start();
      bus.publish(follow(1));
      const current = bus.publish(stats(7));
      bus.publish(follow(2));
      const reader = await connect();
      await reader.until((r) => r.messages.length === 1);
      expect(reader.status).toBe(200);
      expect(reader.headers['content-type']).toBe('text/event-stream');
      expect(reader.headers['access-control-allow-origin']).toBe('*');
      expect(reader.frames[0]).toEqual({ id: String(bus.lastId), retry: '1234' });
      // The state goes out under the cursor, so the client resumes from now; no event is replayed.
      expect(reader.messages).toEqual([{ id: bus.lastId, message: current.message }]);
      expect(streams.clientCount).toBe(1);
    });

    it('gives a client resuming with Last-Event-ID what it missed once, in order, the state that changed, then live messages', async () => {
      await start();
      const seen = bus.publish(follow(1));
      const missed = [bus.publish(follow(2)), bus.publish(raid)];
      const changed = bus.publish(stats(3));
      const reader = await connect('', { 'last-event-id': String(seen.id) });
      await reader.until((r) => r.messages.length === 3);
      // The retry hint carries the client's own position: a drop during the replay resumes there.
      expect(reader.frames[0]).toEqual({ id: String(seen.id), retry: '1234' });
      const live = bus.publish(follow(4));
      await reader.until((r) => r.messages.length === 4);
      expect(reader.messages).toEqual([
        ...missed.map(({ id, message }) => ({ id, message })),
        { id: changed.id, message: changed.message },
        { id: live.id, message: live.message },
      ]);
    });

    it('resumes the same way from ?lastEventId= (a reloaded page), and sends nothing twice when up to date', async () => {
      await start();
      const first = bus.publish(follow(1));
      const second = bus.publish(follow(2));
      const behind = await connect(`?lastEventId=${first.id}`);
      const upToDate = await connect(`?lastEventId=${second.id}`);
      await behind.until((r) => r.messages.length === 1);
      const live = bus.publish(follow(3));
      await behind.until((r) => r.messages.length === 2);
      await upToDate.until((r) => r.messages.length === 1);
      expect(behind.messages.map((m) => m.id)).toEqual([second.id, live.id]);
      expect(upToDate.messages.map((m) => m.id)).toEqual([live.id]);
    });

    it('tells a client whose missed events the log let go that its replay is incomplete, with the current state', async () => {
      await start({}, 2);
      const gone = bus.publish(follow(1));
      bus.publish(follow(2));
      const current = bus.publish(stats(1));
      const kept = [bus.publish(follow(3)), bus.publish(follow(4))];
      const reader = await connect('', { 'last-event-id': String(gone.id - 1) });
      await reader.until((r) => r.messages.length === 2);
      expect(reader.messages).toEqual([
        {
          id: bus.lastId,
          message: {
            type: 'status',
            data: {
              replay: 'incomplete',
              requestedId: gone.id - 1,
              oldestBufferedId: kept[0]?.id,
              latestId: bus.lastId,
            },
          },
        },
        { id: bus.lastId, message: current.message },
      ]);
    });

    it('answers HEAD with the stream’s headers and no body, and holds no client', async () => {
      await start();
      const response = await new Promise<http.IncomingMessage>((resolve) =>
        http
          .request({ host: '127.0.0.1', port, path: '/api/twitch/stream', method: 'HEAD' }, resolve)
          .end(),
      );
      response.resume();
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream');
      expect(streams.clientCount).toBe(0);
    });
  });

  describe('filters', () => {
    it('sends each client only the messages of the types and events it asked for, in its replay and live', async () => {
      await start();
      const start0 = bus.publish(follow(0));
      const missedRaid = bus.publish(raid);
      bus.publish(follow(1));
      const raids = await connect(`?events=channel.raid&lastEventId=${start0.id}`);
      const statsOnly = await connect('?types=stats');
      await raids.until((r) => r.messages.length === 1);
      bus.publish(follow(2));
      const liveRaid = bus.publish(raid);
      const liveStats = bus.publish(stats(5));
      await raids.until((r) => r.messages.length === 3);
      await statsOnly.until((r) => r.messages.length === 1);
      expect(raids.messages.map((m) => m.id)).toEqual([missedRaid.id, liveRaid.id, liveStats.id]);
      expect(statsOnly.messages.map((m) => m.id)).toEqual([liveStats.id]);
    });

    it('answers 400 naming the known types when ?types= names another, and opens no stream', async () => {
      await start();
      const reader = await connect('?types=stats,stat');
      await reader.until((r) => r.ended);
      expect(reader.status).toBe(400);
      expect(JSON.parse(reader.body)).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.parse(reader.body).message).toMatch(/"stat".*stats, event, status/);
      expect(streams.clientCount).toBe(0);
    });
  });

  describe('a catch-up (?catchUp=1)', () => {
    it('gets the opening alone, then an id-only frame at the current position, and the answer ends', async () => {
      await start();
      const seen = bus.publish(follow(1));
      const missed = bus.publish(follow(2));
      const reader = await connect(`?catchUp=1&lastEventId=${seen.id}`);
      await reader.until((r) => r.ended);
      expect(reader.status).toBe(200);
      expect(reader.messages).toEqual([{ id: missed.id, message: missed.message }]);
      expect(reader.frames.at(-1)).toEqual({ id: String(bus.lastId) });
    });

    it('is not a stream client: never counted, and gets no live message', async () => {
      await start();
      bus.publish(stats(1));
      const reader = await connect('?catchUp=1');
      await reader.until((r) => r.ended);
      bus.publish(follow(1));
      expect(streams.clientCount).toBe(0);
      expect(reader.messages.map((m) => m.message.type)).toEqual(['stats']);
    });
  });

  describe('admission', () => {
    it('answers 429 to one stream more than an address may hold, warns once per episode, and admits again once one closes', async () => {
      await start({ SSE_MAX_STREAMS_PER_ADDRESS: '2' });
      const held = [await connect(), await connect()];
      const refused = [await connect(), await connect()];
      for (const reader of refused) await reader.until((r) => r.ended);
      expect(refused.map((reader) => reader.status)).toEqual([429, 429]);
      expect(refused[0]?.headers['retry-after']).toBe('30');
      expect(refused[0]?.body).toMatch(/SSE_MAX_STREAMS_PER_ADDRESS/);
      expect(streams.refusedCount).toBe(2);
      expect(warnings.filter((line) => line.includes('(429)'))).toHaveLength(1);
      expect(streams.clientCount).toBe(2);

      await held[0]?.close();
      await settled(() => streams.clientCount === 1);
      const admitted = await connect();
      await admitted.until((r) => r.frames.length > 0);
      expect(admitted.status).toBe(200);
      expect(streams.clientCount).toBe(2);
    });

    it('answers 503 once the service holds SSE_MAX_STREAMS', async () => {
      await start({ SSE_MAX_STREAMS: '1' });
      await connect();
      const refused = await connect();
      await refused.until((r) => r.ended);
      expect(refused.status).toBe(503);
      expect(warnings.some((line) => line.includes('(503)'))).toBe(true);
    });
  });

  describe('live messages', () => {
    it('go to every client under their own ids, each reported delivered once with how many clients got it', async () => {
      await start();
      const deliveries: Delivery[] = [];
      const subscription = streams.delivered$.subscribe((delivery) => deliveries.push(delivery));
      const clients = [await connect(), await connect('?types=stats')];
      await settled(() => streams.catchingUpCount === 0);
      const event = bus.publish(follow(1));
      const state = bus.publish(stats(2));
      await clients[0]?.until((r) => r.messages.length === 2);
      await clients[1]?.until((r) => r.messages.length === 1);
      subscription.unsubscribe();
      expect(clients[0]?.messages.map((m) => m.id)).toEqual([event.id, state.id]);
      expect(deliveries.map(({ published, clients }) => [published.id, clients])).toEqual([
        [event.id, 1],
        [state.id, 2],
      ]);
    });

    it('stop for a client that closed: it is no longer counted', async () => {
      await start();
      const leaving = await connect();
      const staying = await connect();
      await leaving.close();
      await settled(() => streams.clientCount === 1);
      const event = bus.publish(follow(1));
      await staying.until((r) => r.messages.length === 1);
      expect(staying.messages[0]?.id).toBe(event.id);
      expect(leaving.messages).toEqual([]);
    });
  });

  it('sends live clients a comment heartbeat every SSE_HEARTBEAT_SECONDS', async () => {
    // Only the heartbeat's interval is faked: the sockets and the writer's turns run for real.
    jest.useFakeTimers({
      doNotFake: [
        'Date',
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      await start({ SSE_HEARTBEAT_SECONDS: '5' });
      const reader = await connect();
      await settled(() => streams.catchingUpCount === 0 && reader.frames.length > 0);
      expect(reader.frames.some((frame) => frame.comment === 'ping')).toBe(false);
      jest.advanceTimersByTime(5_000);
      await reader.until((r) => r.frames.some((frame) => frame.comment === 'ping'));
      jest.advanceTimersByTime(5_000);
      await reader.until((r) => r.frames.filter((frame) => frame.comment === 'ping').length === 2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('on shutdown ends every stream, then answers 503 to new ones', async () => {
    await start();
    const reader = await connect();
    await settled(() => streams.catchingUpCount === 0);
    streams.onModuleDestroy();
    await reader.until((r) => r.ended);
    const late = await connect();
    await late.until((r) => r.ended);
    expect(late.status).toBe(503);
  });
});
