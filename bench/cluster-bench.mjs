// Cluster mode (REDIS_URL) under load: one instance holding every client against several sharing
// them, both on a redis-server this bench starts itself, with events on the real path (a cheer in
// the simulator → EventSub → Twurple → the leader → Redis stream → every instance → SSE). Then what
// the Redis hop adds (the leader's own histogram) and what a failover costs (kill -9 of the leader
// while events flow: how many reach the surviving instances' clients live, and when the Helix poll
// and the dashboard's commands resume). Prints figures; never fails on a slow machine.
//
//   npm run bench:cluster [-- --clients 20000 --instances 2 --rounds 3]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  burstPhase,
  connectClients,
  histogram,
  histogramDelta,
  medianRound,
  nextSeqs,
  nowUs,
  sleep,
  steadyPhase,
} from './bench-phases.mjs';
import {
  freePort,
  startService,
  startSimulator,
  stopAllServers,
  waitFor,
} from './bench-servers.mjs';
import { LoadGenerators } from './load-generators.mjs';
import { cpuMs, fdLimit, pinCores, procAvailable, runQueueMs, usage } from './process-usage.mjs';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const INSTALL_HINT =
  'The cluster benchmark needs a real Redis: install it with `sudo apt-get install -y redis-server`, then run it again.';
/** Descriptors an instance needs beside its clients (listeners, Redis, simulator, stdio…). */
const FD_HEADROOM = 100;
const CLIENTS_PER_GENERATOR = 5_000;
const WARMUP_EVENTS = 5;
const HOP = 'twitch_realtime_redis_hop_seconds';
const INGEST = 'twitch_realtime_ingest_latency_seconds';
/** Events per second while the leader is killed (each one timestamped, so the gap shows). */
const FAILOVER_RATE = 10;
const FAILOVER_TIMEOUT_MS = 30_000;

const USAGE = `Usage: npm run bench:cluster -- [options]

Options:
  --clients <n>     clients in all, held by one instance, then shared by --instances (default 20000)
  --instances <n>   instances sharing them in the second layout (default 2)
  --rounds <n>      rounds (steady phase, then burst) per layout; the median round is shown (default 3)
  --steady <s>      length of a round's steady phase (default 4)
  --burst <n>       events published at once in a round's burst (default 20)
  --hop-events <n>  events timed through Redis before any client connects (default 200)
  --help            this text`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '20000' },
      instances: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '3' },
      steady: { type: 'string', default: '4' },
      burst: { type: 'string', default: '20' },
      'hop-events': { type: 'string', default: '200' },
      help: { type: 'boolean', default: false },
    },
  });
  const whole = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`--${name} must be a whole number of at least ${min}, not "${values[name]}"`);
    return value;
  };
  return {
    help: values.help,
    clients: whole('clients', 1),
    instances: whole('instances', 2),
    rounds: whole('rounds', 1),
    steadySeconds: whole('steady', 1),
    burst: whole('burst', 1),
    hopEvents: whole('hop-events', 0),
  };
}

/** The redis-server of the layout being measured, so an interrupted run stops it too. */
let runningRedis = null;

async function startRedis(pin) {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const [command, argv] = pin
    ? ['taskset', ['-c', pin, 'redis-server', ...args]]
    : ['redis-server', args];
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`redis-server did not start:\n${output}`);
    return output.includes('Ready to accept connections');
  }, 'redis-server to start');
  runningRedis = {
    pid: child.pid,
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGKILL');
      }),
  };
  return runningRedis;
}

/** This instance's own entry in /api/health's list of instances. */
const self = (health) => health?.instances?.[0];

/** The role the n-th instance started takes: the first leads, the second stands by (STANDBY). */
const roleOf = (n) => (n === 0 ? 'leader' : n === 1 ? 'standby' : 'follower');

/**
 * A cluster on a fresh Redis and simulator: the first instance is started and leads (it holds the
 * Twitch connection and has written to the stream) before the others start; the second holds its
 * own EventSub session as the standby before the next starts.
 */
async function startCluster(count, { pins, redis, simulator }) {
  const instances = [];
  for (let n = 0; n < count; n++) {
    const listens = roleOf(n) !== 'follower';
    instances.push(
      await startService({
        pin: pins.server,
        pollSeconds: 10,
        simulator,
        env: { REDIS_URL: redis.url, INSTANCE_ID: `bench-${n}` },
        ready: (health) =>
          self(health)?.role === roleOf(n) &&
          health.eventsub?.subscriptions?.every?.((s) => s.status === 'enabled') !== false &&
          (!listens || health.eventsub?.state === 'connected'),
      }),
    );
  }
  // Every instance sees the others and has read what the leader wrote so far.
  await waitFor(async () => {
    const healths = await Promise.all(instances.map((i) => i.health()));
    return healths.every(
      (health) =>
        health?.instances?.length === count && health.bus?.lastId === healths[0].bus?.lastId,
    );
  }, 'every instance to see the others and read the leader’s messages');
  return instances;
}

/**
 * A phase of bench-phases.mjs against the cluster: events are published through the simulator once
 * (the leader gets them), CPU is counted over every instance and Redis.
 */
async function clusterPhase(run, instances, redis) {
  const pids = instances.map((i) => i.pid);
  const before = {
    instances: pids.map(cpuMs),
    redis: cpuMs(redis.pid),
    waited: pids.map(runQueueMs),
    at: Date.now(),
  };
  const phase = await run();
  // How long the instances' main threads were ready to run but waited for a CPU (other work on
  // the machine), per second of the phase: what makes them late without being their doing.
  const waited = pids.reduce((sum, pid, index) => sum + runQueueMs(pid) - before.waited[index], 0);
  const perInstance = pids.map((pid, index) => cpuMs(pid) - before.instances[index]);
  const cpu = perInstance.reduce((sum, ms) => sum + ms, 0);
  const redisCpu = cpuMs(redis.pid) - before.redis;
  return {
    ...phase,
    cpuMs: cpu,
    cpuMsPerEvent: cpu / phase.events,
    // The leader first.
    cpuMsPerEventByInstance: perInstance.map((ms) => ms / phase.events),
    redisCpuMsPerEvent: redisCpu / phase.events,
    waitedForCpuMsPerSecond: (waited / (Date.now() - before.at)) * 1000,
    // The phase's own peak RSS is the leader's only.
    peakRss: undefined,
  };
}

/** Both histograms the leader keeps, for deltas around a phase. */
async function leaderHistograms(leader) {
  return { hop: await histogram(leader, HOP), ingest: await histogram(leader, INGEST) };
}

function addDelta(total, before, after) {
  const delta = histogramDelta(before, after, 2);
  if (!delta) return total;
  total.push(delta);
  return total;
}

/** Merges deltas of several phases into one summary (counts add, percentiles of the worst). */
function mergeDeltas(deltas) {
  if (deltas.length === 0) return null;
  return {
    count: deltas.reduce((sum, d) => sum + d.count, 0),
    p50Ms: Math.max(...deltas.map((d) => d.p50Ms)),
    p99Ms: Math.max(...deltas.map((d) => d.p99Ms)),
    overLimit: deltas.reduce((sum, d) => sum + d.overLimit, 0),
    limitMs: 2,
  };
}

/** One layout: `count` instances sharing `clients`, measured as the fan-out bench measures one. */
async function layout(count, clients, context) {
  const { options, pins, generators } = context;
  const redis = await startRedis(pins.clients);
  const simulator = await startSimulator(pins.clients);
  let instances = [];
  const result = { instances: count, clients };
  try {
    instances = await startCluster(count, { pins, redis, simulator });
    const [leader] = instances;
    // The publisher: triggers go to the simulator, which only the leader is subscribed to.
    const cluster = { ...leader, cpu: null };
    await sleep(1000);
    const idle = instances.map((i) => usage(i.pid));
    const redisIdle = usage(redis.pid);

    // The Redis hop with nothing else to do: no client connected.
    if (options.hopEvents > 0) {
      const before = await histogram(leader, HOP);
      const phase = await clusterPhase(
        () => steadyPhase(cluster, generators, { count: options.hopEvents, rate: 20 }),
        instances,
        redis,
      );
      await sleep(500);
      result.hopUnloaded = {
        ...histogramDelta(before, await histogram(leader, HOP), 2),
        waitedForCpuMsPerSecond: phase.waitedForCpuMsPerSecond,
      };
    }

    result.connect = [];
    for (const [index, instance] of instances.entries()) {
      const share = Math.floor(clients / count) + (index < clients % count ? 1 : 0);
      result.connect.push(await connectClients(generators, instance.stream, share));
    }
    await sleep(1000);
    const held = instances.map((i) => usage(i.pid));
    // Each count is every generator's open clients so far.
    const connected = result.connect.at(-1).connected;
    result.connected = connected;
    result.memory = {
      rssIdle: idle.reduce((sum, u) => sum + u.rss, 0),
      rssWithClients: held.reduce((sum, u) => sum + u.rss, 0),
      perInstanceRss: held.map((u) => u.rss),
      redisRss: usage(redis.pid).rss,
      redisRssIdle: redisIdle.rss,
    };
    result.memory.perClient = (result.memory.rssWithClients - result.memory.rssIdle) / connected;

    const rate = Math.max(1, Math.min(20, Math.round(40_000 / clients)));
    await steadyPhase(cluster, generators, { count: WARMUP_EVENTS, rate });
    const steadyHops = [];
    const burstHops = [];
    const ingest = [];
    result.rounds = [];
    for (let round = 0; round < options.rounds; round++) {
      let before = await leaderHistograms(leader);
      const steady = await clusterPhase(
        () => steadyPhase(cluster, generators, { count: rate * options.steadySeconds, rate }),
        instances,
        redis,
      );
      let after = await leaderHistograms(leader);
      addDelta(steadyHops, before.hop, after.hop);
      addDelta(ingest, before.ingest, after.ingest);
      before = after;
      const burst = await clusterPhase(
        () => burstPhase(cluster, generators, { count: options.burst }),
        instances,
        redis,
      );
      after = await leaderHistograms(leader);
      addDelta(burstHops, before.hop, after.hop);
      result.rounds.push({ steady: { ...steady, rate }, burst });
    }
    result.steady = medianRound(result.rounds.map((r) => r.steady));
    result.burst = medianRound(result.rounds.map((r) => r.burst));
    result.hopSteady = mergeDeltas(steadyHops);
    result.hopBurst = mergeDeltas(burstHops);
    result.ingestSteady = mergeDeltas(ingest);
    if (count > 1) result.failover = await failover(instances, generators);
    await generators.all('closeAll');
  } finally {
    for (const instance of instances) await instance.stop();
    await simulator.stop();
    await redis.stop();
  }
  return result;
}

/**
 * kill -9 of the leader while cheers go out at FAILOVER_RATE per second. Counted, not sampled:
 * every cheer published after the kill, and whether it reached every client of the surviving
 * instances live (a recovered Bits total carries no cheer's marker) and how often. Also when the
 * first of them reached every client, and when the new leader's Helix poll and the dashboard's
 * commands (run by the leader) resumed.
 */
async function failover(instances, generators) {
  const [leader, ...survivors] = instances;
  const publishedUs = new Map();
  await generators.all('take');
  // Events flow before the kill too, so it happens mid-stream.
  const publishOne = () => {
    const [seq] = nextSeqs(1);
    const at = nowUs();
    publishedUs.set(seq, at);
    return leader.publish([seq], at).catch(() => null);
  };
  for (let i = 0; i < FAILOVER_RATE; i++) {
    await publishOne();
    await sleep(1000 / FAILOVER_RATE);
  }
  const lastBefore = Math.max(...publishedUs.keys());
  const killedUs = nowUs();
  const killedAt = Date.now();
  process.kill(leader.pid, 'SIGKILL');
  const deadline = killedAt + FAILOVER_TIMEOUT_MS;
  const resumed = { poll: null, commands: null };
  const probes = [
    probe(deadline, async () => {
      for (const survivor of survivors) {
        const health = await survivor.health();
        if (self(health)?.role === 'leader' && Date.parse(health?.poll?.lastPollAt) > killedAt)
          return (resumed.poll = Date.now() - killedAt);
      }
      return null;
    }),
    probe(deadline, async () => {
      const answer = await leaderCommand(survivors.at(-1));
      return answer === 200 ? (resumed.commands = Date.now() - killedAt) : null;
    }),
  ];
  const arrivals = new Map();
  const collect = async () => {
    for (const take of await generators.all('take'))
      for (const [seq, { count, maxUs }] of take.events) {
        const seen = arrivals.get(seq) ?? { count: 0, maxUs: 0 };
        arrivals.set(seq, { count: seen.count + count, maxUs: Math.max(seen.maxUs, maxUs) });
      }
  };
  const openClients = async () =>
    (await generators.all('progress', () => ({ seq: 0 }))).reduce((sum, p) => sum + p.open, 0);
  let firstAfter = null;
  // Publishes until a cheer sent after the kill reached every surviving client and both the poll
  // and the commands resumed, and 2 s more.
  while (
    Date.now() < deadline &&
    (firstAfter === null ||
      resumed.poll === null ||
      resumed.commands === null ||
      nowUs() - firstAfter.atUs < 2e6)
  ) {
    await publishOne();
    await sleep(1000 / FAILOVER_RATE);
    await collect();
    const open = await openClients();
    if (firstAfter === null)
      for (const [seq, seen] of [...arrivals].sort((a, b) => a[0] - b[0])) {
        if (seq <= lastBefore || seen.count < open) continue;
        firstAfter = { seq, atUs: publishedUs.get(seq) + seen.maxUs, clients: open };
        break;
      }
  }
  await Promise.all(probes);
  const after = [...publishedUs.keys()].filter((seq) => seq > lastBefore);
  const open = await openClients();
  // The last cheers are still on their way: wait until each reached every client, or 10 s.
  await waitFor(
    async () => {
      await collect();
      return after.every((seq) => (arrivals.get(seq)?.count ?? 0) >= open) || null;
    },
    'the cheers published after the kill to arrive',
    10_000,
  ).catch(() => null);
  const newLeader = await waitFor(
    async () => {
      const roles = await Promise.all(survivors.map(async (i) => self(await i.health())));
      return roles.find((role) => role?.role === 'leader')?.id ?? null;
    },
    'a new leader',
    10_000,
  ).catch(() => null);
  const reached = (seq) => arrivals.get(seq)?.count ?? 0;
  return {
    newLeader,
    survivingClients: open,
    firstEventMs: firstAfter ? (firstAfter.atUs - killedUs) / 1000 : null,
    firstEventPublishedMs: firstAfter ? (publishedUs.get(firstAfter.seq) - killedUs) / 1000 : null,
    publishedAfterKill: after.length,
    deliveredAfterKill: after.filter((seq) => reached(seq) > 0).length,
    // A cheer lost live: it did not reach every surviving client (not even late).
    lostLive: after.filter((seq) => reached(seq) < open).length,
    // Deliveries beyond one per client.
    duplicates: after.reduce((sum, seq) => sum + Math.max(0, reached(seq) - open), 0),
    pollResumedMs: resumed.poll,
    commandsResumedMs: resumed.commands,
  };
}

/** Runs `check` every 200 ms until it answers a value or `deadline` passes. */
async function probe(deadline, check) {
  while (Date.now() < deadline) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    await sleep(200);
  }
  return null;
}

/**
 * A dashboard command only the leader runs (a second on the subathon timer), asked of `instance`
 * (a follower hands it to the leader); resolves to the HTTP status (503 while no instance leads).
 */
async function leaderCommand(instance) {
  const response = await fetch(`${instance.baseUrl}/api/admin/subathon/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds: 1 }),
  });
  await response.arrayBuffer();
  return response.status;
}

// --- the report

const n = (value, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value) => (value >= 100 ? n(value, 0) : n(value, 1));
const mb = (bytes) => n(bytes / 1e6, 0);
const hopText = (h) =>
  h ? `${n(h.p50Ms, 2)} / ${n(h.p99Ms, 2)} (${h.overLimit} of ${h.count} over 2 ms)` : '–';

function printReport(report) {
  const [one, many] = report.layouts;
  const label = (l) => `${l.instances} × ${n(l.connected / l.instances, 0)}`;
  const rows = [
    [
      'steady p50 / p99 / max (ms)',
      (l) => `${ms(l.steady.p50Ms)} / ${ms(l.steady.p99Ms)} / ${ms(l.steady.maxMs)}`,
      (l) => l.steady.p99Ms,
    ],
    [
      'last client, median event (ms)',
      (l) => ms(l.steady.lastClientMedianMs),
      (l) => l.steady.lastClientMedianMs,
    ],
    ['burst p99 (ms)', (l) => ms(l.burst.p99Ms), (l) => l.burst.p99Ms],
    [
      'delivered (steady, burst)',
      (l) => `${n(l.steady.delivered * 100, 1)} %, ${n(l.burst.delivered * 100, 1)} %`,
      null,
    ],
    [
      'CPU per event, all instances (ms)',
      (l) => ms(l.steady.cpuMsPerEvent),
      (l) => l.steady.cpuMsPerEvent,
    ],
    ['instances waiting for a CPU (ms/s)', (l) => n(l.steady.waitedForCpuMsPerSecond, 0), null],
    ['Redis CPU per event (ms)', (l) => n(l.steady.redisCpuMsPerEvent, 2), null],
    [
      'RSS with clients, all instances (MB)',
      (l) => mb(l.memory.rssWithClients),
      (l) => l.memory.rssWithClients,
    ],
    ['memory per client (KB)', (l) => n(l.memory.perClient / 1024, 1), (l) => l.memory.perClient],
    ['Redis hop p50 / p99, no clients (ms)', (l) => hopText(l.hopUnloaded), null],
    [
      'instances waiting for a CPU then (ms/s)',
      (l) => n(l.hopUnloaded?.waitedForCpuMsPerSecond, 0),
      null,
    ],
    ['Redis hop p50 / p99, steady (ms)', (l) => hopText(l.hopSteady), null],
    ['Redis hop p50 / p99, bursts (ms)', (l) => hopText(l.hopBurst), null],
    ['ingest p50 / p99, steady (ms)', (l) => hopText(l.ingestSteady), null],
  ];
  const table = [
    ['', label(one), label(many), 'ratio'],
    ...rows.map(([name, text, value]) => [
      name,
      text(one),
      text(many),
      value ? n(value(many) / value(one), 2) : '',
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  console.log(
    `Cluster mode on Redis (${report.machine.note}; load average ${n(report.loadAverageAtStart, 1)} at the start, ${n(report.loadAverageAtEnd, 1)} at the end)`,
  );
  console.log('');
  for (const row of table)
    console.log(
      `  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')}`,
    );
  const f = many.failover;
  console.log('');
  if (f) {
    const seconds = (value) =>
      value == null ? 'not within the bench’s wait' : `${n(value / 1000, 2)} s`;
    console.log(
      `  Failover: leader killed (-9) with ${FAILOVER_RATE} cheers a second → events lost live: ${f.lostLive} of ${f.publishedAfterKill} ` +
        `(published after the kill; each counted at all ${n(f.survivingClients, 0)} clients of the survivors, ${f.duplicates} delivered twice). ` +
        `New leader ${f.newLeader}; the first cheer after the kill reached every client in ${seconds(f.firstEventMs)}; ` +
        `the Helix poll resumed after ${seconds(f.pollResumedMs)}, the dashboard's commands after ${seconds(f.commandsResumedMs)}.`,
    );
  } else console.log('  Failover: not measured (one instance).');
  for (const note of report.notes) console.log(`  Note: ${note}`);
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) return console.log(USAGE);
  if (!procAvailable()) {
    console.error('The benchmark reads /proc to measure the servers: it runs on Linux only.');
    process.exit(2);
  }
  const probe = spawnSync('redis-server', ['--version']);
  if (probe.error || probe.status !== 0) {
    console.error(INSTALL_HINT);
    process.exit(2);
  }
  const notes = [];
  // As in run.mjs: every instance on the last core (the same CPU for both layouts, so the ratios
  // are what splitting costs), the clients, simulator, Redis and this process on the others.
  const { cores, pinned, pins } = pinCores();
  if (!pinned)
    notes.push('Instances and clients share every core (needs 2+ cores and taskset to pin them).');

  const limit = fdLimit();
  let clients = options.clients;
  if (clients + FD_HEADROOM > limit) {
    clients = limit - FD_HEADROOM;
    notes.push(
      `${n(options.clients, 0)} clients in one instance need about ${n(options.clients + FD_HEADROOM, 0)} open files but the ` +
        `limit is ${limit} (ulimit -n): both layouts ran with ${n(clients, 0)} (raise it as bench/README.md says).`,
    );
  }
  const generators = await LoadGenerators.start(
    Math.max(2, Math.ceil(clients / CLIENTS_PER_GENERATOR)),
    pins.clients,
  );
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, async () => {
      await Promise.all([stopAllServers(), generators.stop(), runningRedis?.stop()]);
      process.exit(130);
    });
  const core = pinned
    ? `every instance on core ${pins.server}, clients, simulator and Redis on ${pins.clients}`
    : 'unpinned';
  const report = {
    startedAt: new Date().toISOString(),
    loadAverageAtStart: loadavg()[0],
    machine: { cores, pinned, pins, fdLimit: limit, node: process.version, note: core },
    options,
    layouts: [],
    notes,
  };
  try {
    for (const count of [1, options.instances]) {
      console.error(
        `… cluster mode, ${count} instance${count > 1 ? 's' : ''} × ${n(Math.round(clients / count), 0)} clients`,
      );
      report.layouts.push(await layout(count, clients, { options, pins, generators }));
    }
  } finally {
    await generators.stop();
  }
  mkdirSync(RESULTS, { recursive: true });
  const out = join(RESULTS, `cluster-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  report.loadAverageAtEnd = loadavg()[0];
  writeFileSync(out, JSON.stringify(report, null, 2));
  printReport(report);
  console.log(`\nFigures: ${out}`);
}

main().catch(async (error) => {
  console.error(`The cluster benchmark itself broke: ${error.stack ?? error}`);
  await Promise.all([stopAllServers(), runningRedis?.stop()]);
  process.exit(1);
});
