// What chat costs the event logs (issue 24): the CPU one chat message costs the SQLite log (its
// own table, pruned under chat's retention) and the Redis log (its own stream, capped), against
// the memory log; and, over a flood at 200 messages a second in real time, how chat's retention
// holds the file (and Redis's memory) flat while the alerts beside it are all kept. Prints
// figures; never fails on a slow machine.
//
//   node bench/chat-log-bench.mjs [--seconds 120] [--rate 200] [--appends 20000] [--kept 5000]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { retentionOf } from '../dist/bus/event-bus.js';
import { MemoryEventLog } from '../dist/bus/memory-event-log.js';
import { SqliteEventLog } from '../dist/bus/sqlite-event-log.js';
import { LeaderLease } from '../dist/cluster/leader-lease.js';
import { LeaderRequests } from '../dist/cluster/leader-requests.js';
import { RedisConnections } from '../dist/cluster/redis-connections.js';
import { RedisEventLog } from '../dist/cluster/redis-event-log.js';
import { RedisKeys } from '../dist/cluster/redis-keys.js';
import { freePort, waitFor } from './bench-servers.mjs';
import { cpuMs } from './process-usage.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    rate: { type: 'string', default: '200' },
    appends: { type: 'string', default: '20000' },
    kept: { type: 'string', default: '5000' },
  },
});
const floodSeconds = Number(values.seconds);
const rate = Number(values.rate);
const appends = Number(values.appends);
/** EVENT_LOG_CHAT_MAX_MESSAGES (its default), and its age limit (24 h: no message ages here). */
const chat = { maxMessages: Number(values.kept), maxAgeMs: 24 * 3_600_000 };
/** Alerts a second beside the chat in the flood. */
const ALERT_RATE = 2;
const SAMPLE_EVERY_S = 10;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** This process's CPU time, ms (user and system). */
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
/** Bytes this process has handed to write() so far (`wchar` of /proc/self/io): the file and its WAL. */
const writtenBytes = () =>
  Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);

/** A chat message as Twitch sends it and the service keeps it (about 1.2 KB of JSON). */
const chatMessage = (n) => ({
  type: 'event',
  event: 'channel.chat.message',
  data: {
    broadcaster_user_id: '1000',
    broadcaster_user_login: 'demo_streamer',
    broadcaster_user_name: 'Demo_Streamer',
    chatter_user_id: String(200000 + (n % 300)),
    chatter_user_login: `chatter_${n % 300}`,
    chatter_user_name: `Chatter_${n % 300}`,
    message_id: `0b7f3a2c-1d4e-4f5a-9b8c-${String(n).padStart(12, '0')}`,
    message: {
      text: `message ${n} gg Kappa @bench_friend what a play PogChamp`,
      fragments: [
        { type: 'text', text: `message ${n} gg `, cheermote: null, emote: null, mention: null },
        {
          type: 'emote',
          text: 'Kappa',
          cheermote: null,
          emote: { id: '25', emote_set_id: '0', owner_id: '0', format: ['static'] },
          mention: null,
        },
        { type: 'text', text: ' ', cheermote: null, emote: null, mention: null },
        {
          type: 'mention',
          text: '@bench_friend',
          cheermote: null,
          emote: null,
          mention: { user_id: '200999', user_login: 'bench_friend', user_name: 'Bench_Friend' },
        },
        { type: 'text', text: ' what a play ', cheermote: null, emote: null, mention: null },
        {
          type: 'emote',
          text: 'PogChamp',
          cheermote: null,
          emote: {
            id: '305954156',
            emote_set_id: '0',
            owner_id: '0',
            format: ['static', 'animated'],
          },
          mention: null,
        },
      ],
    },
    message_type: 'text',
    badges: [
      { set_id: 'subscriber', id: '6', info: '6' },
      { set_id: 'glhf-pledge', id: '1', info: '' },
    ],
    cheer: null,
    color: '#1E90FF',
    reply: null,
    channel_points_custom_reward_id: null,
    source_broadcaster_user_id: null,
    source_broadcaster_user_login: null,
    source_broadcaster_user_name: null,
    source_message_id: null,
    source_badges: null,
    is_source_only: null,
  },
  sentAt: new Date().toISOString(),
});
/** An alert beside the chat: a cheer. */
const cheer = (n) => ({
  type: 'event',
  event: 'channel.cheer',
  data: {
    is_anonymous: false,
    user_id: String(100000 + n),
    user_login: `viewer_${n}`,
    user_name: `Viewer_${n}`,
    broadcaster_user_id: '1000',
    broadcaster_user_login: 'demo_streamer',
    broadcaster_user_name: 'Demo_Streamer',
    message: 'Cheer100',
    bits: 100,
  },
  sentAt: new Date().toISOString(),
});
const CHAT = { kind: 'chat' };
const HISTORY = { kind: 'history' };

/** CPU per appended chat message, µs: `count` appends in steps of `step`, yielding in between. */
async function appendCost(log, count, { step = 200, settle = async () => {} } = {}) {
  const before = ownCpuMs();
  for (let n = 0; n < count; n++) {
    log.append(chatMessage(n), CHAT);
    // Between steps the log's background work (pruning, checkpoints, Redis writes) runs, and
    // counts: it is part of what a message costs.
    if (n % step === step - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await settle();
  return ((ownCpuMs() - before) * 1000) / count;
}

/**
 * `seconds` of chat at `rate` a second and alerts at 2 a second, in real time, appended to `log`;
 * `sample()` is read every 10 s. Returns the samples and this process's CPU per message.
 */
async function flood(log, seconds, sample) {
  const samples = [await sample(0)];
  const before = ownCpuMs();
  const writtenBefore = writtenBytes();
  const started = Date.now();
  let chatSent = 0;
  let alertsSent = 0;
  for (let second = 1; second <= seconds; second++) {
    for (let i = 0; i < rate; i++) {
      const due = started + (second - 1) * 1000 + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      log.append(chatMessage(chatSent++), CHAT);
      if (i % (rate / ALERT_RATE) === 0) log.append(cheer(alertsSent++), HISTORY);
    }
    if (second % SAMPLE_EVERY_S === 0) samples.push(await sample(second));
  }
  return {
    samples,
    chatSent,
    alertsSent,
    // (With the bench's own pacing: a timer per message.)
    cpuUsPerMessage: ((ownCpuMs() - before) * 1000) / (chatSent + alertsSent),
    bytesWrittenPerMessage: (writtenBytes() - writtenBefore) / (chatSent + alertsSent),
  };
}

async function sqliteRun(dir) {
  const path = join(dir, 'events.db');
  const size = (suffix) => (existsSync(path + suffix) ? statSync(path + suffix).size : 0);
  const options = { maxEvents: 100_000, maxAgeMs: 30 * 86_400_000, memoryEvents: 500, chat };
  const memoryUs = await appendCost(new MemoryEventLog(500, { chat }), appends);
  const costLog = SqliteEventLog.open(join(dir, 'cost.db'), options);
  const sqliteUs = await appendCost(costLog, appends, { settle: () => costLog.prune() });
  costLog.close();
  const log = SqliteEventLog.open(path, options);
  const flooded = await flood(log, floodSeconds, async (second) => ({
    second,
    chatKept: log.chatEventCount,
    alertsKept: log.eventCount,
    fileBytes: size(''),
    walBytes: size('-wal'),
  }));
  log.close();
  return { memoryUs, sqliteUs, flood: flooded, closedFileBytes: size('') };
}

/** A redis-server of its own, like the cluster bench's. */
async function startRedis() {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`redis-server did not start:\n${output}`);
    return output.includes('Ready to accept connections');
  }, 'redis-server to start');
  return {
    pid: child.pid,
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGKILL');
      }),
  };
}

async function redisRun() {
  const redis = await startRedis();
  const connections = await RedisConnections.open(redis.url);
  const keys = new RedisKeys('chat-bench');
  const leaderRequests = new LeaderRequests(connections, keys, 'bench');
  await leaderRequests.listen();
  const log = await RedisEventLog.open(connections, {
    keys,
    memoryEvents: 500,
    maxEntries: 100_000,
    chat,
    retentionOf,
    leaderRequests,
    log: () => {},
  });
  try {
    const lease = await new LeaderLease(connections.command, keys, 'bench').tryAcquire();
    await connections.command.persist(keys.leader);
    await log.lead(lease);
    const memoryUsed = async () =>
      Number(/used_memory:(\d+)/.exec(await connections.command.info('memory'))?.[1] ?? NaN);
    // The write cost: this process (the leader's append, the write, the read back) and Redis.
    const redisCpuBefore = cpuMs(redis.pid);
    const leaderUs = await appendCost(log, appends, {
      settle: async () => {
        await log.flushed(60_000);
        await waitFor(() => log.chatEventCount >= Math.min(appends, chat.maxMessages), 'read back');
      },
    });
    const redisUs = ((cpuMs(redis.pid) - redisCpuBefore) * 1000) / appends;
    const flooded = await flood(log, Math.min(floodSeconds, 60), async (second) => ({
      second,
      chatEntries: await connections.command.xlen(keys.chatLog),
      logEntries: await connections.command.xlen(keys.log),
      usedMemory: await memoryUsed(),
    }));
    return { leaderUs, redisUs, flood: flooded };
  } finally {
    log.close();
    leaderRequests.close();
    await connections.close();
    await log.stopped();
    await redis.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'twitch-realtime-chat-log-bench-'));
try {
  const [one, five] = loadavg();
  console.log(
    `Chat in the event logs (${appends.toLocaleString('en')} appends of a ~${Buffer.byteLength(JSON.stringify(chatMessage(0)))}-byte chat message; chat kept: ${chat.maxMessages.toLocaleString('en')}; machine load ${one.toFixed(2)} / ${five.toFixed(2)})`,
  );
  const sqlite = await sqliteRun(dir);
  console.log('');
  console.log(
    `  CPU per chat message: SQLite ${sqlite.sqliteUs.toFixed(1)} µs (its table, pruning included), memory ${sqlite.memoryUs.toFixed(1)} µs (${(sqlite.sqliteUs / sqlite.memoryUs).toFixed(1)}×)`,
  );
  console.log(
    `  SQLite over ${floodSeconds} s of chat at ${rate}/s and alerts at ${ALERT_RATE}/s, in real time (${(sqlite.flood.bytesWrittenPerMessage / 1024).toFixed(1)} KB written to the file and its WAL per message):`,
  );
  for (const s of sqlite.flood.samples) {
    console.log(
      `    ${String(s.second).padStart(4)} s: ${String(s.chatKept).padStart(5)} chat kept, ${String(s.alertsKept).padStart(4)} alerts kept; file ${mb(s.fileBytes)}, WAL ${mb(s.walBytes)}`,
    );
  }
  console.log(`    closed: file ${mb(sqlite.closedFileBytes)}`);
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.log('\n  Redis: skipped (no redis-server; `sudo apt-get install -y redis-server`).');
  } else {
    const redis = await redisRun();
    console.log('');
    console.log(
      `  Redis, per chat message: ${redis.leaderUs.toFixed(1)} µs of the leader's CPU (append, write, read back), ${redis.redisUs.toFixed(1)} µs of redis-server's`,
    );
    console.log(
      `  Redis over ${Math.min(floodSeconds, 60)} s of chat at ${rate}/s and alerts at ${ALERT_RATE}/s, in real time:`,
    );
    for (const s of redis.flood.samples) {
      console.log(
        `    ${String(s.second).padStart(4)} s: chat stream ${String(s.chatEntries).padStart(5)} entries, log stream ${String(s.logEntries).padStart(4)}; used_memory ${mb(s.usedMemory)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
