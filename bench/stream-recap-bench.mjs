// What a stream's recap costs (issue 25): a 10-hour stream of 50,000 events in a log that holds
// 50,000 older events before it, a viewer count polled every minute. Times the recap read from the
// log (the events of the stream's id range, a page at a time, added up) — the first one and the
// median of the next — and the stream's CSV and JSON downloads written to a sink; for the SQLite
// log (one instance) and the log's stream in Redis (REDIS_URL: what every instance reads), on a
// redis-server the bench starts itself (skipped, saying so, without one). Prints figures; never
// fails on a slow machine.
//
//   node bench/stream-recap-bench.mjs [--events 50000] [--before 50000] [--runs 7] [--log sqlite|redis|both]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, waitFor } from './bench-servers.mjs';
import { EventBus } from '../dist/bus/event-bus.js';
import { MemoryEventLog } from '../dist/bus/memory-event-log.js';
import { SqliteEventLog } from '../dist/bus/sqlite-event-log.js';
import { RedisConnections } from '../dist/cluster/redis-connections.js';
import { RedisKeys } from '../dist/cluster/redis-keys.js';
import { RedisSharedStreamLog } from '../dist/cluster/redis-shared-stream-log.js';
import { loadConfig } from '../dist/config/app-config.js';
import { writeStreamEvents } from '../dist/streams/stream-events-download.js';
import { summaryOf } from '../dist/streams/stream-recap.js';
import { StreamEvents } from '../dist/streams/stream-events.js';
import { BusStreamLog } from '../dist/streams/stream-log.js';
import { StreamRecapReader } from '../dist/streams/stream-recap-reader.js';
import { StreamSpans } from '../dist/streams/stream-span.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    before: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '7' },
    log: { type: 'string', default: 'both' },
  },
});
const streamEvents = Number(values.events);
const olderEvents = Number(values.before);
const runs = Number(values.runs);

const viewer = (n) => ({
  user_id: String(100000 + (n % 5000)),
  user_login: `viewer_${n % 5000}`,
  user_name: `Viewer_${n % 5000}`,
});
/** A stream's mix: mostly follows, cheers and subs, some redemptions, gifts and raids. */
function eventOf(n) {
  const who = viewer(n);
  const kind = n % 20;
  if (kind < 7) return ['channel.follow', { ...who, followed_at: new Date().toISOString() }];
  if (kind < 11) {
    const message = { text: `Cheer100 message ${n}`.padEnd(200, '.'), fragments: [] };
    return ['channel.bits.use', { ...who, bits: 100, type: 'cheer', message, power_up: null }];
  }
  if (kind < 14) return ['channel.subscribe', { ...who, tier: '1000', is_gift: false }];
  if (kind < 16)
    return [
      'channel.subscription.message',
      { ...who, tier: '2000', cumulative_months: 7, message: { text: 'hi', emotes: [] } },
    ];
  if (kind < 19)
    return [
      'channel.channel_points_custom_reward_redemption.add',
      {
        ...who,
        reward: { id: 'r', title: `Reward ${n % 7}`, cost: 100, prompt: '' },
        user_input: '',
      },
    ];
  if (n % 40 === 19)
    return [
      'channel.subscription.gift',
      { ...who, total: 5, tier: '1000', is_anonymous: false, cumulative_total: null },
    ];
  return [
    'channel.raid',
    {
      from_broadcaster_user_login: who.user_login,
      from_broadcaster_user_name: who.user_name,
      viewers: 12,
    },
  ];
}

const startedAt = '2026-12-01T14:00:00.000Z';
const series = Array.from({ length: 600 }, (_, minute) => ({
  streamId: 1,
  at: Date.parse(startedAt) + minute * 60_000,
  viewers: 100 + (minute % 50),
}));
const config = loadConfig(
  {
    EVENTSUB_EVENTS:
      'channel.follow,channel.subscribe,channel.subscription.message,channel.subscription.gift,channel.bits.use,channel.raid,channel.channel_points_custom_reward_redemption.add,stream.online,stream.offline',
  },
  null,
);

/**
 * Every message of the log in order, `olderEvents` before the stream and the stream's own: calls
 * `publish(event, data)`, which returns the id it got; returns the stream's span.
 */
function fillLog(publish) {
  for (let n = 0; n < olderEvents; n++) publish(...eventOf(n));
  const spans = new StreamSpans();
  spans.online(
    publish('stream.online', { started_at: startedAt }),
    Date.parse(startedAt),
    startedAt,
  );
  for (let n = 0; n < streamEvents - 2; n++) publish(...eventOf(n));
  spans.offline(publish('stream.offline', {}), Date.parse(startedAt) + 10 * 3_600_000);
  return spans.all[0];
}

/** Times the recap and the two downloads of `span`, read through `streamLog`. */
async function measure(name, bus, streamLog, span) {
  const reader = new StreamRecapReader(
    bus,
    config,
    { viewers: async () => series },
    new StreamEvents(streamLog),
    streamLog,
  );
  const time = async () => {
    const started = performance.now();
    const recap = await reader.recap(span);
    return { ms: performance.now() - started, recap };
  };
  const first = await time();
  const times = [];
  for (let run = 0; run < runs; run++) times.push((await time()).ms);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${name}: recap of a stream of ${first.recap.events} events (log of ${olderEvents + streamEvents}): first ${first.ms.toFixed(0)} ms, median of ${runs} ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}).`,
  );
  console.log(
    `  followers ${first.recap.followers}, subs ${JSON.stringify(first.recap.subs)}, bits ${first.recap.bits.total}, redemptions ${first.recap.redemptions.length} rewards, incomplete ${JSON.stringify(first.recap.incomplete)}, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  );

  // The downloads, to a sink that reads at once: the time to read every event of the stream from
  // the log and write it out (a page of the log and a 64 KB slice at a time).
  for (const format of ['csv', 'json']) {
    const sink = new (class extends Writable {
      bytes = 0;
      writeHead() {}
      _write(chunk, _encoding, done) {
        this.bytes += chunk.length;
        done();
      }
    })();
    const started = performance.now();
    await writeStreamEvents(sink, format, span, summaryOf(span), new StreamEvents(streamLog));
    const ms = performance.now() - started;
    console.log(
      `  ${format.toUpperCase()} download: ${(sink.bytes / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`,
    );
  }
}

async function sqliteRun() {
  const folder = mkdtempSync(join(tmpdir(), 'twitch-realtime-recap-bench-'));
  const log = SqliteEventLog.open(join(folder, 'events.db'), {
    maxEvents: olderEvents + streamEvents + 10,
    maxAgeMs: 365 * 86_400_000,
    memoryEvents: 500,
  });
  try {
    const bus = new EventBus(log);
    const span = fillLog((event, data) => bus.publishEvent({ type: 'event', event, data }).id);
    await measure('SQLite', bus, new BusStreamLog(bus), span);
  } finally {
    log.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The log's stream in Redis as the leader writes it (`<id>-0`: k, t, m), a pipeline at a time. */
async function redisRun() {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.log('Redis: skipped (no redis-server here: sudo apt-get install -y redis-server).');
    return;
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await waitFor(() => output.includes('Ready to accept connections'), 'redis-server to start');
  const redis = await RedisConnections.open(`redis://127.0.0.1:${port}`);
  try {
    const keys = new RedisKeys('bench');
    let id = 0;
    let pipeline = redis.command.pipeline();
    const writes = [];
    const span = fillLog((event, data) => {
      id++;
      const json = JSON.stringify({ type: 'event', event, data, sentAt: new Date().toISOString() });
      pipeline.xadd(keys.log, `${id}-0`, 'k', 'h', 't', String(Date.now()), 'm', json);
      if (id % 1_000 === 0) {
        writes.push(pipeline.exec());
        pipeline = redis.command.pipeline();
      }
      return id;
    });
    writes.push(pipeline.exec());
    await Promise.all(writes);
    // The bus only answers the recovery status here (none): the events come from Redis.
    const bus = new EventBus(new MemoryEventLog(10));
    await measure('Redis', bus, new RedisSharedStreamLog(redis, keys, () => id), span);
  } finally {
    await redis.close();
    child.kill('SIGKILL');
  }
}

if (values.log !== 'redis') await sqliteRun();
if (values.log !== 'sqlite') await redisRun();
