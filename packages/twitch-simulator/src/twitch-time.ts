/**
 * Timestamps in the two styles Twitch writes them. EventSub uses RFC 3339 with nanoseconds; Helix
 * uses whole seconds. Using both here keeps clients honest about parsing either.
 */

/** RFC 3339 with nine fractional digits, as EventSub writes `message_timestamp` and event times. */
export function eventSubTime(date: Date = new Date()): string {
  const iso = date.toISOString();
  const belowMillis = String(process.hrtime.bigint() % 1_000_000n).padStart(6, '0');
  return `${iso.slice(0, -1)}${belowMillis}Z`;
}

/** RFC 3339 to the second, as Helix writes `created_at`, `followed_at` and `started_at`. */
export function helixTime(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
