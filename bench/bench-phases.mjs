// The measurements the benchmark makes, each against a running server and the load generators.
import { summarise } from './latency-summary.mjs';
import { cpuMs, cpuNoiseMs, rssBytes, runQueueMs, usage } from './process-usage.mjs';
import { waitFor } from './bench-servers.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Sequence numbers of benchmark events: one counter for the whole run, so they only grow. */
let lastSeq = 0;
export const nextSeqs = (count) => Array.from({ length: count }, () => ++lastSeq);

/** Samples a process's RSS every 100 ms; `stop()` gives the highest seen. */
export function rssPeak(pid) {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // The process ended.
    }
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Opens `count` clients to `stream`, shared over the generators. */
export async function connectClients(generators, stream, count) {
  const started = Date.now();
  const results = await generators.all('connect', (index) => ({
    target: { ...stream, localAddress: generators.localAddress(index) },
    count: generators.share(count, index),
  }));
  return {
    connected: results.reduce((sum, r) => sum + r.connected, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    lastError: results.find((r) => r.lastError)?.lastError ?? null,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Resolves once every open reading client has received event `seq` (or after `timeoutMs`). */
export async function delivered(generators, seq, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await generators.all('progress', () => ({ seq }));
    const reached = progress.reduce((sum, p) => sum + p.reached, 0);
    const open = progress.reduce((sum, p) => sum + p.open, 0);
    if (reached >= open) return true;
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
}

/**
 * Publishes `count` events at `rate` per second (on schedule, not waiting for answers), waits for
 * them to reach every client, and returns the latency summary, the server's CPU and peak RSS.
 */
export async function steadyPhase(server, generators, { count, rate, padding = 0, during }) {
  await generators.all('take'); // forget anything before the phase
  const seqs = nextSeqs(count);
  const peak = rssPeak(server.pid);
  const cpuBefore = cpuMs(server.pid);
  const noiseBefore = noise(server);
  const started = Date.now();
  const answers = [];
  for (let i = 0; i < seqs.length; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    answers.push(server.publish([seqs[i]], nowUs(), padding));
    await during?.(i);
  }
  await Promise.all(answers);
  const complete = await delivered(generators, seqs[seqs.length - 1]);
  return finishPhase(server, generators, { seqs, cpuBefore, noiseBefore, started, peak, complete });
}

/** Publishes `count` events at once (pipelined, one publish time) and waits for them to arrive. */
export async function burstPhase(server, generators, { count, padding = 0 }) {
  await generators.all('take');
  const seqs = nextSeqs(count);
  const peak = rssPeak(server.pid);
  const cpuBefore = cpuMs(server.pid);
  const noiseBefore = noise(server);
  const started = Date.now();
  await server.publish(seqs, nowUs(), padding);
  const complete = await delivered(generators, seqs[seqs.length - 1]);
  return finishPhase(server, generators, { seqs, cpuBefore, noiseBefore, started, peak, complete });
}

/**
 * Steal and interrupt time on the server's core (zero when it is not pinned to one), and how long
 * the server's main thread was ready to run but waited for its core (other work on the machine).
 */
function noise(server) {
  const waitedMs = runQueueMs(server.pid);
  return server.cpu === null
    ? { stealMs: 0, irqMs: 0, waitedMs }
    : { ...cpuNoiseMs(server.cpu), waitedMs };
}

async function finishPhase(
  server,
  generators,
  { seqs, cpuBefore, noiseBefore, started, peak, complete },
) {
  const cpu = cpuMs(server.pid) - cpuBefore;
  const noiseAfter = noise(server);
  const wallMs = Date.now() - started;
  const takes = await generators.all('take');
  const open = takes.reduce((sum, take) => sum + take.open, 0);
  return {
    events: seqs.length,
    clients: open,
    complete,
    ...summarise(takes, seqs.length, open),
    cpuMs: cpu,
    cpuMsPerEvent: cpu / seqs.length,
    cpuShare: cpu / wallMs,
    peakRss: peak.stop(),
    // Time the hypervisor took the server's core away, and interrupt time on it, in the phase.
    stealMs: noiseAfter.stealMs - noiseBefore.stealMs,
    irqMs: noiseAfter.irqMs - noiseBefore.irqMs,
    waitedMs: noiseAfter.waitedMs - noiseBefore.waitedMs,
  };
}

/**
 * Helix requests the service makes per poll, counted by the simulator between two poll
 * completions. With `fromNow`, the first count is taken at once (right after a poll finished).
 */
export async function helixPerPoll(server, pollSeconds, { fromNow = false } = {}) {
  const timeoutMs = (pollSeconds * 2 + 10) * 1000;
  const polls = async () => (await server.health())?.poll?.polls ?? 0;
  const snapshot = async () => ({ polls: await polls(), requests: await server.helixRequests() });
  const nextPoll = async (after) =>
    waitFor(async () => (await polls()) > after, 'a Helix poll', timeoutMs, 200);
  if (!fromNow) await nextPoll(await polls());
  const first = await snapshot();
  await nextPoll(first.polls);
  const second = await snapshot();
  const byEndpoint = {};
  for (const [endpoint, total] of Object.entries(second.requests)) {
    const delta = total - (first.requests[endpoint] ?? 0);
    if (delta > 0) byEndpoint[endpoint] = delta;
  }
  const requests = Object.values(byEndpoint).reduce((sum, n) => sum + n, 0);
  const pollsCounted = second.polls - first.polls;
  return { perPoll: requests / pollsCounted, polls: pollsCounted, byEndpoint };
}

/** What a histogram recorded between two snapshots, as a histogram of its own (null without both). */
export function histogramBetween(before, after) {
  if (!before || !after) return null;
  return {
    buckets: after.buckets.map((bucket, i) => ({
      le: bucket.le,
      count: bucket.count - (before.buckets[i]?.count ?? 0),
    })),
    count: after.count - before.count,
    sum: after.sum - before.sum,
  };
}

/** Two histograms of the same buckets, added (either may be null). */
export function histogramSum(a, b) {
  if (!a || !b) return a ?? b;
  return {
    buckets: a.buckets.map((bucket, i) => ({
      le: bucket.le,
      count: bucket.count + (b.buckets[i]?.count ?? 0),
    })),
    count: a.count + b.count,
    sum: a.sum + b.sum,
  };
}

/** `histogramDelta` of everything a histogram holds (as if from empty). */
export function histogramSummary(histogram, limitMs) {
  if (!histogram) return null;
  const empty = {
    buckets: histogram.buckets.map(({ le }) => ({ le, count: 0 })),
    count: 0,
    sum: 0,
  };
  return histogramDelta(empty, histogram, limitMs);
}

/** Reads `name{labels}` values from a Prometheus text exposition. */
export function parseMetrics(text) {
  const values = new Map();
  for (const line of (text ?? '').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** A histogram's cumulative buckets from the service's GET /metrics (`le` in seconds → count). */
export async function histogram(server, name) {
  const metrics = parseMetrics(await server.metrics());
  const buckets = [];
  for (const [key, count] of metrics) {
    const match = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\}$`).exec(key);
    if (match) buckets.push({ le: match[1] === '+Inf' ? Infinity : Number(match[1]), count });
  }
  if (buckets.length === 0) return null;
  buckets.sort((a, b) => a.le - b.le);
  return { buckets, count: metrics.get(`${name}_count`), sum: metrics.get(`${name}_sum`) };
}

/**
 * What a histogram recorded between two snapshots: count, mean, p50 and p99 (interpolated within
 * buckets, as Prometheus' histogram_quantile does), and how many observations exceeded `limitMs`.
 */
export function histogramDelta(before, after, limitMs) {
  if (!before || !after) return null;
  const buckets = after.buckets.map((bucket, i) => ({
    le: bucket.le,
    count: bucket.count - (before.buckets[i]?.count ?? 0),
  }));
  const count = after.count - before.count;
  const quantile = (q) => {
    const rank = q * count;
    let lower = 0;
    let below = 0;
    for (const { le, count: cumulative } of buckets) {
      if (cumulative >= rank) {
        if (le === Infinity) return lower;
        return lower + ((le - lower) * (rank - below)) / Math.max(1, cumulative - below);
      }
      lower = le;
      below = cumulative;
    }
    return lower;
  };
  const within = buckets.find((bucket) => bucket.le * 1000 >= limitMs - 1e-9);
  return {
    count,
    meanMs: count > 0 ? ((after.sum - before.sum) / count) * 1000 : NaN,
    p50Ms: quantile(0.5) * 1000,
    p99Ms: quantile(0.99) * 1000,
    overLimit: within ? count - within.count : null,
    limitMs,
  };
}

/**
 * Process figures plus, for the service, what is alive after a full GC (heap, handles) and its
 * client count.
 */
export async function processFigures(server) {
  const figures = usage(server.pid);
  if (server.kind !== 'service') return figures;
  const { memory, resources } = await server.collectGarbage();
  const health = await server.health();
  return {
    ...figures,
    heapUsed: memory.heapUsed,
    external: memory.external,
    handles: Object.values(resources).reduce((sum, n) => sum + n, 0),
    sockets: resources.TCPSocketWrap ?? 0,
    clients: health?.sse?.clients ?? null,
  };
}

/** The round whose p99 is the median of the rounds'. */
export function medianRound(phases) {
  const sorted = [...phases].sort((a, b) => a.p99Ms - b.p99Ms);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
