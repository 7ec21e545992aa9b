/**
 * Reads the id a client wants to resume after, from the `Last-Event-ID` header (what a browser's
 * EventSource sends on reconnect) or the `lastEventId` query parameter (what a reloaded page sends).
 * The header wins. Anything that is not a plain non-negative integer counts as "no id": a bad id
 * must never turn into an error page.
 */
export function parseLastEventId(header: unknown, query: unknown): number | null {
  return parseId(header) ?? parseId(query);
}

function parseId(raw: unknown): number | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return Number.isSafeInteger(id) ? id : null;
}
