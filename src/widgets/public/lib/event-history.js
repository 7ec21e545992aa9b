// @ts-check
// The newest events of the service's event log (`GET /api/events`), newest first, a page at a
// time: what a widget that lists events (the event list, the chat box) opens on before it follows
// the stream, so a reload shows the same rows.

/** @typedef {import('../../../alerts/alerts-api.js').EventHistoryResponse} EventHistoryResponse */
/** @typedef {EventHistoryResponse['events'][number]['message']} LoggedMessage */

/** History pages read at most, looking for enough events. */
const MAX_HISTORY_PAGES = 5;

/**
 * Hands each logged event of `events` to `take`, newest first, `pageSize` at a time, until
 * `enough()` says so after a page, the log has no more, or MAX_HISTORY_PAGES were read; gives the
 * id to resume the stream after (the log's newest when the first page was read).
 * @param {{
 *   events: readonly string[],
 *   pageSize: number,
 *   take: (message: LoggedMessage, id: number) => void,
 *   enough: () => boolean,
 * }} read
 * @returns {Promise<number>}
 */
export async function loadEventHistory({ events, pageSize, take, enough }) {
  const params = new URLSearchParams({ limit: String(pageSize), events: events.join(',') });
  let lastId = 0;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const response = await fetch(`/api/events?${params}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`/api/events answered ${response.status}`);
    /** @type {EventHistoryResponse} */
    const history = await response.json();
    if (page === 0) lastId = history.lastId;
    for (const { id, message } of history.events) take(message, id);
    if (enough() || history.nextCursor === null) break;
    params.set('before', String(history.nextCursor));
  }
  return lastId;
}
