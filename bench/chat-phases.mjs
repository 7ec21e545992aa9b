// The chat run of `npm run bench` (issue 24): N clients on an unfiltered stream while chat flows
// at R messages a second, the service against the raw node:http baseline sending the same bytes;
// and an alert's latency during the flood against its latency without chat.
//
// Chat travels the real path: a message triggered through the simulator's control API
// (`POST /control/trigger/channel.chat.message`) → EventSub WebSocket → Twurple → ingest (kept in
// the SQLite log's chat table) → bus → SSE. The baseline gets `POST /trigger` with the very JSON the
// service sent for a chat message (read back from its history), the marker changed.
import { loadavg } from 'node:os';
import { connectClients, delivered, nextSeqs, nowUs, rssPeak, sleep } from './bench-phases.mjs';
import { get, marker, startBaseline, startService } from './bench-servers.mjs';
import { LoadGenerators } from './load-generators.mjs';
import { percentile, summarise } from './latency-summary.mjs';
import { cpuMs, runQueueMs, usage } from './process-usage.mjs';

/** The service listens to cheers (the alerts) and chat messages. */
const EVENT_TYPES = 'channel.cheer,channel.chat.message';
/** Alerts a second beside the chat, and alone. */
const ALERT_RATE = 2;
/** How many viewers chat (names the simulator makes up once each). */
const CHATTERS = 300;
const WARMUP_MESSAGES = 10;
/** Alert boxes beside the unfiltered clients: they ask for the alerts only. */
const ALERT_BOXES = 100;
const ALERT_BOX_PATH = '/api/twitch/stream?types=event&events=channel.cheer';

/** Ready once EventSub is connected with every subscription enabled and a poll is done. */
const receivingAll = (health) => {
  const subscriptions = health?.eventsub?.subscriptions ?? [];
  return (
    health?.eventsub?.state === 'connected' &&
    subscriptions.length === EVENT_TYPES.split(',').length &&
    subscriptions.every((s) => s.status === 'enabled') &&
    health.poll?.lastPollAt
  );
};

/** A chat line with the message's marker: a few words, an emote, a mention, as viewers write. */
const chatLine = (seq, us) => `${marker(seq, us, 0)} gg Kappa @bench_friend what a play PogChamp`;

/** How the service is sent one chat message, and one alert (a cheer). */
const serviceMessages = {
  chat: (seq, us) => ({
    path: '/control/trigger/channel.chat.message',
    body: JSON.stringify({ user: `chatter_${seq % CHATTERS}`, message: chatLine(seq, us) }),
  }),
  alert: (seq, us) => ({
    path: '/control/trigger/channel.cheer',
    body: JSON.stringify({ user: 'bench_viewer', bits: 100, message: marker(seq, us, 0) }),
  }),
};

/** How the baseline is sent a chat message: the service's own JSON for one, its marker changed. */
function baselineMessages(template) {
  return {
    chat: (seq, us) => ({
      path: '/trigger',
      body: template.replace(/bench:\d+:\d+/g, marker(seq, us, 0)),
    }),
  };
}

/**
 * Publishes chat at `chatRate` and alerts at `alertRate` a second for `seconds`, on schedule,
 * waits until every client has the last one, and sums up: the chat's latency over every (client,
 * message) pair, the alerts' apart, the server's CPU per message and its peak RSS.
 */
async function flow(server, generators, messages, { seconds, chatRate, alertRate }, alertBoxes) {
  const plan = [];
  for (let i = 0; i < chatRate * seconds; i++)
    plan.push({ kind: 'chat', due: (i * 1000) / chatRate });
  for (let i = 0; i < alertRate * seconds; i++)
    plan.push({ kind: 'alert', due: ((i + 0.5) * 1000) / alertRate });
  plan.sort((a, b) => a.due - b.due);
  const seqs = nextSeqs(plan.length);
  plan.forEach((item, index) => (item.seq = seqs[index]));
  const alertSeqs = plan.filter((item) => item.kind === 'alert').map((item) => item.seq);
  const everyGenerator = alertBoxes ? [generators, alertBoxes] : [generators];
  for (const set of everyGenerator) {
    await set.all('watch', () => ({ seqs: alertSeqs }));
    await set.all('take'); // forget anything before the flow
  }
  const peak = rssPeak(server.pid);
  const cpuBefore = cpuMs(server.pid);
  const waitedBefore = runQueueMs(server.pid);
  const started = Date.now();
  const answers = [];
  for (const item of plan) {
    const due = started + item.due;
    if (due > Date.now()) await sleep(due - Date.now());
    answers.push(server.post([messages[item.kind](item.seq, nowUs())]));
  }
  await Promise.all(answers);
  const complete =
    (await delivered(generators, seqs.at(-1))) &&
    (!alertBoxes || alertSeqs.length === 0 || (await delivered(alertBoxes, alertSeqs.at(-1))));
  const cpu = cpuMs(server.pid) - cpuBefore;
  const wallMs = Date.now() - started;
  const takes = await generators.all('take');
  const open = takes.reduce((sum, take) => sum + take.open, 0);
  const chatCount = plan.length - alertSeqs.length;
  const ms = (us) => us / 1000;
  const latencies = (values) => {
    const sorted = Float64Array.from(values).sort();
    return sorted.length === 0
      ? null
      : {
          samples: sorted.length,
          p50Ms: ms(percentile(sorted, 50)),
          p99Ms: ms(percentile(sorted, 99)),
          maxMs: ms(sorted[sorted.length - 1]),
        };
  };
  const boxTakes = alertBoxes ? await alertBoxes.all('take') : [];
  return {
    seconds,
    chatRate,
    alertRate,
    messages: plan.length,
    clients: open,
    complete,
    chat: chatCount > 0 ? summarise(takes, chatCount, open) : null,
    // The alerts as the unfiltered clients got them (behind the chat on the same connection)…
    alerts: latencies(takes.flatMap((take) => take.watchedUs)),
    // …and as alert boxes got them (`?events=channel.cheer`: no chat on their connection).
    alertBoxes: latencies(boxTakes.flatMap((take) => take.watchedUs)),
    cpuMs: cpu,
    cpuMsPerMessage: cpu / plan.length,
    cpuShare: cpu / wallMs,
    peakRss: peak.stop(),
    waitedMs: runQueueMs(server.pid) - waitedBefore,
  };
}

/**
 * One size of the chat run: the service (alerts alone, then chat alone and chat with alerts at
 * each rate), then the baseline (chat alone at each rate) with the service's chat JSON.
 */
export async function chatRun(size, context) {
  const { options, generators } = context;
  const { chatRates: rates, chatSeconds: seconds } = options;
  const result = {
    size,
    // What else ran on the machine (1-, 5- and 15-minute load averages when the run started).
    loadAverage: loadavg(),
    service: { rates: [] },
    baseline: { rates: [] },
    template: null,
  };

  const service = await startService({
    ...context.serviceOptions,
    env: { EVENTSUB_EVENTS: EVENT_TYPES },
    ready: receivingAll,
  });
  // Alert boxes, in a load generator of their own (their samples are theirs).
  const alertBoxes = await LoadGenerators.start(1, context.pins.clients);
  try {
    await sleep(1000);
    const idle = usage(service.pid);
    result.service.connect = await connectClients(generators, service.stream, size);
    await connectClients(alertBoxes, { ...service.stream, path: ALERT_BOX_PATH }, ALERT_BOXES);
    await sleep(1000);
    const held = usage(service.pid);
    const run = (rates) =>
      flow(service, generators, serviceMessages, { seconds, ...rates }, alertBoxes);
    await flow(service, generators, serviceMessages, {
      seconds: 1,
      chatRate: WARMUP_MESSAGES,
      alertRate: ALERT_RATE,
    });
    // The baseline's message: a chat message as the service sent it (read while it is calm).
    const newest = await get(
      `http://${service.stream.host}:${service.stream.port}/api/events?events=channel.chat.message&limit=1`,
    );
    result.template = JSON.stringify(newest.events[0].message);
    result.service.alertsAlone = await run({ chatRate: 0, alertRate: ALERT_RATE });
    for (const rate of rates) {
      console.error(`  … service, ${size.toLocaleString('en')} clients, chat at ${rate}/s`);
      const chat = await run({ chatRate: rate, alertRate: 0 });
      const withAlerts = await run({ chatRate: rate, alertRate: ALERT_RATE });
      result.service.rates.push({ rate, chat, withAlerts });
    }
    await sleep(1000);
    const after = usage(service.pid);
    result.service.memory = memory(idle, held, after, result.service.connect.connected);
    result.service.bus = (await service.health())?.bus ?? null;
    await generators.all('closeAll');
  } finally {
    await alertBoxes.stop();
    await service.stop();
  }

  const baseline = await startBaseline({ pin: context.pins.server });
  try {
    await sleep(1000);
    const idle = usage(baseline.pid);
    result.baseline.connect = await connectClients(generators, baseline.stream, size);
    await sleep(1000);
    const held = usage(baseline.pid);
    const messages = baselineMessages(result.template);
    await flow(baseline, generators, messages, {
      seconds: 1,
      chatRate: WARMUP_MESSAGES,
      alertRate: 0,
    });
    for (const rate of rates) {
      console.error(`  … baseline, ${size.toLocaleString('en')} clients, chat at ${rate}/s`);
      const chat = await flow(baseline, generators, messages, {
        seconds,
        chatRate: rate,
        alertRate: 0,
      });
      result.baseline.rates.push({ rate, chat });
    }
    await sleep(1000);
    const after = usage(baseline.pid);
    result.baseline.memory = memory(idle, held, after, result.baseline.connect.connected);
    await generators.all('closeAll');
  } finally {
    await baseline.stop();
  }
  return result;
}

/**
 * The server's memory: per client (what connecting them added to the idle server, over their
 * number), and its RSS with them before and after the chat flowed.
 */
function memory(idle, held, after, clients) {
  return {
    rssIdle: idle.rss,
    rssWithClients: held.rss,
    rssAfterChat: after.rss,
    perClient: (held.rss - idle.rss) / Math.max(1, clients),
  };
}

/** Prints the chat run's table for each size: the service against the baseline, and the alerts. */
export function printChat(runs) {
  const f = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
  const ratio = (a, b) =>
    Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const run of runs) {
    console.log('');
    console.log(
      `Chat run: ${run.size.toLocaleString('en')} clients, unfiltered stream (service vs raw baseline, same bytes)`,
    );
    console.log('');
    console.log('                                         service        baseline     ratio');
    for (const { rate, chat } of run.service.rates) {
      const base = run.baseline.rates.find((entry) => entry.rate === rate)?.chat;
      const s = chat.chat;
      const b = base?.chat;
      console.log(
        `  ${String(rate).padStart(3)} msg/s  p50 / p99 (ms)        ${`${f(s.p50Ms)} / ${f(s.p99Ms)}`.padStart(13)}   ${`${f(b?.p50Ms)} / ${f(b?.p99Ms)}`.padStart(13)}   ${ratio(s.p99Ms, b?.p99Ms)} (p99)`,
      );
      console.log(
        `             CPU per message (ms)  ${f(chat.cpuMsPerMessage, 2).padStart(13)}   ${f(base?.cpuMsPerMessage, 2).padStart(13)}   ${ratio(chat.cpuMsPerMessage, base?.cpuMsPerMessage)}`,
      );
      console.log(
        `             delivered, waited     ${`${f(s.delivered * 100, 0)}%, ${f(chat.waitedMs, 0)} ms`.padStart(13)}   ${`${f((b?.delivered ?? NaN) * 100, 0)}%, ${f(base?.waitedMs, 0)} ms`.padStart(13)}`,
      );
    }
    const alone = run.service.alertsAlone;
    const alertLine = (pick) =>
      `without chat ${f(pick(alone)?.p50Ms)} / ${f(pick(alone)?.p99Ms)}` +
      run.service.rates
        .map(
          ({ rate, withAlerts }) =>
            `; with chat at ${rate}/s ${f(pick(withAlerts)?.p50Ms)} / ${f(pick(withAlerts)?.p99Ms)} (${ratio(pick(withAlerts)?.p99Ms, pick(alone)?.p99Ms)})`,
        )
        .join('');
    console.log('');
    console.log(`  an alert's p50 / p99 (ms), unfiltered clients: ${alertLine((x) => x.alerts)}`);
    console.log(
      `  an alert's p50 / p99 (ms), ${ALERT_BOXES} alert boxes (?events=channel.cheer): ${alertLine((x) => x.alertBoxes)}`,
    );
    const sm = run.service.memory;
    const bm = run.baseline.memory;
    const mbOf = (bytes) => f(bytes / 1e6, 0);
    console.log(
      `  memory per client: service ${kb(sm.perClient)}, baseline ${kb(bm.perClient)}; RSS with the clients before → after the chat: service ${mbOf(sm.rssWithClients)} → ${mbOf(sm.rssAfterChat)} MB, baseline ${mbOf(bm.rssWithClients)} → ${mbOf(bm.rssAfterChat)} MB`,
    );
    const [one, five] = run.loadAverage;
    console.log(`  machine load when the run began: ${f(one, 2)} (1 min), ${f(five, 2)} (5 min)`);
  }
}
