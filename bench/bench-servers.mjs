// The two servers under test, each started in its own process (pinned to its own core when the
// machine allows) with the same interface: where its stream is, how to publish an event on it, how
// to stop it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TriggerConnection } from './trigger-connection.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';

/** A TCP port that was free on loopback a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** GET `url` as JSON or text; null when nothing answers. */
export async function get(url, as = 'json') {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return as === 'json' ? await response.json() : await response.text();
  } catch {
    return null;
  }
}

/** Polls `check` until it returns something truthy; throws naming `what` after `timeoutMs`. */
export async function waitFor(check, what, timeoutMs = 60_000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Server processes still running, so an interrupted run can stop them. */
const running = new Set();

/** Stops every server process this run started (on Ctrl-C, or when the run breaks). */
export function stopAllServers() {
  return Promise.all([...running].map((child) => stopProcess(child)));
}

/** The core a server is pinned to, if it is pinned to one. */
function singleCpu(pin) {
  return pin !== null && /^\d+$/.test(pin) ? Number(pin) : null;
}

/** Starts `node <args>` (pinned with taskset when `pin` is set), keeping its output for errors. */
function startProcess(args, { pin, env, ipc = false }) {
  const [command, argv] = pin
    ? ['taskset', ['-c', pin, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, argv, {
    cwd: mkdtempSync(join(tmpdir(), 'twitch-realtime-bench-')),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
  });
  let output = '';
  // Lines of the SSE stream's logger, all of them (the tail above can lose some).
  const streamLines = [];
  let partial = '';
  const keep = (chunk) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.includes('[SseStream]')) streamLines.push(line);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.output = () => output;
  child.streamLogLines = () => [...streamLines];
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Sends `message` to a server process over IPC; resolves with the first answer `pick` accepts. */
function ask(child, message, pick) {
  return new Promise((resolve) => {
    child.on('message', function answer(reply) {
      if (typeof reply !== 'object' || reply === null || !pick(reply)) return;
      child.off('message', answer);
      resolve(reply);
    });
    child.send(message);
  });
}

/** Event-loop lag measured inside a server process (loop-lag.mjs): start, then stop and read. */
function lagProbe(child) {
  return {
    start: () => ask(child, 'lag-start', (reply) => reply.lagStarted),
    stop: async () => (await ask(child, 'lag-stop', (reply) => reply.lag)).lag,
  };
}

/** What a published benchmark event carries: `bench:<seq>:<µs>` and optional padding. */
export function marker(seq, publishedUs, padding) {
  return `bench:${seq}:${publishedUs}${padding > 0 ? ` ${'x'.repeat(padding)}` : ''}`;
}

/** Starts the simulator in its own process and reads where it listens and a broadcaster token. */
export async function startSimulator(pin) {
  const child = startProcess([join(ROOT, 'bench/simulator-process.mjs')], { pin });
  const started = await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the simulator exited:\n${child.output()}`);
    const line = child
      .output()
      .split('\n')
      .find((l) => l.startsWith('{'));
    return line ? JSON.parse(line) : null;
  }, 'the simulator to listen');
  return { child, ...started, stop: () => stopProcess(child) };
}

/** Ready once EventSub is connected with the cheer subscription enabled and a poll is done. */
const receiving = (health) => {
  const cheer = health?.eventsub?.subscriptions?.find((s) => s.type === 'channel.cheer');
  return (
    health?.eventsub?.state === 'connected' &&
    cheer?.status === 'enabled' &&
    health.poll?.lastPollAt
  );
};

/**
 * The service, built (`dist/`), against the Twitch simulator: by default as in production, with
 * the simulator in a process of its own (`TWURPLE_MOCK_API_PORT`, a token file seeded with the
 * simulator's token), so the service's CPU and memory are its own; with `demo`, in demo mode with
 * the simulator inside the service (`DEMO_ACTIVITY=false`). Events are cheers triggered through
 * the simulator's control API, so they travel the real ingest path: EventSub WebSocket → Twurple →
 * bus → SSE. Its clients ask for `?types=<types>` when given. With `simulator` (from `startSimulator`), it uses that one and leaves it running (several
 * instances of a cluster share one); `ready(health)` says when it has started (default: receiving).
 */
export async function startService({
  pin,
  simulatorPin,
  pollSeconds,
  demo = false,
  env = {},
  nodeArgs = [],
  profileFile = null,
  entry = null,
  simulator: shared = null,
  ready = receiving,
  types = null,
}) {
  const port = await freePort();
  const simulator =
    shared ?? (demo ? { port: await freePort() } : await startSimulator(simulatorPin));
  const main = entry ?? join(ROOT, 'dist/main.js');
  const harness = join(ROOT, 'bench/service-harness.mjs');
  const args = [...nodeArgs, harness, ...(profileFile ? ['--profile', profileFile] : []), main];
  const twitch = demo
    ? { DEMO_MODE: 'on', DEMO_ACTIVITY: 'false', SIMULATOR_PORT: String(simulator.port) }
    : {
        DEMO_MODE: 'off',
        TWURPLE_MOCK_API_PORT: String(simulator.port),
        TWITCH_CLIENT_ID: simulator.clientId,
        TWITCH_ACCESS_TOKEN: simulator.token.accessToken,
        TWITCH_REFRESH_TOKEN: simulator.token.refreshToken,
        TOKEN_FILE: 'data/twitch-token.json',
      };
  const child = startProcess(args, {
    pin,
    ipc: true,
    env: {
      PORT: String(port),
      HOST,
      LOG_LEVEL: 'warn',
      STATS_POLL_INTERVAL: String(pollSeconds),
      // Each load generator holds thousands of streams from one address, and the run sizes its
      // clients to the open-file limit itself (leaving 100): the stream limits would refuse them.
      SSE_MAX_STREAMS_PER_ADDRESS: '10000000',
      SSE_MAX_STREAMS: '10000000',
      ...twitch,
      ...env,
    },
  });
  const stopAll = async () => {
    await stopProcess(child);
    if (simulator.child && !shared) await stopProcess(simulator.child);
  };
  const simulatorPort = simulator.port;
  const base = `http://${HOST}:${port}`;
  const control = `http://${HOST}:${simulatorPort}/control`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the service exited:\n${child.output()}`);
      const health = await get(`${base}/api/health`);
      return ready(health) ? health : null;
    }, 'the service to start (connected to its simulator, polled once)');
  } catch (error) {
    await stopAll();
    throw error;
  }
  const trigger = new TriggerConnection(HOST, simulatorPort);
  return {
    kind: 'service',
    pid: child.pid,
    cpu: singleCpu(pin),
    simulatorPid: simulator.child?.pid ?? null,
    stream: { host: HOST, port, path: `/api/twitch/stream${types ? `?types=${types}` : ''}` },
    output: () => child.output(),
    /** Every line the service's SSE stream logged so far. */
    streamLogLines: () => child.streamLogLines(),
    /** Publishes one cheer per sequence number, all in one write. */
    publish(seqs, publishedUs, padding = 0) {
      return trigger.post(
        seqs.map((seq) => ({
          path: '/control/trigger/channel.cheer',
          body: JSON.stringify({
            user: 'bench_viewer',
            bits: 100,
            message: marker(seq, publishedUs, padding),
          }),
        })),
      );
    },
    /** Sends POST requests (`{ path, body }`) to the simulator in one write (chat, in the chat run). */
    post: (requests) => trigger.post(requests),
    health: () => get(`${base}/api/health`),
    /** The service's own address (its routes). */
    baseUrl: base,
    /** Where a client that resumes from the oldest event still kept must start. */
    oldestKeptId: async () => (await get(`${base}/api/health`))?.bus?.replay?.oldestId ?? null,
    healthPath: '/api/health',
    lag: lagProbe(child),
    metrics: () => get(`${base}/metrics`, 'text'),
    /** Runs a full GC in the service; resolves with its memory and active handles afterwards. */
    collectGarbage() {
      const answer = new Promise((resolve) =>
        child.on('message', function gc(message) {
          if (typeof message !== 'object' || !message.memory) return;
          child.off('message', gc);
          resolve(message);
        }),
      );
      child.send('gc');
      return answer;
    },
    helixRequests: async () => (await get(`${control}/helix-requests`)) ?? {},
    async stop() {
      trigger.close();
      if (profileFile) {
        const written = new Promise((resolve) =>
          child.on('message', (message) => message === 'profile-written' && resolve()),
        );
        child.send('write-profile');
        await written;
      }
      await stopAll();
    },
  };
}

/** The raw node:http baseline (baseline-server.mjs). */
export async function startBaseline({ pin, profileFile = null, replayFrames = 500 }) {
  const port = await freePort();
  // The baseline exits normally on SIGTERM, so `--cpu-prof` can write its profile.
  const profiling = profileFile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${dirname(profileFile)}`,
        `--cpu-prof-name=${basename(profileFile)}`,
      ]
    : [];
  const child = startProcess(
    [...profiling, join(ROOT, 'bench/baseline-server.mjs'), String(port), String(replayFrames)],
    { pin, ipc: true },
  );
  const base = `http://${HOST}:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`the baseline exited:\n${child.output()}`);
    return get(`${base}/health`);
  }, 'the baseline to listen');
  const trigger = new TriggerConnection(HOST, port);
  const broadcaster = { id: '1000', login: 'demo_streamer', name: 'demo_streamer' };
  return {
    kind: 'baseline',
    pid: child.pid,
    cpu: singleCpu(pin),
    stream: { host: HOST, port, path: '/stream' },
    output: () => child.output(),
    /** Publishes one message per sequence number, shaped and sized like the service's cheers. */
    publish(seqs, publishedUs, padding = 0) {
      return trigger.post(
        seqs.map((seq) => ({
          path: '/trigger',
          body: JSON.stringify({
            type: 'event',
            event: 'channel.cheer',
            data: {
              is_anonymous: false,
              user_id: '2000001',
              user_login: 'bench_viewer',
              user_name: 'bench_viewer',
              broadcaster_user_id: broadcaster.id,
              broadcaster_user_login: broadcaster.login,
              broadcaster_user_name: broadcaster.name,
              message: marker(seq, publishedUs, padding),
              bits: 100,
            },
            sentAt: new Date().toISOString(),
          }),
        })),
      );
    },
    /** Sends POST requests (`{ path, body }`) in one write (the chat run's messages). */
    post: (requests) => trigger.post(requests),
    health: () => get(`${base}/health`),
    oldestKeptId: async () => (await get(`${base}/health`))?.oldestId ?? null,
    healthPath: '/health',
    lag: lagProbe(child),
    async stop() {
      trigger.close();
      await stopProcess(child);
    },
  };
}
