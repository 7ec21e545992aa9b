// The plain-text report: one table per size (service, baseline, ratio), the service-only figures,
// the event-loop phases of issue 13 (reconnect storm, stalled clients dropped at once), and the
// targets of issues 7 and 13 with whether each was met in this run.

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
  [
    'server waited for its core, all rounds (ms)',
    (r) => r.rounds?.reduce((sum, round) => sum + round.steady.waitedMs + round.burst.waitedMs, 0),
    int,
  ],
  ['server RSS idle (MB)', (r) => r.memory?.rssIdle, mb],
  ['server RSS with clients (MB)', (r) => r.memory?.rssWithClients, mb],
  ['server peak RSS in burst (MB)', (r) => r.burst?.peakRss, mb],
  ['memory per client (KB)', (r) => r.memory?.perClient, kb],
];

/** The most the event loop may lag during a reconnect storm or a drop burst (issue 13). */
export const LAG_GOAL_MS = 50;

/** Rows of a reconnect storm, service against baseline. */
const STORM_ROWS = [
  ['clients resumed (connected / failed)', (r) => `${r.clients.connected} / ${r.clients.failed}`],
  ['event-loop lag p99 (ms)', (r) => ms(r.lag.p99Ms)],
  ['event-loop lag max (ms)', (r) => ms(r.lag.maxMs)],
  ['  of it the server’s own, max (ms)', (r) => ms(r.lag.ownMaxMs)],
  ['  main thread waiting for its CPU (ms)', (r) => int(r.runQueueMs)],
  ['health check slowest (ms)', (r) => ms(r.health.maxMs)],
  ['connect time, all clients (s)', (r) => fixed(1)(r.connectSeconds)],
  [
    'replay complete p50 / p99 (ms)',
    (r) => `${int(r.clients.replayP50Ms)} / ${int(r.clients.replayP99Ms)}`,
  ],
  ['replay complete, last client (ms)', (r) => int(r.clients.replayMaxMs)],
  [
    'clients with every event once, in order',
    (r) => `${r.clients.reachedLast - r.clients.withSequenceErrors} of ${r.clients.connected}`,
  ],
  ['live events during the storm', (r) => r.liveEvents],
  [
    'readers: live p99 / max (ms)',
    (r) => `${ms(r.readersLive.p99Ms)} / ${ms(r.readersLive.maxMs)}`,
  ],
  ['readers: live delivered (%)', (r) => percent(r.readersLive.delivered)],
  ['server CPU (ms)', (r) => int(r.cpuMs)],
  ['server peak RSS (MB)', (r) => mb(r.peakRss)],
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
  for (const { size, service, baseline } of report.storms ?? []) {
    for (const [kind, storm] of [
      ['service', service],
      ['baseline', baseline],
    ]) {
      if (!storm) continue;
      const complete = storm.clients.reachedLast - storm.clients.withSequenceErrors;
      add(
        `${kind}: every one of ${size.toLocaleString('en')} resuming clients got its replay once, in order, then the live events`,
        complete === storm.clients.connected && storm.clients.connected === size,
        `${complete} of ${storm.clients.connected}${storm.clients.firstError ? `; first error: ${storm.clients.firstError}` : ''}`,
      );
    }
    if (service)
      add(
        `event-loop lag ≤ ${LAG_GOAL_MS} ms in a reconnect storm of ${size.toLocaleString('en')}`,
        service.lag.maxMs <= LAG_GOAL_MS,
        `max ${ms(service.lag.maxMs)} ms (the server's own ${ms(service.lag.ownMaxMs)} ms), p99 ${ms(service.lag.p99Ms)} ms` +
          (baseline ? ` (raw baseline: max ${ms(baseline.lag.maxMs)} ms)` : ''),
      );
  }
  const drop = report.stallDrop;
  if (drop) {
    add(
      `event-loop lag ≤ ${LAG_GOAL_MS} ms while ${drop.stalled} stalled clients are dropped`,
      drop.droppedAll && drop.lagMaxInDropStepsMs <= LAG_GOAL_MS,
      `max ${ms(drop.lagMaxInDropStepsMs)} ms around the drops, the server's own ${ms(drop.lagOwnMaxInDropStepsMs)} ms ` +
        `(others: ${ms(drop.lagMaxOtherStepsMs)} ms, own ${ms(drop.lagOwnMaxOtherStepsMs)} ms)`,
    );
    add(
      `one log line per drop burst (${drop.stalled} clients)`,
      drop.dropLogLines <= drop.dropSteps.length,
      `${drop.dropLogLines} line${drop.dropLogLines === 1 ? '' : 's'} for ${drop.dropSteps.length} step${drop.dropSteps.length === 1 ? '' : 's'} with drops`,
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
  if (report.entry && report.entry !== 'dist/main.js') console.log(`service: ${report.entry}`);
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
    if (service?.ingestSteady && service?.ingestBurst) {
      const { ingestSteady: steady, ingestBurst: burst } = service;
      rows.push(
        ['ingest p99 (ms), steady / burst', `${ms(steady.p99Ms)} / ${ms(burst.p99Ms)}`, '-', '-'],
        [
          'events > 2 ms of ingest, steady / burst',
          `${steady.overLimit} of ${steady.count} / ${burst.overLimit} of ${burst.count}`,
          '-',
          '-',
        ],
      );
    }
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
  for (const { size, service, baseline } of report.storms ?? []) {
    const any = service ?? baseline;
    console.log(
      `\nreconnect storm: ${size.toLocaleString('en')} clients resume at once from the oldest kept event ` +
        `(${any.replayed} missed events each), ${any.readers} readers, ${any.liveRate} live events/s; goal: lag ≤ ${LAG_GOAL_MS} ms`,
    );
    console.log(
      table(
        ['', 'service', 'raw baseline'],
        STORM_ROWS.map(([label, show]) => [
          label,
          service ? show(service) : '-',
          baseline ? show(baseline) : '-',
        ]),
      ),
    );
  }
  const drop = report.stallDrop;
  if (drop) {
    console.log(
      `\n${drop.stalled} clients stop reading at once (service, ${drop.readers} readers; events of ${drop.paddingBytes} B ` +
        `at 200/s fill the kernel's buffers, then events of ${drop.smallPaddingBytes} B at 400/s until all are dropped)`,
    );
    console.log(
      table(
        ['', 'wall', 'server’s own'],
        [
          ['all dropped', drop.droppedAll ? `yes, after ${drop.eventsPublished} events` : 'NO', ''],
          [
            'dropped (after how many events)',
            drop.dropSteps.map((step) => `${step.dropped} (${step.at})`).join(', ') || '-',
            '',
          ],
          [
            'event-loop lag max, around the drops (ms)',
            ms(drop.lagMaxInDropStepsMs),
            ms(drop.lagOwnMaxInDropStepsMs),
          ],
          [
            'event-loop lag max, other steps (ms)',
            ms(drop.lagMaxOtherStepsMs),
            ms(drop.lagOwnMaxOtherStepsMs),
          ],
          ['readers max latency, around the drops (ms)', ms(drop.readersMaxInDropStepsMs), ''],
          ['readers delivered (%)', percent(drop.readersDelivered), ''],
          ['log lines about the drops', drop.dropLogLines, ''],
        ],
      ),
    );
    if (drop.dropLogSample) console.log(`log: ${drop.dropLogSample.trim()}`);
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
