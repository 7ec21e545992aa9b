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
import type { StreamLedger } from './stream-ledger.js';
import { StreamEvents } from './stream-events.js';
import { BusStreamLog } from './stream-log.js';
import { StreamRecapReader } from './stream-recap-reader.js';
import { StreamSpans } from './stream-span.js';

const logs: EventLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
});

function sqliteLog(maxEvents = 100_000): SqliteEventLog {
  const path = join(mkdtempSync(join(tmpdir(), 'twitch-realtime-streams-')), 'events.db');
  const log = SqliteEventLog.open(path, {
    maxEvents,
    maxAgeMs: 365 * 86_400_000,
    memoryEvents: 50,
  });
  logs.push(log);
  return log;
}

function setUp(log: EventLog) {
  const bus = new EventBus(log);
  const spans = new StreamSpans();
  const config = loadConfig(
    { EVENTSUB_EVENTS: 'channel.follow,channel.cheer,stream.online,stream.offline' },
    null,
  );
  const ledger = {
    viewers: async () => [{ streamId: 1, at: Date.parse('2026-12-01T18:01:00Z'), viewers: 12 }],
  };
  const streamLog = new BusStreamLog(bus);
  const reader = new StreamRecapReader(
    bus,
    config,
    ledger as unknown as StreamLedger,
    new StreamEvents(streamLog),
    streamLog,
  );
  const publish = (event: TwitchEventType, data: Record<string, unknown> = {}) =>
    bus.publishEvent({ type: 'event', event, data } as EventMessage).id;
  return { bus, spans, reader, publish };
}

describe('StreamRecapReader', () => {
  it('reads only the events between a stream’s start and end, however many pages they take', async () => {
    const { spans, reader, publish } = setUp(sqliteLog());
    publish('channel.follow', { user_login: 'before' });
    spans.online(
      publish('stream.online', { started_at: '2026-12-01T18:00:00.000Z' }),
      0,
      '2026-12-01T18:00:00.000Z',
    );
    for (let n = 0; n < 4_500; n++) publish('channel.follow', { user_login: `f${n}` });
    publish('channel.cheer', { user_login: 'ana', user_name: 'Ana', bits: 100 });
    spans.offline(publish('stream.offline'), Date.parse('2026-12-01T20:00:00.000Z'));
    publish('channel.follow', { user_login: 'after' });

    const recap = await reader.recap(spans.all[0]!);
    expect(recap.followers).toBe(4_500);
    expect(recap.bits).toEqual({ total: 100, cheers: 100, powerUps: null, combos: null });
    expect(recap.topCheerer).toEqual({ name: 'Ana', login: 'ana', amount: 100 });
    // stream.online, the follows, the cheer and stream.offline.
    expect(recap.events).toBe(4_503);
    expect(recap.viewerSeries).toEqual([{ at: '2026-12-01T18:01:00.000Z', viewers: 12 }]);
    expect(recap.incomplete).toEqual([]);
  });

  it('reads the live stream up to the newest event', async () => {
    const { spans, reader, publish } = setUp(new MemoryEventLog(100));
    spans.online(publish('stream.online'), 0, '2026-12-01T18:00:00.000Z');
    publish('channel.follow', { user_login: 'a' });
    publish('channel.follow', { user_login: 'b' });
    expect((await reader.recap(spans.current!)).followers).toBe(2);
  });

  it('names the figures whose events retention pruned, and keeps counting what is left', async () => {
    const log = sqliteLog(5);
    const { spans, reader, publish } = setUp(log);
    spans.online(publish('stream.online'), 0, '2026-12-01T18:00:00.000Z');
    publish('channel.cheer', { user_login: 'ana', bits: 10 });
    for (let n = 0; n < 8; n++) publish('channel.follow', { user_login: `f${n}` });
    await log.prune();

    const recap = await reader.recap(spans.current!);
    expect(recap.incomplete).toEqual(['followers', 'bits']);
    expect(recap.followers).toBe(5);
    expect(recap.bits.total).toBe(0);
  });

  it('names a figure incomplete in the memory log once its events fell out of the ring', async () => {
    const { spans, reader, publish } = setUp(new MemoryEventLog(3));
    spans.online(publish('stream.online'), 0, '2026-12-01T18:00:00.000Z');
    for (let n = 0; n < 4; n++) publish('channel.follow', { user_login: `f${n}` });
    const recap = await reader.recap(spans.current!);
    expect(recap.incomplete).toEqual(['followers']);
    expect(recap.followers).toBe(3);
  });

  it('names every figure of a stream that ran while the log could not write its file', async () => {
    const { bus, spans, reader, publish } = setUp(new MemoryEventLog(100));
    spans.online(publish('stream.online'), 0, '2026-12-01T18:00:00.000Z');
    publish('channel.follow', { user_login: 'a' });
    Object.defineProperty(bus, 'logStatus', {
      get: () => ({ durable: true, state: 'memory-only', since: '2026-12-01T18:30:00.000Z' }),
    });
    const recap = await reader.recap(spans.current!);
    expect(recap.incomplete).toEqual([
      'followers',
      'subs',
      'giftBombs',
      'bits',
      'raids',
      'redemptions',
      'hypeTrains',
      'goalsReached',
    ]);
    spans.offline(publish('stream.offline'), Date.parse('2026-12-01T18:20:00.000Z'));
    expect((await reader.recap(spans.all[0]!)).incomplete).toEqual([]);
  });
});
