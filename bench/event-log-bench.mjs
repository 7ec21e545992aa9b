// The durable event log's cost, measured against the in-memory log in the same run: what one
// append costs (the file is written before a message goes out), how long a start takes with a big
// log, and how long a replay read from the file takes. Prints figures; never fails on a slow machine.
//
//   node bench/event-log-bench.mjs [--events 100000] [--appends 20000]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MemoryEventLog } from '../dist/bus/memory-event-log.js';
import { SqliteEventLog } from '../dist/bus/sqlite-event-log.js';
import { percentile } from './latency-summary.mjs';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    appends: { type: 'string', default: '20000' },
  },
});
const logSize = Number(values.events);
const appends = Number(values.appends);
const memoryEvents = 500; // SSE_REPLAY_BUFFER_SIZE's default

/** A cheer like the ones the fan-out benchmark sends (about 600 bytes of JSON). */
const cheer = (n) => ({
  type: 'event',
  event: 'channel.cheer',
  data: {
    is_anonymous: false,
    user_id: String(100000 + (n % 5000)),
    user_login: `viewer_${n % 5000}`,
    user_name: `Viewer_${n % 5000}`,
    broadcaster_user_id: '1000',
    broadcaster_user_login: 'demo_streamer',
    broadcaster_user_name: 'Demo_Streamer',
    message: `Cheer100 bench message number ${n} `.padEnd(300, '.'),
    bits: 100,
  },
  sentAt: new Date().toISOString(),
});
const history = { kind: 'history' };

function appendMicros(log, count) {
  const micros = [];
  for (let n = 0; n < count; n++) {
    const started = process.hrtime.bigint();
    log.append(cheer(n), history);
    micros.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return micros;
}

const options = { maxEvents: logSize, maxAgeMs: 30 * 86_400_000, memoryEvents };
const dir = mkdtempSync(join(tmpdir(), 'twitch-realtime-log-bench-'));
const path = join(dir, 'events.db');
try {
  // 1. Appends: the file against memory.
  const memory = appendMicros(new MemoryEventLog(memoryEvents), appends);
  const sqlite = SqliteEventLog.open(path, options);
  const file = appendMicros(sqlite, appends);

  // 2. Fill to the log size, then a start (open) with that many events in the file.
  for (let n = appends; n < logSize; n++) sqlite.append(cheer(n), history);
  const oldest = sqlite.oldestEventId;
  sqlite.close();
  const starts = [];
  let reopened;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    reopened = SqliteEventLog.open(path, options);
    starts.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (i < 2) reopened.close();
  }

  // 3. A replay read from the file: a client 10,000 events behind (past the memory).
  const readStarted = process.hrtime.bigint();
  const behind = reopened.eventsAfter(reopened.lastId - 10_000 * 1 - 1);
  const readMs = Number(process.hrtime.bigint() - readStarted) / 1e6;
  const fullStarted = process.hrtime.bigint();
  const all = reopened.eventsAfter(oldest - 1);
  const fullMs = Number(process.hrtime.bigint() - fullStarted) / 1e6;
  reopened.close();

  const f = (x) => x.toFixed(1);
  const sortedFile = [...file].sort((x, y) => x - y);
  const sortedMemory = [...memory].sort((x, y) => x - y);
  console.log(
    `Event log cost (${appends.toLocaleString()} appends of a ~600-byte cheer; log of ${logSize.toLocaleString()} events)`,
  );
  console.log('');
  console.log('                      SQLite (WAL)   memory (baseline)   ratio');
  for (const p of [50, 99, 99.9]) {
    const a = percentile(sortedFile, p);
    const b = percentile(sortedMemory, p);
    console.log(
      `  append p${String(p).padEnd(5)}        ${f(a).padStart(7)} µs   ${f(b).padStart(10)} µs   ${(a / b).toFixed(1)}×`,
    );
  }
  console.log('');
  console.log(
    `  start with ${logSize.toLocaleString()} events: ${starts.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} (goal: under 2,000 ms)`,
  );
  console.log(
    `  replay of ${behind.events.length.toLocaleString()} events from the file: ${readMs.toFixed(0)} ms; all ${all.events.length.toLocaleString()}: ${fullMs.toFixed(0)} ms`,
  );
  console.log(`  file size: ${(statSync(path).size / 1e6).toFixed(1)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
