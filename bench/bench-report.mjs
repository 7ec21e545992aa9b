// The plain-text report: one table per size (service, baseline, ratio), the service-only figures,
// and the targets of issue 7 with whether each was met in this run.

const MB = 1024 * 1024;
const fixed = (digits) => (value) =>
  value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
const ms = fixed(2);
const mb = (bytes) => fixed(1)(bytes === undefined ? undefined : bytes / MB);
const kb = (bytes) => fixed(1)(bytes === undefined ? undefined : bytes / 1024);
const percent = (share) => fixed(1)(share === undefined ? undefined : share * 100);
const int = (value) => (value === null || value === undefined ? '-' : String(Math.round(value)));

/** Rows compared side by side: label, how to read the figure, how to show it. */
const ROWS = [
  ['clients connected', (r) => r.connect?.connected, int],
  ['connect time (s)', (r) => r.connect?.seconds, fixed(1)],
  ['steady rate (events/s)', (r) => r.steady?.rate, int],
  ['steady p50 latency (ms)', (r) => r.steady?.p50Ms, ms],
  ['steady p99 latency (ms)', (r) => r.steady?.p99Ms, ms],
  ['steady max latency (ms)', (r) => r.steady?.maxMs, ms],
  ['steady last client, median event (ms)', (r) => r.steady?.lastClientMedianMs, ms],
  ['steady last client, worst event (ms)', (r) => r.steady?.lastClientMaxMs, ms],
  ['burst p50 latency (ms)', (r) => r.burst?.p50Ms, ms],
  ['burst p99 latency (ms)', (r) => r.burst?.p99Ms, ms],
  ['burst max latency (ms)', (r) => r.burst?.maxMs, ms],
  ['burst last client, last event (ms)', (r) => r.burst?.lastClientMaxMs, ms],
  ['delivered, steady + burst (%)', (r) => (r.steady?.delivered + r.burst?.delivered) / 2, percent],
  ['server CPU per event, steady (ms)', (r) => r.steady?.cpuMsPerEvent, ms],
  ['server CPU per event, burst (ms)', (r) => r.burst?.cpuMsPerEvent, ms],
  ['server CPU share, steady (% of a core)', (r) => r.steady?.cpuShare, percent],
  [
    'steal on the server core, all rounds (ms)',
    (r) => r.rounds?.reduce((sum, round) => sum + round.steady.stealMs + round.burst.stealMs, 0),
    int,
  ],
  ['server RSS idle (MB)', (r) => r.memory?.rssIdle, mb],
  ['server RSS with clients (MB)', (r) => r.memory?.rssWithClients, mb],
  ['server peak RSS in burst (MB)', (r) => r.burst?.peakRss, mb],
  ['memory per client (KB)', (r) => r.memory?.perClient, kb],
];

function table(header, rows) {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => String(row[column]).length)),
  );
  const line = (row) =>
    row
      .map((cell, column) => String(cell)[column === 0 ? 'padEnd' : 'padStart'](widths[column]))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function ratio(service, baseline) {
  if (typeof service !== 'number' || typeof baseline !== 'number' || baseline === 0) return '-';
  return `${(service / baseline).toFixed(2)}x`;
}

/** Which targets of issue 7 this run met, with the figures behind each verdict. */
export function targets(report) {
  const verdicts = [];
  const add = (target, met, detail) =>
    verdicts.push({ target, met: met === null ? null : Boolean(met), detail });
  for (const { size, service, baseline } of report.sizes) {
    if (!service) continue;
    if (baseline) {
      const steady = service.steady.p99Ms / baseline.steady.p99Ms;
      const burst = service.burst.p99Ms / baseline.burst.p99Ms;
      add(
        `p99 at ${size} clients ≤ 2x baseline`,
        steady <= 2 && burst <= 2,
        `steady ${ms(service.steady.p99Ms)} vs ${ms(baseline.steady.p99Ms)} ms (${steady.toFixed(2)}x), ` +
          `burst ${ms(service.burst.p99Ms)} vs ${ms(baseline.burst.p99Ms)} ms (${burst.toFixed(2)}x)`,
      );
      const memory = service.memory.perClient / baseline.memory.perClient;
      add(
        `memory per client at ${size} ≤ 2x baseline`,
        memory <= 2,
        `${kb(service.memory.perClient)} vs ${kb(baseline.memory.perClient)} KB (${memory.toFixed(2)}x)`,
      );
    }
    if (size === 1000)
      add(
        'p99 at 1,000 clients ≤ 20 ms',
        service.steady.p99Ms <= 20,
        `steady ${ms(service.steady.p99Ms)} ms`,
      );
    if (service.ingest)
      add(
        `ingest p99 ≤ 2 ms (${size} clients)`,
        service.ingest.p99Ms <= 2,
        `${ms(service.ingest.p99Ms)} ms`,
      );
    else add(`ingest p99 ≤ 2 ms (${size} clients)`, null, 'not measured (no /metrics)');
    if (service.helixOneClient && service.helixWithClients)
      add(
        `Helix calls per poll, 1 vs ${size} clients`,
        service.helixOneClient.perPoll === service.helixWithClients.perPoll,
        `${service.helixOneClient.perPoll} vs ${service.helixWithClients.perPoll}`,
      );
  }
  if (report.hold) {
    const { hold } = report;
    add(
      `${hold.requested.toLocaleString('en')} clients held by one instance`,
      hold.connect.connected === hold.requested && hold.delivery.delivered === 1,
      `${hold.connect.connected} connected, ${percent(hold.delivery.delivered)}% of events delivered`,
    );
  }
  if (report.stall?.withStalled) {
    const { stall } = report;
    add(
      'a stalled client is dropped and does not delay the others',
      stall.dropped && stall.withStalled.delivered === 1,
      `dropped after ${stall.eventsUntilDropped ?? '-'} events; readers' p99 ${ms(stall.withoutStalled.p99Ms)} ms without, ` +
        `${ms(stall.withStalled.p99Ms)} ms with it`,
    );
  }
  const { churn } = report;
  if (churn) {
    // Judged from the first quarter on (connections warm the JIT and the allocator first), on
    // what a full GC leaves alive.
    const first = churn.checkpoints[0];
    const warm = churn.checkpoints[1] ?? first;
    const last = churn.checkpoints.at(-1);
    const heapGrowth = last.heapUsed - warm.heapUsed;
    add(
      `churn of ${churn.cycles.toLocaleString('en')}: memory and handles flat`,
      last.fds <= first.fds + 2 &&
        last.handles <= first.handles + 2 &&
        last.clients === 0 &&
        heapGrowth < 2 * MB,
      `after a full GC, heap ${mb(warm.heapUsed)} MB at ${warm.cycles} → ${mb(last.heapUsed)} MB at ${last.cycles}; ` +
        `fds ${first.fds} → ${last.fds}, handles ${first.handles} → ${last.handles}, RSS ${mb(first.rss)} → ${mb(last.rss)} MB`,
    );
  }
  return verdicts;
}

/** Prints the whole report to stdout. */
export function printReport(report) {
  const { machine } = report;
  console.log(
    `\nfan-out benchmark — ${machine.cores} cores, ${machine.pinned ? `servers pinned to CPU ${machine.pins.server}, clients to ${machine.pins.clients}` : 'no CPU pinning'}, ` +
      `Node ${machine.node}, open-file limit ${machine.fdLimit}`,
  );
  console.log(
    `events: cheers through the simulator (service) / POST /trigger (baseline); ${report.options.rounds} round${report.options.rounds === 1 ? '' : 's'} of ${report.options.steadySeconds} s steady + a burst of ${report.options.burst}; median round shown`,
  );
  for (const { size, service, baseline } of report.sizes) {
    console.log(`\n${size.toLocaleString('en')} clients`);
    const rows = ROWS.map(([label, read, show]) => [
      label,
      service ? show(read(service)) : '-',
      baseline ? show(read(baseline)) : '-',
      service && baseline ? ratio(read(service), read(baseline)) : '-',
    ]);
    if (service?.ingest)
      rows.push(
        [
          'ingest latency p50 / p99 (ms)',
          `${ms(service.ingest.p50Ms)} / ${ms(service.ingest.p99Ms)}`,
          '-',
          '-',
        ],
        [
          'ingest latency mean (ms), events > 2 ms',
          `${ms(service.ingest.meanMs)}, ${service.ingest.overLimit} of ${service.ingest.count}`,
          '-',
          '-',
        ],
      );
    if (service?.helixOneClient)
      rows.push([
        'Helix calls per poll, 1 client / all',
        `${service.helixOneClient.perPoll} / ${service.helixWithClients?.perPoll ?? '-'}`,
        '-',
        '-',
      ]);
    console.log(table(['', 'service', 'baseline', 'service/baseline'], rows));
  }
  const { stall, churn, hold } = report;
  if (stall?.withStalled) {
    console.log(
      `\nstalled client (service, ${stall.readers} reading clients, events of ${stall.paddingBytes} B padding)`,
    );
    console.log(
      table(
        ['', 'without', 'with stalled'],
        [
          ['readers p50 (ms)', ms(stall.withoutStalled.p50Ms), ms(stall.withStalled.p50Ms)],
          ['readers p99 (ms)', ms(stall.withoutStalled.p99Ms), ms(stall.withStalled.p99Ms)],
          ['readers max (ms)', ms(stall.withoutStalled.maxMs), ms(stall.withStalled.maxMs)],
          [
            'delivered to readers (%)',
            percent(stall.withoutStalled.delivered),
            percent(stall.withStalled.delivered),
          ],
          ['server peak RSS (MB)', mb(stall.withoutStalled.peakRss), mb(stall.peakRss)],
        ],
      ),
    );
    console.log(
      stall.dropped
        ? `stalled client dropped after ${stall.eventsUntilDropped} events (~${mb(stall.bytesUntilDropped)} MB sent its way); RSS ${mb(stall.rssBefore)} → ${mb(stall.rssAfter)} MB`
        : 'stalled client NOT dropped',
    );
  }
  if (churn) {
    console.log(`\nclient churn (service): connect, read, disconnect`);
    console.log(
      table(
        [
          'cycles',
          'RSS (MB)',
          'heap after GC (MB)',
          'external (MB)',
          'open fds',
          'active handles',
          'SSE clients',
        ],
        churn.checkpoints.map((c) => [
          c.cycles,
          mb(c.rss),
          mb(c.heapUsed ?? undefined),
          mb(c.external ?? undefined),
          c.fds,
          c.handles ?? '-',
          c.clients ?? '-',
        ]),
      ),
    );
    if (churn.failed) console.log(`${churn.failed} cycles failed`);
  }
  if (hold) {
    console.log(
      `\nholding ${hold.requested.toLocaleString('en')} clients (service): ${hold.connect.connected} connected in ${fixed(1)(hold.connect.seconds)} s, ` +
        `p50 ${ms(hold.delivery.p50Ms)} / p99 ${ms(hold.delivery.p99Ms)} / max ${ms(hold.delivery.maxMs)} ms, ` +
        `${percent(hold.delivery.delivered)}% delivered, RSS ${mb(hold.rssWithClients)} MB, ${kb(hold.perClient)} KB per client`,
    );
  }
  console.log('\ntargets');
  for (const { target, met, detail } of targets(report)) {
    console.log(`  ${met === null ? '?   ' : met ? 'met ' : 'MISS'}  ${target}: ${detail}`);
  }
  for (const note of report.notes) console.log(`\nnote: ${note}`);
}
