import type { PublishedMessage } from '../bus/published-message.js';

/**
 * The SSE wire format, as bytes. Message text is JSON, which never holds a raw line break, so one
 * `data:` line always carries it whole.
 */

/**
 * A frame ready for any client: its bytes, and the same bytes framed as one HTTP/1.1 chunk, so a
 * client's socket gets a single write of bytes made once for everyone.
 */
export interface WireFrame {
  /** The SSE frame. */
  readonly frame: Buffer;
  /** `<length in hex>\r\n<frame>\r\n`: the frame as chunked transfer encoding sends it. */
  readonly chunk: Buffer;
}

/** Turns SSE text into a `WireFrame` (the frame is a view into the chunk: one copy of the bytes). */
export function wireFrame(text: string): WireFrame {
  const length = Buffer.byteLength(text);
  const prefix = `${length.toString(16)}\r\n`;
  const chunk = Buffer.from(`${prefix}${text}\r\n`);
  return { chunk, frame: chunk.subarray(prefix.length, prefix.length + length) };
}

/**
 * Several frames as one `WireFrame`: their bytes copied once, side by side, into a single HTTP
 * chunk, so a socket takes them in one write.
 */
export function joinedFrame(frames: readonly Buffer[]): WireFrame {
  let length = 0;
  for (const frame of frames) length += frame.length;
  const prefix = `${length.toString(16)}\r\n`;
  const chunk = Buffer.allocUnsafe(prefix.length + length + 2);
  let offset = chunk.write(prefix, 0, 'latin1');
  for (const frame of frames) offset += frame.copy(chunk, offset);
  chunk.write('\r\n', offset, 'latin1');
  return { chunk, frame: chunk.subarray(prefix.length, prefix.length + length) };
}

/**
 * Several frames to go out in one write: their HTTP chunks side by side, so the bytes on the wire
 * are the same as writing each in turn. One frame is returned as it is (no copy).
 */
export function concatenatedFrames(frames: readonly WireFrame[]): WireFrame {
  if (frames.length === 1) return frames[0] as WireFrame;
  return {
    chunk: Buffer.concat(frames.map((wire) => wire.chunk)),
    frame: Buffer.concat(frames.map((wire) => wire.frame)),
  };
}

/** The comment heartbeat: ignored by clients, keeps proxies and OBS from closing an idle stream. */
export const PING = wireFrame(': ping\n\n');

/** What goes first on a new stream: an empty line (as Nest's `@Sse` wrote) and the retry hint. */
export function openingFrame(cursor: number, retryMs: number): string {
  return `\nid: ${cursor}\nretry: ${retryMs}\n\n`;
}

/** A message under a given id (state snapshots go out under the client's cursor). */
export function messageFrame(id: number, json: string): string {
  return `id: ${id}\ndata: ${json}\n\n`;
}

/** Each live message's frame, made once however many clients get it (and kept while it is). */
const framesByMessage = new WeakMap<PublishedMessage, WireFrame>();

/** A published message as the bytes every client gets: its frame under its own id, made once. */
export function publishedFrame(published: PublishedMessage): WireFrame {
  let frame = framesByMessage.get(published);
  if (!frame) {
    frame = wireFrame(messageFrame(published.id, published.json));
    framesByMessage.set(published, frame);
  }
  return frame;
}
