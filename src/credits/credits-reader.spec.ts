import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../bus/event-bus.js';
import type { EventLog } from '../bus/event-log.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import { SqliteEventLog } from '../bus/sqlite-event-log.js';
import { loadConfig } from '../config/app-config.js';
import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import type { StreamLedger } from '../streams/stream-ledger.js';
import { BusStreamLog } from '../streams/stream-log.js';
import { StreamSpans } from '../streams/stream-span.js';
import { CreditsReader } from './credits-reader.js';

const logs: EventLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});

function sqliteLog(maxEvents = 100_000): SqliteEventLog {
  const path = join(mkdtempSync(join(tmpdir(), 'twitch-realtime-credits-')), 'events.db');
  const log = SqliteEventLog.open(path, {
    maxEvents,
    maxAgeMs: 365 * 86_400_000,
    memoryEvents: 50,
  });
  logs.push(log);
  return log;
}

function setUp(
  log: EventLog,
  events = 'channel.follow,channel.cheer,stream.online,stream.offline',
) {
  const bus = new EventBus(log);
  const spans = new StreamSpans();
  const config = loadConfig({ EVENTSUB_EVENTS: events }, null);
  // The ledger's two readings the credits use, over spans the test moves itself.
  const ledger = {
    live: async () => spans.current,
    page: async (limit: number) => spans.all.slice(-limit).reverse(),
  };
  const reader = new CreditsReader(
    new BusStreamLog(bus),
    config,
    ledger as unknown as StreamLedger,
  );
  const publish = (event: TwitchEventType, data: Record<string, unknown> = {}) =>
    bus.publishEvent({ type: 'event', event, data } as EventMessage).id;
  const online = () => spans.online(publish('stream.online'), Date.now(), new Date().toISOString());
  const offline = () => spans.offline(publish('stream.offline'), Date.now());
  return { bus, reader, publish, online, offline };
}

describe('CreditsReader', () => {
  it('has no stream and no names before the first stream', async () => {
    const { bus, reader, publish } = setUp(new MemoryEventLog(100));
    publish('channel.follow', { user_login: 'early' });
    expect(await reader.credits()).toMatchObject({
      stream: null,
      lastId: bus.lastId,
      bitsFrom: 'channel.cheer',
      sections: { followers: [], cheerers: [] },
      incomplete: [],
    });
  });

  it('reads the live stream’s names, however many pages they take, and only its own', async () => {
    const { bus, reader, publish, online, offline } = setUp(sqliteLog());
    online();
    publish('channel.follow', { user_login: 'first_stream' });
    offline();
    publish('channel.follow', { user_login: 'between' });
    online();
    for (let n = 0; n < 4_500; n++) publish('channel.follow', { user_login: `f${n}` });
    publish('channel.cheer', { user_login: 'ana', user_name: 'Ana', bits: 100 });

    const credits = await reader.credits();
    expect(credits.stream).toMatchObject({ id: 2, live: true });
    expect(credits.lastId).toBe(bus.lastId);
    expect(credits.sections.followers).toHaveLength(4_500);
    expect(credits.sections.followers[0]).toEqual({ name: 'f0', login: 'f0', amount: 1 });
    expect(credits.sections.followers.at(-1)?.login).toBe('f4499');
    expect(credits.sections.cheerers).toEqual([{ name: 'Ana', login: 'ana', amount: 100 }]);
  });

  it('gives the last stream’s names when none is live, without what came after it', async () => {
    const { reader, publish, online, offline } = setUp(new MemoryEventLog(100));
    online();
    publish('channel.follow', { user_login: 'old' });
    offline();
    online();
    publish('channel.follow', { user_login: 'fan', user_name: 'Fan' });
    offline();
    publish('channel.follow', { user_login: 'after' });

    const credits = await reader.credits();
    expect(credits.stream).toMatchObject({ id: 2, live: false, endSource: 'stream.offline' });
    expect(credits.sections.followers).toEqual([{ name: 'Fan', login: 'fan', amount: 1 }]);
  });

  it('counts cheerers from channel.bits.use when the service subscribes to it', async () => {
    const { reader, publish, online } = setUp(
      new MemoryEventLog(100),
      'channel.cheer,channel.bits.use,stream.online,stream.offline',
    );
    online();
    publish('channel.cheer', { user_login: 'cat', bits: 100 });
    publish('channel.bits.use', { user_login: 'cat', bits: 100, type: 'cheer' });
    publish('channel.bits.use', { user_login: 'pow', bits: 50, type: 'power_up' });
    const credits = await reader.credits();
    expect(credits.bitsFrom).toBe('channel.bits.use');
    expect(credits.sections.cheerers).toEqual([
      { name: 'cat', login: 'cat', amount: 100 },
      { name: 'pow', login: 'pow', amount: 50 },
    ]);
  });

  it('names the sections whose events retention pruned', async () => {
    const log = sqliteLog(5);
    const { reader, publish, online } = setUp(log);
    online();
    publish('channel.cheer', { user_login: 'ana', bits: 10 });
    for (let n = 0; n < 8; n++) publish('channel.follow', { user_login: `f${n}` });
    await log.prune();

    const credits = await reader.credits();
    expect(credits.incomplete).toEqual(['followers', 'cheerers']);
    expect(credits.sections.followers).toHaveLength(5);
  });
});
