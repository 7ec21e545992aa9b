import type { Counter } from 'prom-client';

/**
 * Sets a counter to a total another part of the service keeps (read when Prometheus scrapes), so
 * that part needs no metrics code. Totals only grow, so the counter does too.
 */
export function setCounter<T extends string>(
  counter: Counter<T>,
  total: number,
  labels?: Partial<Record<T, string | number>>,
): void {
  counter.remove(labels ?? {});
  counter.inc(labels ?? {}, total);
}
