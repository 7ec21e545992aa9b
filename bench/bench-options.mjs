// Command-line options of `npm run bench` (`npm run bench -- --help`).
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- [options]

Starts the service (against the Twitch simulator, which runs in a process of its own as Twitch
would) and a raw node:http SSE baseline, each in its own process; connects N SSE clients to each
from separate load-generator processes; publishes events through the real ingest path (a cheer
triggered in the simulator → EventSub WebSocket → Twurple → bus → SSE) at a steady rate and in a
burst; reports latency, CPU and memory side by side. Then: a stalled client, a reconnect storm
(clients resuming at once over a full replay, against the baseline), many stalled clients dropped
at once, client churn, 20,000 clients held by one instance, and the chat run. Writes the figures to
bench/results/ as JSON.

Options:
  --sizes <list>        client counts to compare (default 1000,10000; 0 skips the comparison)
  --hold <n>            clients the service must hold in one instance, 0 to skip (default 20000)
  --rate <n>|auto       events per second in the steady phase (default auto: 40,000 / clients,
                        at most 20, so one fan-out is over well before the next event)
  --steady <seconds>    length of the steady phase of a round (default 4)
  --burst <n>           events in the burst of a round, published at once (default 20)
  --rounds <n>          rounds (steady phase, then burst) per server and size; the table shows
                        the median round by p99, the JSON every round (default 3)
  --generators <n>      load-generator processes (default: one per 5,000 clients, at least 2)
  --stall-clients <n>   reading clients beside the stalled one (default 100; 0 skips the phase)
  --stall-payload <n>   bytes of padding per event in the stall phases (default 16384)
  --storm <list>        reconnect storms: client counts resuming at once from the oldest kept
                        event (499 missed events each) while 100 others read and live events go
                        out, service and baseline; the server's event-loop lag (default
                        1000,5000; 0 skips the phase)
  --stall-drop <n>      clients that stop reading at once, beside 100 readers, until the service
                        drops them all; its event-loop lag around the drop (default 100; 0 skips)
  --heavy-reads <n>     events in the log for the heavy reads of issue 27: alerts to 100 readers
                        while 4 clients loop on GET /api/events/recent, while 200 clients resume
                        the whole log, while 400 resume it and never read; against the same
                        service idle (default 63000; 0 skips the phase)
  --chat <list>         the chat run (issue 24): client counts on an unfiltered stream while chat
                        flows, service against baseline with the same bytes, and an alert's
                        latency with and without chat (default 1000,5000; 0 skips the phase)
  --chat-rates <list>   chat messages a second in the chat run (default 50,200)
  --chat-seconds <s>    length of each chat flow (default 5)
  --churn <n>           connect/read/disconnect cycles (default 10000; 0 skips the phase)
  --poll <seconds>      STATS_POLL_INTERVAL of the service (default 10, the least allowed)
  --types <list>        the service's clients ask for ?types=<list> (default: no filter, every
                        message). A cheer is two messages for an unfiltered client (the event and
                        the labels it moved) and one for the baseline's: \`--types event\` gives
                        both the same messages, as a widget asking for events gets them
  --demo                run the service in demo mode instead (simulator inside the service,
                        DEMO_ACTIVITY=false): its CPU and memory then include the simulator's
  --only <which>        service or baseline: run only that side of the comparison
  --entry <file>        the service's entry point (default dist/main.js): bench another build,
                        e.g. an earlier commit's, with this run's harness and load
  --fanout-only         skip the event log and cluster benchmarks that follow the fan-out runs
  --profile             write CPU profiles of both servers per size to bench/results/
                        (summarise one: node bench/profile-summary.mjs <file>)
  --out <file>          where the JSON goes (default bench/results/bench-<time>.json)
  --help                this text
`;

/** Parses the command line; throws with a one-line message on a bad value. */
export function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      hold: { type: 'string', default: '20000' },
      rate: { type: 'string', default: 'auto' },
      steady: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
      burst: { type: 'string', default: '20' },
      generators: { type: 'string' },
      'stall-clients': { type: 'string', default: '100' },
      'stall-payload': { type: 'string', default: '16384' },
      storm: { type: 'string', default: '1000,5000' },
      'stall-drop': { type: 'string', default: '100' },
      'heavy-reads': { type: 'string', default: '63000' },
      entry: { type: 'string' },
      churn: { type: 'string', default: '10000' },
      chat: { type: 'string', default: '1000,5000' },
      'chat-rates': { type: 'string', default: '50,200' },
      'chat-seconds': { type: 'string', default: '5' },
      poll: { type: 'string', default: '10' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'fanout-only': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      types: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const count = (name, raw, min = 0) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`--${name} must be a whole number of at least ${min}, not "${raw}"`);
    return value;
  };
  if (values.only && !['service', 'baseline'].includes(values.only))
    throw new Error(`--only must be service or baseline, not "${values.only}"`);
  return {
    help: values.help,
    sizes: values.sizes
      .split(',')
      .map((size) => count('sizes', size.trim()))
      .filter((size) => size > 0),
    hold: count('hold', values.hold),
    rate: values.rate === 'auto' ? 'auto' : count('rate', values.rate, 1),
    steadySeconds: count('steady', values.steady, 1),
    rounds: count('rounds', values.rounds, 1),
    burst: count('burst', values.burst, 1),
    generators: values.generators === undefined ? null : count('generators', values.generators, 1),
    stallClients: count('stall-clients', values['stall-clients']),
    stallPayload: count('stall-payload', values['stall-payload']),
    storm: values.storm
      .split(',')
      .map((size) => count('storm', size.trim()))
      .filter((size) => size > 0),
    stormTimeoutMs: 180_000,
    stallDrop: count('stall-drop', values['stall-drop']),
    heavyReads: count('heavy-reads', values['heavy-reads']),
    entry: values.entry ?? null,
    churn: count('churn', values.churn),
    chat: values.chat
      .split(',')
      .map((size) => count('chat', size.trim()))
      .filter((size) => size > 0),
    chatRates: values['chat-rates'].split(',').map((rate) => count('chat-rates', rate.trim(), 1)),
    chatSeconds: count('chat-seconds', values['chat-seconds'], 1),
    pollSeconds: count('poll', values.poll, 10),
    only: values.only ?? null,
    profile: values.profile,
    fanoutOnly: values['fanout-only'],
    demo: values.demo,
    types: streamTypes(values.types),
    out: values.out ?? null,
  };
}

/** `--types`: names of SSE message types, comma-separated; null for no filter. */
function streamTypes(raw) {
  if (raw === undefined) return null;
  const names = raw.split(',').map((name) => name.trim());
  if (names.some((name) => !/^[a-z]+$/.test(name)))
    throw new Error(
      `--types must be message types separated by commas (e.g. event,stats), not "${raw}"`,
    );
  return names.join(',');
}
