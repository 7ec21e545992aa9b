// The event-loop phases of issue 13: a reconnect storm (many clients resuming at once over a full
// replay, with live events going out meanwhile) and many stalled clients dropped at once. Both
// read the server's own event-loop lag (loop-lag.mjs) and the health check's response time.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { summarise } from './latency-summary.mjs';
import {
  connectClients,
  delivered,
  nextSeqs,
  nowUs,
  parseMetrics,
  rssPeak,
  sleep,
  steadyPhase,
} from './bench-phases.mjs';
import { get, startBaseline, startService, waitFor } from './bench-servers.mjs';
import { cpuMs, cpuNoiseMs, runQueueMs } from './process-usage.mjs';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

/** Events a storm client missed: it resumes after the first of `REPLAYED + 1` kept events. */
const REPLAYED = 499;
/** Live events the replay window has room for during a storm, beyond the replayed ones. */
const LIVE_ROOM = 100;
/** Live events per second during a storm. */
const LIVE_RATE = 5;
/** Clients that read all along, beside the storm: their latency shows whether it starves them. */
const READERS = 100;

/** GETs the server's health check every `everyMs` until stopped; `stop()` gives the slowest (ms). */
function healthProbe(url, everyMs = 100) {
  const times = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await get(url);
      times.push(performance.now() - started);
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return {
        requests: sorted.length,
        p50Ms: sorted[Math.floor(sorted.length / 2)] ?? NaN,
        maxMs: sorted.at(-1) ?? NaN,
      };
    },
  };
}

/** Publishes `count` events in pipelined bursts and waits until every reader has them. */
async function publishAndDeliver(server, generators, count, burst = 50) {
  const seqs = nextSeqs(count);
  for (let i = 0; i < seqs.length; i += burst) {
    await server.publish(seqs.slice(i, i + burst), nowUs());
    if (!(await delivered(generators, seqs[Math.min(i + burst, seqs.length) - 1])))
      throw new Error('the readers did not get the events that fill the replay window');
  }
  return seqs;
}

/** Waits until the storm's clients got everything up to `seq` (or `timeoutMs` passed). */
async function stormReached(generators, seq, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await generators.all('resumeProgress', () => ({ seq }));
    const open = progress.reduce((sum, p) => sum + p.open, 0);
    const reached = progress.reduce((sum, p) => sum + p.reached, 0);
    if (reached >= open) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/**
 * `size` clients resume at once from the oldest kept event (each missed `REPLAYED` events, about
 * 0.3 MB), `READERS` clients read along, and live events go out at `LIVE_RATE` per second while
 * the replays are written. Measures the server's event-loop lag, its health check, how long the
 * replays took, whether each client got every event once and in order, and the readers' latency.
 */
export async function reconnectStorm(kind, size, context) {
  const { generators, options, pins } = context;
  const capacity = REPLAYED + 1 + LIVE_ROOM;
  const profileFile = options.profile
    ? join(RESULTS, `storm-${kind}-${size}-${context.stamp}.cpuprofile`)
    : null;
  const server =
    kind === 'service'
      ? await startService({
          ...context.serviceOptions,
          env: { SSE_REPLAY_BUFFER_SIZE: String(capacity) },
          profileFile,
        })
      : await startBaseline({ pin: pins.server, replayFrames: capacity, profileFile });
  const result = { kind, size, replayed: REPLAYED, liveRate: LIVE_RATE, readers: READERS };
  try {
    await connectClients(generators, server.stream, READERS);
    const fill = await publishAndDeliver(server, generators, REPLAYED + 1);
    const resumeAfter = await server.oldestKeptId();
    await generators.all('take');
    await sleep(500);

    await server.lag.start();
    const health = healthProbe(
      `http://${server.stream.host}:${server.stream.port}${server.healthPath}`,
    );
    const cpuBefore = cpuMs(server.pid);
    const waitBefore = runQueueMs(server.pid);
    const noiseBefore = server.cpu === null ? null : cpuNoiseMs(server.cpu);
    const peak = rssPeak(server.pid);
    const startedMs = Date.now();
    const live = [];
    let storming = true;
    // Live events while the replays go out: they must reach the readers at once and each storm
    // client after its replay. Published on schedule, not waiting for answers.
    const publisher = (async () => {
      const answers = [];
      while (storming && live.length < LIVE_ROOM - 1) {
        const seqs = nextSeqs(1);
        live.push(seqs[0]);
        answers.push(server.publish(seqs, nowUs()));
        await sleep(1000 / LIVE_RATE);
      }
      await Promise.all(answers);
    })();
    result.connect = await generators.all('resume', (index) => ({
      target: { ...server.stream, localAddress: generators.localAddress(index) },
      count: generators.share(size, index),
      lastEventId: resumeAfter,
      firstSeq: fill[1],
      lastReplaySeq: fill.at(-1),
    }));
    result.connectSeconds = (Date.now() - startedMs) / 1000;
    result.replayedAll = await stormReached(generators, fill.at(-1), options.stormTimeoutMs);
    result.stormSeconds = (Date.now() - startedMs) / 1000;
    storming = false;
    await publisher;
    const lastSeq = live.at(-1) ?? fill.at(-1);
    result.liveEvents = live.length;
    result.gotLiveAfter = await stormReached(generators, lastSeq, 30_000);
    await delivered(generators, lastSeq, 30_000);
    result.lag = await server.lag.stop();
    result.health = await health.stop();
    result.cpuMs = cpuMs(server.pid) - cpuBefore;
    result.runQueueMs = runQueueMs(server.pid) - waitBefore;
    if (noiseBefore) {
      const noiseAfter = cpuNoiseMs(server.cpu);
      // Time the hypervisor took the server's core, and interrupt time on it (the kernel's
      // loopback delivery runs there as soft interrupts).
      result.stealMs = noiseAfter.stealMs - noiseBefore.stealMs;
      result.irqMs = noiseAfter.irqMs - noiseBefore.irqMs;
    }
    result.peakRss = peak.stop();

    const progress = await generators.all('resumeProgress', () => ({
      seq: lastSeq,
      details: true,
    }));
    const replayMs = progress.flatMap((p) => p.replayMs).sort((a, b) => a - b);
    const at = (q) => replayMs[Math.min(replayMs.length - 1, Math.ceil(q * replayMs.length) - 1)];
    result.clients = {
      connected: result.connect.reduce((sum, c) => sum + c.connected, 0),
      failed: result.connect.reduce((sum, c) => sum + c.failed, 0),
      replayed: progress.reduce((sum, p) => sum + p.replayed, 0),
      reachedLast: progress.reduce((sum, p) => sum + p.reached, 0),
      withSequenceErrors: progress.reduce((sum, p) => sum + p.withErrors, 0),
      firstError: progress.find((p) => p.firstError)?.firstError ?? null,
      replayP50Ms: at(0.5),
      replayP99Ms: at(0.99),
      replayMaxMs: replayMs.at(-1),
    };
    const takes = await generators.all('take');
    const open = takes.reduce((sum, take) => sum + take.open, 0);
    result.readersLive = summarise(takes, live.length, open);
    await generators.all('closeAll');
  } finally {
    await server.stop();
  }
  if (profileFile) result.profile = profileFile;
  return result;
}

/** Padding of the small events that fill the stalled clients' backlog in Node, frame by frame. */
const SMALL_PADDING = 200;

/**
 * `count` clients that stop reading at once beside `READERS` that read. Large events (`padding`
 * bytes, 200 a second) first fill the kernel's socket buffers of the stalled clients, until bytes
 * wait for every one of them in the service (its /metrics); then small events (400 a second, in
 * steps of 100) fill the rest of `SSE_MAX_PENDING_BYTES` frame by frame, as ordinary alerts would,
 * until the service drops them all. Measured per step: the service's event-loop lag (so the step
 * with the drop shows), the readers' latency, and the lines it logged about the drops.
 */
export async function stallDrop(count, context) {
  const { generators, options } = context;
  const server = await startService(context.serviceOptions);
  const padding = options.stallPayload;
  const result = {
    stalled: count,
    readers: READERS,
    paddingBytes: padding,
    smallPaddingBytes: SMALL_PADDING,
  };
  try {
    await connectClients(generators, server.stream, READERS);
    await generators.all('stall', (index) => ({
      target: { ...server.stream, localAddress: generators.localAddress(index) },
      count: generators.share(count, index),
    }));
    await waitFor(
      async () => (await server.health())?.sse?.clients === READERS + count,
      'the stalled clients to connect',
    );
    const linesBefore = server.streamLogLines().length;
    const pending = async () =>
      parseMetrics(await server.metrics()).get('twitch_realtime_sse_pending_bytes') ?? 0;
    const steps = [];
    let published = 0;
    let clients = READERS + count;
    let large = 0;
    while (clients > READERS && published < 20_000) {
      // Large events until 64 KB wait in the service for each stalled client on average.
      const filling = (await pending()) < count * 64 * 1024 && large < 2000;
      await server.lag.start();
      const step = filling
        ? await steadyPhase(server, generators, { count: 25, rate: 200, padding })
        : await steadyPhase(server, generators, { count: 100, rate: 400, padding: SMALL_PADDING });
      const lag = await server.lag.stop();
      published += step.events;
      if (filling) large += step.events;
      const before = clients;
      clients = (await server.health())?.sse?.clients ?? clients;
      steps.push({ published, small: !filling, dropped: before - clients, lag, readers: step });
    }
    // Clients dropped together are reported once the burst is over (within about a second).
    await sleep(2000);
    // What a drop costs can land in the next step (the sockets close after the step's events
    // arrived): a drop step and the one after it are "around the drop".
    const dropSteps = steps.filter((step, n) => step.dropped > 0 || steps[n - 1]?.dropped > 0);
    const worst = (list, read) => (list.length ? Math.max(...list.map(read)) : NaN);
    const lines = server.streamLogLines().slice(linesBefore);
    const summary = ({ published: at, small, dropped, lag }) => ({ at, small, dropped, lag });
    Object.assign(result, {
      droppedAll: clients === READERS,
      eventsPublished: published,
      largeEvents: large,
      steps: steps.map(summary),
      dropSteps: steps.filter((step) => step.dropped > 0).map(summary),
      aroundDropSteps: dropSteps.map(summary),
      lagMaxMs: worst(steps, (step) => step.lag.maxMs),
      lagP99Ms: worst(steps, (step) => step.lag.p99Ms),
      lagMaxInDropStepsMs: worst(dropSteps, (step) => step.lag.maxMs),
      lagOwnMaxInDropStepsMs: worst(dropSteps, (step) => step.lag.ownMaxMs),
      lagMaxOtherStepsMs: worst(
        steps.filter((step) => !dropSteps.includes(step)),
        (step) => step.lag.maxMs,
      ),
      lagOwnMaxOtherStepsMs: worst(
        steps.filter((step) => !dropSteps.includes(step)),
        (step) => step.lag.ownMaxMs,
      ),
      readersP99Ms: worst(steps, (step) => step.readers.p99Ms),
      readersMaxInDropStepsMs: worst(dropSteps, (step) => step.readers.maxMs),
      readersDelivered: Math.min(...steps.map((step) => step.readers.delivered)),
      dropLogLines: lines.filter((line) => /Dropped/.test(line)).length,
      dropLogSample:
        lines.map((line) => stripVTControlCharacters(line)).find((line) => /Dropped/.test(line)) ??
        null,
    });
    await generators.all('closeAll');
  } finally {
    await server.stop();
  }
  return result;
}
