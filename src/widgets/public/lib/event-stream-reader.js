// @ts-check

/**
 * One frame of a Server-Sent Events stream, as the wire carries it.
 * @typedef {object} EventStreamFrame
 * @property {string | null} id  the `id:` field, or null when the frame has none
 * @property {string | null} data  the `data:` lines joined by "\n", or null when there are none
 * @property {number | null} retry  the `retry:` field in ms
 * @property {boolean} comment  whether the frame had a comment line (the server's `: ping`)
 */

/**
 * Reads an SSE response body frame by frame, following the HTML spec's parsing rules. Unlike
 * EventSource it hands over frames without data too, so the page sees the connect-time id the
 * server sends in an id-only frame, and its heartbeats.
 * @param {ReadableStream<Uint8Array>} body
 * @param {(frame: EventStreamFrame) => void} onFrame
 * @param {() => void} onBytes  called on every chunk, heartbeats included
 */
export async function readEventStream(body, onFrame, onBytes) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** @type {EventStreamFrame} */
  let frame = emptyFrame();
  /** @type {string[]} */
  let data = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done && !buffer.endsWith('\r')) return;
    // At the end, a held "\r" is a line end after all.
    buffer += done ? '\n' : decoder.decode(value, { stream: true });
    if (!done) onBytes();
    // A "\r" at the very end may be the first half of a "\r\n": keep it for the next chunk.
    const held = buffer.endsWith('\r') ? '\r' : '';
    const lines = (held ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
    // The last piece is the start of a line still on its way.
    buffer = (lines.pop() ?? '') + held;
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) frame.data = data.join('\n');
        if (frame.id !== null || frame.data !== null || frame.retry !== null || frame.comment) {
          onFrame(frame);
        }
        frame = emptyFrame();
        data = [];
        continue;
      }
      if (line.startsWith(':')) {
        frame.comment = true;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const fieldValue = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(fieldValue);
      else if (field === 'id' && !fieldValue.includes('\0')) frame.id = fieldValue;
      else if (field === 'retry' && /^\d+$/.test(fieldValue)) frame.retry = Number(fieldValue);
    }
  }
}

/** @returns {EventStreamFrame} */
function emptyFrame() {
  return { id: null, data: null, retry: null, comment: false };
}
