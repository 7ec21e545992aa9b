// Percentiles and the per-event view of latency samples gathered from every load generator.

/** The p-th percentile (0–100) of sorted values, nearest-rank. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * Merges what the generators took: every client's latency (p50, p99, max), and per event the time
 * its last client got it (median and worst over the events), plus how much was delivered.
 */
export function summarise(takes, expectedEvents, clients) {
  const total = takes.reduce((sum, take) => sum + take.latenciesUs.length, 0);
  const all = new Float64Array(total);
  let offset = 0;
  for (const take of takes) {
    all.set(take.latenciesUs, offset);
    offset += take.latenciesUs.length;
  }
  all.sort();
  const perEvent = new Map();
  for (const take of takes) {
    for (const [seq, { count, maxUs }] of take.events) {
      const event = perEvent.get(seq) ?? { count: 0, maxUs: 0 };
      event.count += count;
      event.maxUs = Math.max(event.maxUs, maxUs);
      perEvent.set(seq, event);
    }
  }
  const lastClient = Float64Array.from([...perEvent.values()].map((event) => event.maxUs)).sort();
  const ms = (us) => us / 1000;
  return {
    samples: total,
    delivered: expectedEvents * clients === 0 ? 1 : total / (expectedEvents * clients),
    p50Ms: ms(percentile(all, 50)),
    p99Ms: ms(percentile(all, 99)),
    maxMs: ms(all[all.length - 1] ?? NaN),
    lastClientMedianMs: ms(percentile(lastClient, 50)),
    lastClientMaxMs: ms(lastClient[lastClient.length - 1] ?? NaN),
  };
}
