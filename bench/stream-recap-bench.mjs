// What a stream's recap costs (issue 25): a 10-hour stream of 50,000 events in an SQLite log that
// holds 50,000 older events before it, a viewer count polled every minute. Times the recap read
// from the file (the events of the stream's id range, a page at a time, added up) — the first one
// and the median of the next — and the stream's CSV and JSON downloads written to a sink. Prints
// figures; never fails on a slow machine.
//
//   node bench/stream-recap-bench.mjs [--events 50000] [--before 50000] [--runs 7]
import { mkdtempSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EventBus } from '../dist/bus/event-bus.js';
import { SqliteEventLog } from '../dist/bus/sqlite-event-log.js';
import { loadConfig } from '../dist/config/app-config.js';
import { writeStreamEvents } from '../dist/streams/stream-events-download.js';
import { summaryOf } from '../dist/streams/stream-recap.js';
import { StreamEvents } from '../dist/streams/stream-events.js';
import { StreamRecapReader } from '../dist/streams/stream-recap-reader.js';
import { StreamSpans } from '../dist/streams/stream-span.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' },
    before: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '7' },
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

const folder = mkdtempSync(join(tmpdir(), 'twitch-realtime-recap-bench-'));
const log = SqliteEventLog.open(join(folder, 'events.db'), {
  maxEvents: olderEvents + streamEvents + 10,
  maxAgeMs: 365 * 86_400_000,
  memoryEvents: 500,
});
try {
  const bus = new EventBus(log);
  const publish = (event, data) => bus.publishEvent({ type: 'event', event, data }).id;
  for (let n = 0; n < olderEvents; n++) publish(...eventOf(n));
  const spans = new StreamSpans();
  const startedAt = '2026-12-01T14:00:00.000Z';
  spans.online(
    publish('stream.online', { started_at: startedAt }),
    Date.parse(startedAt),
    startedAt,
  );
  for (let n = 0; n < streamEvents - 2; n++) publish(...eventOf(n));
  spans.offline(publish('stream.offline', {}), Date.parse(startedAt) + 10 * 3_600_000);
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
  const reader = new StreamRecapReader(
    bus,
    config,
    { viewers: () => series },
    new StreamEvents(bus),
  );
  const span = spans.all[0];

  const time = () => {
    const started = performance.now();
    const recap = reader.recap(span);
    return { ms: performance.now() - started, recap };
  };
  const first = time();
  const times = Array.from({ length: runs }, () => time().ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `Recap of a stream of ${first.recap.events} events (log of ${log.eventCount}): first ${first.ms.toFixed(0)} ms, median of ${runs} ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}).`,
  );
  console.log(
    `  followers ${first.recap.followers}, subs ${JSON.stringify(first.recap.subs)}, bits ${first.recap.bits.total}, redemptions ${first.recap.redemptions.length} rewards, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
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
    await writeStreamEvents(sink, format, span, summaryOf(span), new StreamEvents(bus));
    const ms = performance.now() - started;
    console.log(
      `  ${format.toUpperCase()} download: ${(sink.bytes / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`,
    );
  }
} finally {
  log.close();
  rmSync(folder, { recursive: true, force: true });
}
