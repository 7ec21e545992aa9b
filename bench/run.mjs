// `npm run bench`: the fan-out benchmark, the service against a raw node:http baseline.
// See bench/README.md for what it measures and how; `npm run bench -- --help` for the options.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { USAGE, readOptions } from './bench-options.mjs';
import {
  burstPhase,
  connectClients,
  helixPerPoll,
  histogram,
  histogramBetween,
  histogramDelta,
  histogramSum,
  histogramSummary,
  medianRound,
  processFigures,
  sleep,
  steadyPhase,
} from './bench-phases.mjs';
import { startBaseline, startService, stopAllServers, waitFor } from './bench-servers.mjs';
import { LoadGenerators } from './load-generators.mjs';
import { fdLimit, pinCores, procAvailable, usage } from './process-usage.mjs';
import { printReport } from './bench-report.mjs';
import { reconnectStorm, stallDrop } from './storm-phases.mjs';
import { heavyReads, printHeavyReads } from './heavy-reads-phases.mjs';
import { chatRun, printChat } from './chat-phases.mjs';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
/** Descriptors a server needs beside its clients (listeners, simulator, stdio, epoll…). */
const FD_HEADROOM = 100;
const CLIENTS_PER_GENERATOR = 5_000;
const WARMUP_EVENTS = 5;
/** The service's histogram of EventSub frame → first SSE write (GET /metrics). */
const INGEST = 'twitch_realtime_ingest_latency_seconds';

/** A size the fd limit allows, with a note when it had to be lowered. */
function fitToFdLimit(requested, limit, notes) {
  const allowed = limit - FD_HEADROOM;
  if (requested <= allowed) return requested;
  notes.push(
    `${requested.toLocaleString('en')} clients need about ${(requested + FD_HEADROOM).toLocaleString('en')} open files ` +
      `in one process but the limit is ${limit} (ulimit -n): ran with ${allowed.toLocaleString('en')}. ` +
      'Raise it with `ulimit -n 65536` in the shell that runs the bench (the hard limit, `ulimit -Hn`, ' +
      'must allow it: set `* - nofile 65536` in /etc/security/limits.conf, or LimitNOFILE=65536 for a ' +
      'systemd unit, or `prlimit --nofile=65536 --pid $$` as root), then run it again.',
  );
  return allowed;
}

/** Events per second in the steady phase: low enough that each fan-out ends before the next. */
function steadyRate(options, size) {
  if (options.rate !== 'auto') return options.rate;
  return Math.max(1, Math.min(20, Math.round(40_000 / size)));
}

/** How the service is started: its core, the simulator's, demo mode or not, the poll interval. */
function serviceOptions({ options, pins }) {
  return {
    pin: pins.server,
    simulatorPin: pins.clients,
    pollSeconds: options.pollSeconds,
    demo: options.demo,
    entry: options.entry,
    types: options.types,
  };
}

/** One side of the comparison at one size: connect, warm up, steady rate, burst. */
async function compare(kind, size, context) {
  const { options, generators, pins } = context;
  const profileFile = options.profile
    ? join(RESULTS, `${kind}-${size}-${context.stamp}.cpuprofile`)
    : null;
  const server =
    kind === 'service'
      ? await startService({ ...serviceOptions(context), profileFile })
      : await startBaseline({ pin: pins.server, profileFile });
  const result = { kind, size };
  try {
    await sleep(1000);
    const idle = usage(server.pid);
    if (kind === 'service') {
      // Counted from the poll that just made the service ready, with one client listening.
      await connectClients(generators, server.stream, 1);
      result.helixOneClient = await helixPerPoll(server, options.pollSeconds, { fromNow: true });
      await generators.all('closeAll');
    }
    result.connect = await connectClients(generators, server.stream, size);
    await sleep(1000);
    const held = usage(server.pid);
    const rate = steadyRate(options, size);
    await steadyPhase(server, generators, { count: WARMUP_EVENTS, rate });
    const ingestBefore = kind === 'service' ? await histogram(server, INGEST) : null;
    result.rounds = [];
    // The ingest histogram around each phase, to tell steady events' latency from a burst's.
    const ingestNow = () => (kind === 'service' ? histogram(server, INGEST) : null);
    let ingestSteady = null;
    let ingestBurst = null;
    for (let round = 0; round < options.rounds; round++) {
      const beforeSteady = await ingestNow();
      const steady = await steadyPhase(server, generators, {
        count: rate * options.steadySeconds,
        rate,
      });
      const beforeBurst = await ingestNow();
      const burst = await burstPhase(server, generators, { count: options.burst });
      const afterBurst = await ingestNow();
      ingestSteady = histogramSum(ingestSteady, histogramBetween(beforeSteady, beforeBurst));
      ingestBurst = histogramSum(ingestBurst, histogramBetween(beforeBurst, afterBurst));
      result.rounds.push({ steady: { ...steady, rate }, burst });
    }
    // One hiccup of the machine (a GC, the hypervisor) sets a round's p99: the median round is
    // what the server does, the others are in the JSON.
    result.steady = medianRound(result.rounds.map((round) => round.steady));
    result.burst = medianRound(result.rounds.map((round) => round.burst));
    result.memory = {
      rssIdle: idle.rss,
      rssWithClients: held.rss,
      perClient: (held.rss - idle.rss) / result.connect.connected,
      fdsWithClients: held.fds,
    };
    if (kind === 'service') {
      result.ingest = histogramDelta(ingestBefore, await histogram(server, INGEST), 2);
      result.ingestSteady = histogramSummary(ingestSteady, 2);
      result.ingestBurst = histogramSummary(ingestBurst, 2);
      // After the rounds: counting polls reads /api/health every 200 ms, work the baseline is
      // never asked for, which would land in the service's CPU per event.
      result.helixWithClients = await helixPerPoll(server, options.pollSeconds);
    }
    await generators.all('closeAll');
  } finally {
    await server.stop();
  }
  if (profileFile) result.profile = profileFile;
  return result;
}

/**
 * A client that stops reading, beside `stallClients` that read: the others' latency with and
 * without it, and whether (and after how much) the service drops it.
 */
async function stalledClient(context) {
  const { options, generators } = context;
  const server = await startService(serviceOptions(context));
  const padding = options.stallPayload;
  const readers = options.stallClients;
  const result = { readers, paddingBytes: padding };
  try {
    await connectClients(generators, server.stream, readers);
    result.withoutStalled = await steadyPhase(server, generators, {
      count: 50,
      rate: 100,
      padding,
    });
    await generators.call(0, 'stall', {
      target: { ...server.stream, localAddress: generators.localAddress(0) },
    });
    await waitFor(
      async () => (await server.health())?.sse?.clients === readers + 1,
      'the stalled client to connect',
    );
    const before = await processFigures(server);
    let dropped = false;
    let eventsUntilDropped = null;
    let published = 0;
    const maxEvents = 3000;
    // Publishes in steps of 25 events until the service lets the stalled client go.
    while (!dropped && published < maxEvents) {
      const step = await steadyPhase(server, generators, { count: 25, rate: 200, padding });
      published += 25;
      result.withStalled = mergePhases(result.withStalled, step);
      dropped = (await server.health())?.sse?.clients === readers;
      if (dropped) eventsUntilDropped = published;
    }
    const after = await processFigures(server);
    Object.assign(result, {
      dropped,
      eventsUntilDropped,
      bytesUntilDropped: eventsUntilDropped === null ? null : eventsUntilDropped * (padding + 500),
      rssBefore: before.rss,
      rssAfter: after.rss,
      peakRss: result.withStalled?.peakRss ?? null,
    });
    await generators.all('closeAll');
  } finally {
    await server.stop();
  }
  return result;
}

/** Keeps the worst of two phase summaries (for a phase published in steps). */
function mergePhases(total, step) {
  if (!total) return step;
  return {
    ...step,
    events: total.events + step.events,
    p50Ms: Math.max(total.p50Ms, step.p50Ms),
    p99Ms: Math.max(total.p99Ms, step.p99Ms),
    maxMs: Math.max(total.maxMs, step.maxMs),
    lastClientMaxMs: Math.max(total.lastClientMaxMs, step.lastClientMaxMs),
    delivered: Math.min(total.delivered, step.delivered),
    peakRss: Math.max(total.peakRss, step.peakRss),
  };
}

/** Connect, read, disconnect `options.churn` times; the service's figures every quarter. */
async function churn(context) {
  const { options, generators } = context;
  const server = await startService(serviceOptions(context));
  try {
    await sleep(1000);
    return await churnCycles(server, options.churn, generators);
  } finally {
    await server.stop();
  }
}

async function churnCycles(server, total, generators) {
  const checkpoints = [{ cycles: 0, ...(await processFigures(server)) }];
  const quarter = Math.ceil(total / 4);
  let done = 0;
  let failed = 0;
  while (done < total) {
    const cycles = Math.min(quarter, total - done);
    const results = await generators.all('churn', (index) => ({
      target: { ...server.stream, localAddress: generators.localAddress(index) },
      cycles: generators.share(cycles, index),
    }));
    failed += results.reduce((sum, r) => sum + r.failed, 0);
    done += cycles;
    await sleep(500);
    checkpoints.push({ cycles: done, ...(await processFigures(server)) });
  }
  return { cycles: done, failed, checkpoints };
}

/** The service holding `count` clients at once, each getting an event. */
async function hold(count, context) {
  const { generators } = context;
  const server = await startService(serviceOptions(context));
  try {
    await sleep(1000);
    const idle = usage(server.pid);
    const connect = await connectClients(generators, server.stream, count);
    await sleep(1000);
    const held = await processFigures(server);
    await steadyPhase(server, generators, { count: 2, rate: 10 });
    const delivery = await steadyPhase(server, generators, { count: 5, rate: 5 });
    await generators.all('closeAll');
    return {
      requested: count,
      connect,
      clientsSeenByService: held.clients,
      delivery,
      rssWithClients: held.rss,
      perClient: (held.rss - idle.rss) / connect.connected,
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (!procAvailable()) {
    console.error('The benchmark reads /proc to measure the servers: it runs on Linux only.');
    process.exit(2);
  }
  mkdirSync(RESULTS, { recursive: true });
  const notes = [];
  // The servers get the last core to themselves; this process and the clients share the others.
  const { cores, pinned, pins } = pinCores();
  if (!pinned)
    notes.push('Servers and clients share every core (needs 2+ cores and taskset to pin them).');

  const limit = fdLimit();
  const sizes = options.sizes.map((size) => fitToFdLimit(size, limit, notes));
  const holdCount = options.hold > 0 ? fitToFdLimit(options.hold, limit, notes) : 0;
  const storms = options.storm.map((size) => fitToFdLimit(size, limit, notes));
  const chatSizes = options.chat.map((size) => fitToFdLimit(size, limit, notes));
  const largest = Math.max(
    ...sizes,
    ...storms.map((size) => size + 100),
    ...chatSizes,
    holdCount,
    options.stallClients,
    options.stallDrop + 100,
  );
  const generatorCount =
    options.generators ?? Math.max(2, Math.ceil(largest / CLIENTS_PER_GENERATOR));
  const generators = await LoadGenerators.start(generatorCount, pins.clients);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      console.error(`\n${signal}: stopping the servers and load generators`);
      await Promise.all([stopAllServers(), generators.stop()]);
      process.exit(130);
    });
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const context = { options, generators, pins, stamp };
  context.serviceOptions = serviceOptions(context);
  const report = {
    startedAt: new Date().toISOString(),
    entry: options.entry ?? 'dist/main.js',
    machine: { cores, pinned, pins, fdLimit: limit, node: process.version },
    options,
    sizes: [],
    stall: null,
    storms: [],
    stallDrop: null,
    heavyReads: null,
    churn: null,
    hold: null,
    chat: [],
    notes,
  };
  const out = options.out ?? join(RESULTS, `bench-${stamp}.json`);
  const save = () => {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
  };
  try {
    for (const size of sizes) {
      const entry = { size };
      for (const kind of ['service', 'baseline']) {
        if (options.only && options.only !== kind) continue;
        console.error(`… ${kind}, ${size.toLocaleString('en')} clients`);
        entry[kind] = await compare(kind, size, context);
      }
      report.sizes.push(entry);
      save();
    }
    if (options.only !== 'baseline' && options.stallClients > 0) {
      console.error('… a stalled client');
      report.stall = await stalledClient(context);
      save();
    }
    for (const size of storms) {
      const entry = { size };
      for (const kind of ['service', 'baseline']) {
        if (options.only && options.only !== kind) continue;
        console.error(`… ${kind}, reconnect storm of ${size.toLocaleString('en')} clients`);
        entry[kind] = await reconnectStorm(kind, size, context);
      }
      report.storms.push(entry);
      save();
    }
    if (options.only !== 'baseline' && options.stallDrop > 0) {
      console.error(`… ${options.stallDrop} clients that stop reading at once`);
      report.stallDrop = await stallDrop(options.stallDrop, context);
      save();
    }
    if (options.only !== 'baseline' && options.heavyReads > 0) {
      console.error(
        `… heavy reads over ${options.heavyReads.toLocaleString('en')} logged events (issue 27)`,
      );
      report.heavyReads = await heavyReads(options.heavyReads, context);
      save();
    }
    if (options.only !== 'baseline' && options.churn > 0) {
      console.error(`… ${options.churn.toLocaleString('en')} connect/read/disconnect cycles`);
      report.churn = await churn(context);
      save();
    }
    if (!options.only) {
      for (const size of chatSizes) {
        console.error(
          `… the chat run: ${size.toLocaleString('en')} clients, chat at ${options.chatRates.join(' and ')} messages a second`,
        );
        report.chat.push(await chatRun(size, context));
        save();
      }
    }
    if (options.only !== 'baseline' && holdCount > 0) {
      console.error(`… holding ${holdCount.toLocaleString('en')} clients`);
      report.hold = await hold(holdCount, context);
      save();
    }
  } finally {
    await generators.stop();
  }
  report.finishedAt = new Date().toISOString();
  save();
  printReport(report);
  if (report.heavyReads) printHeavyReads(report.heavyReads);
  if (report.chat.length > 0) printChat(report.chat);
  console.log(`\nFigures: ${out}`);
  if (options.only !== 'baseline' && !options.fanoutOnly) {
    // The durable event log's own cost, against the in-memory log (bench/event-log-bench.mjs).
    console.log('');
    execFileSync(
      process.execPath,
      [fileURLToPath(new URL('./event-log-bench.mjs', import.meta.url))],
      {
        stdio: 'inherit',
      },
    );
    // What chat costs the SQLite and Redis logs, and their size over a flood (bench/chat-log-bench.mjs).
    console.log('');
    spawnSync(process.execPath, [fileURLToPath(new URL('./chat-log-bench.mjs', import.meta.url))], {
      stdio: 'inherit',
    });
    // Several instances on Redis against one (bench/cluster-bench.mjs); it says if Redis is missing.
    console.log('');
    spawnSync(process.execPath, [fileURLToPath(new URL('./cluster-bench.mjs', import.meta.url))], {
      stdio: 'inherit',
    });
  }
}

main().catch(async (error) => {
  console.error(`The benchmark itself broke: ${error.stack ?? error}`);
  await stopAllServers();
  process.exit(1);
});
