// The heavy reads of issue 27, against one service whose event log holds 63,000 events (~32 MB):
// public clients looping on GET /api/events/recent, 200 clients resuming all of it at once, and
// 400 that resume all of it and never read. Each row is the alert latency of 100 reading clients,
// the health check's slowest answer and the server's own event-loop lag while it runs, printed
// against the same service with nothing else going on (the first row), in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  connectClients,
  histogram,
  histogramDelta,
  nextSeqs,
  nowUs,
  sleep,
  steadyPhase,
} from './bench-phases.mjs';
import { get, startService, waitFor } from './bench-servers.mjs';

/** Reading clients whose alert latency is measured. */
const READERS = 100;
/** Alerts per row, and their rate: 10 s of alerts. */
const ALERTS = 100;
const ALERT_RATE = 10;
/** The service's own histograms: EventSub frame → first SSE write, and publish → last client. */
const INGEST = 'twitch_realtime_ingest_latency_seconds';
const DELIVERY = 'twitch_realtime_sse_delivery_lag_seconds';
/** Clients looping on GET /api/events/recent at once, as in the issue. */
const LOOPS = 4;
const RESUMERS = 200;
const NON_READERS = 400;

/** A logged cheer of about 500 bytes, carrying the bench marker of `seq` as the simulator's do. */
function cheer(seq) {
  return {
    type: 'event',
    event: 'channel.cheer',
    data: {
      is_anonymous: false,
      user_id: '1000001',
      user_login: 'bench_viewer',
      user_name: 'bench_viewer',
      broadcaster_user_id: '1000000',
      broadcaster_user_login: 'bench_broadcaster',
      broadcaster_user_name: 'bench_broadcaster',
      message: `bench:${seq}:${nowUs()} ${'x'.repeat(220)}`,
      bits: 100,
    },
  };
}

/**
 * Writes an event log of `count` cheers into a new DATA_DIR with the service's own log class (the
 * build's), so the service starts with them as if it had published them; returns the folder and
 * the cheers' sequence numbers.
 */
async function prefilledDataDir(count) {
  const dataDir = mkdtempSync(join(tmpdir(), 'twitch-realtime-bench-log-'));
  const { SqliteEventLog } = await import(
    pathToFileURL(join(import.meta.dirname, '../dist/bus/sqlite-event-log.js')).href
  );
  const log = SqliteEventLog.open(join(dataDir, 'events.db'), {
    maxEvents: 100_000,
    maxAgeMs: 30 * 24 * 3600 * 1000,
    memoryEvents: 500,
  });
  const seqs = nextSeqs(count);
  for (const seq of seqs) log.append(cheer(seq), { kind: 'history' });
  log.close();
  return { dataDir, seqs };
}

/**
 * Starts `count` loops GETting `url` in a process of their own (`request-loops.mjs`, on the
 * clients' cores); `stop()` ends them and gives their answers by status and bytes.
 */
async function requestLoops(url, count, pin) {
  const script = join(import.meta.dirname, 'request-loops.mjs');
  const [command, args] = pin
    ? ['taskset', ['-c', pin, process.execPath, script, url, String(count)]]
    : [process.execPath, [script, url, String(count)]];
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  await next(); // started
  return {
    async stop() {
      const answered = next();
      child.send('stop');
      return (await answered).answers;
    },
  };
}

/** GETs the health check every 50 ms until stopped; the slowest answer and the median (ms). */
function healthProbe(url) {
  const times = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await get(url);
      times.push(performance.now() - started);
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      times.sort((a, b) => a - b);
      return { requests: times.length, p50Ms: times[times.length >> 1], maxMs: times.at(-1) };
    },
  };
}

/**
 * One row: `load()` starts (and is not waited for: clients connecting and resuming are part of
 * it) as `ALERTS` alerts go out at `ALERT_RATE` per second to the readers, while the health check
 * is probed and the server's event-loop lag read; then `stop()` of what `load()` resolved to.
 */
async function row(server, generators, name, load = async () => ({ stop: async () => null })) {
  const histograms = async () => ({
    ingest: await histogram(server, INGEST),
    delivery: await histogram(server, DELIVERY),
  });
  const before = await histograms();
  await server.lag.start();
  const health = healthProbe(`http://${server.stream.host}:${server.stream.port}/api/health`);
  const running = load();
  const alerts = await steadyPhase(server, generators, { count: ALERTS, rate: ALERT_RATE });
  const lag = await server.lag.stop();
  const after = await histograms();
  const ingest = histogramDelta(before.ingest, after.ingest, 50);
  const delivery = histogramDelta(before.delivery, after.delivery, 50);
  const healthFigures = await health.stop();
  // A load that cannot finish (clients that never get their headers) is reported, not waited for.
  const loadFigures = await Promise.race([
    (async () => (await running).stop())(),
    sleep(60_000).then(() => ({ timedOut: 'the load did not finish within 60 s' })),
  ]);
  return { name, alerts, ingest, delivery, health: healthFigures, lag, load: loadFigures };
}

/** Waits until the storm's clients got everything up to `seq`, or `timeoutMs` passed. */
async function resumersReached(generators, seq, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await generators.all('resumeProgress', () => ({ seq }));
    const open = progress.reduce((sum, p) => sum + p.open, 0);
    const reached = progress.reduce((sum, p) => sum + p.reached, 0);
    const withErrors = progress.reduce((sum, p) => sum + p.withErrors, 0);
    const firstError = progress.find((p) => p.firstError)?.firstError ?? null;
    if (reached >= open || Date.now() > deadline) return { open, reached, withErrors, firstError };
    await sleep(200);
  }
}

/**
 * The rows of issue 27 against one service with `loggedEvents` events in its log (63,000 in the
 * issue's probe).
 */
export async function heavyReads(loggedEvents, context) {
  const { generators } = context;
  const { dataDir, seqs } = await prefilledDataDir(loggedEvents);
  const server = await startService({
    ...context.serviceOptions,
    env: { DATA_DIR: dataDir, EVENT_LOG_MAX_EVENTS: '100000' },
  });
  const base = `http://${server.stream.host}:${server.stream.port}`;
  const result = { loggedEvents, readers: READERS, rows: [] };
  try {
    await connectClients(generators, server.stream, READERS);
    await steadyPhase(server, generators, { count: 5, rate: 5 }); // warm-up
    result.rows.push(await row(server, generators, 'nothing else (the baseline)'));
    for (const limit of [100_000, 500]) {
      result.rows.push(
        await row(server, generators, `${LOOPS} loops on /api/events/recent?limit=${limit}`, () =>
          requestLoops(`${base}/api/events/recent?limit=${limit}`, LOOPS, context.pins.clients),
        ),
      );
    }
    const oldest = await server.oldestKeptId();
    // Everything after the oldest event: the whole log but one, then the alerts of the rows.
    const resume = (command, count, extra = {}) =>
      generators.all(command, (index) => ({
        target: {
          ...server.stream,
          localAddress: generators.localAddress(index),
          lastEventId: oldest,
        },
        count: generators.share(count, index),
        ...extra,
      }));
    result.rows.push(
      await row(
        server,
        generators,
        `${RESUMERS} clients resuming ${seqs.length - 1} events`,
        async () => {
          await resume('resume', RESUMERS, {
            lastEventId: oldest,
            firstSeq: seqs[1],
            lastReplaySeq: seqs.at(-1),
          });
          return { stop: async () => null };
        },
      ),
    );
    result.resumers = await resumersReached(generators, seqs.at(-1), 120_000);
    await generators.all('closeAll');
    await waitFor(async () => (await server.health())?.sse?.clients === 0, 'the clients to close');
    await connectClients(generators, server.stream, READERS);
    result.rows.push(
      await row(
        server,
        generators,
        `${NON_READERS} clients resuming it that never read`,
        async () => {
          await resume('stall', NON_READERS);
          return { stop: async () => null };
        },
      ),
    );
    await generators.all('closeAll');
  } finally {
    await server.stop();
  }
  return result;
}

/** Prints the rows against the first (nothing else running), as a table. */
export function printHeavyReads(result) {
  const [baseline] = result.rows;
  const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');
  const ratio = (value, base) =>
    Number.isFinite(value) && base > 0 ? `×${(value / base).toFixed(1)}` : '';
  console.log(
    `\nHeavy reads (issue 27): ${result.loggedEvents.toLocaleString('en')} events in the log, alerts to ${result.readers} reading clients at ${ALERT_RATE}/s`,
  );
  const header = [
    'while',
    'ingest p50 / p99 (ms)',
    'fan-out p99 (ms)',
    'clients saw p50 / p99 / max (ms)',
    'ingest p99 vs baseline',
    'health max (ms)',
    'loop lag max / own (ms)',
    'waited for core (ms)',
    'load',
  ];
  const lines = result.rows.map((r) => [
    r.name,
    `${ms(r.ingest?.p50Ms)} / ${ms(r.ingest?.p99Ms)}`,
    ms(r.delivery?.p99Ms),
    `${ms(r.alerts.p50Ms)} / ${ms(r.alerts.p99Ms)} / ${ms(r.alerts.maxMs)}${r.alerts.complete ? '' : ' (incomplete)'}`,
    r === baseline ? '' : ratio(r.ingest?.p99Ms, baseline.ingest?.p99Ms),
    ms(r.health.maxMs),
    `${ms(r.lag.maxMs)} / ${ms(r.lag.ownMaxMs)}`,
    ms(r.alerts.waitedMs),
    loadText(r.load),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
  console.log(
    'ingest: EventSub frame → first SSE write, and fan-out: published → written to the last client, from the service’s own histograms (GET /metrics); clients saw: publish → received, which on a 2-core machine includes the load generators’ own backlog while they parse gigabytes of replay; loop lag own: the longest stall less the time the service waited for its core.',
  );
  if (result.resumers) {
    const r = result.resumers;
    console.log(
      `Resuming clients: ${r.reached} of ${r.open} got every event to the newest, ${r.withErrors} saw a gap, repeat or reordering${r.firstError ? ` (first: ${r.firstError})` : ''}.`,
    );
  }
}

/** What a row's load did: the answers of request loops, or that the clients never all connected. */
function loadText(load) {
  if (!load) return '';
  if (load.timedOut) return 'not all clients got their headers within 60 s';
  return `${load.total} answers ${JSON.stringify(load.byStatus)}, ${(load.bytes / 1e6).toFixed(1)} MB`;
}
