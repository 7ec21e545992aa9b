import type { PublishedMessage } from '../bus/published-message.js';
import { ReplayFrames } from './replay-frames.js';
import { messageFrame } from './sse-frames.js';

/** Kept events with consecutive ids from `first`. */
function events(first: number, count: number): PublishedMessage[] {
  return Array.from({ length: count }, (_, n) => {
    const message = { type: 'event', event: 'channel.follow', data: { n } } as const;
    return { id: first + n, message, json: JSON.stringify(message), publishedAt: 0 };
  });
}

/** The SSE text inside a list of HTTP chunks. */
function body(frames: { frame: Buffer }[]): string {
  return Buffer.concat(frames.map((f) => f.frame)).toString();
}

describe('ReplayFrames', () => {
  const log = events(1_000, 200);

  it('gives a replay as the events’ frames, in order, each HTTP chunk framed', () => {
    const frames = new ReplayFrames().framesOf(log, '*|*');
    expect(body(frames)).toBe(log.map((e) => messageFrame(e.id, e.json)).join(''));
    for (const { chunk, frame } of frames) {
      expect(chunk.toString()).toBe(`${frame.length.toString(16)}\r\n${frame.toString()}\r\n`);
    }
    expect(frames.length).toBeLessThan(log.length / 10);
  });

  it('makes the bytes once for every client that resumes from the same point', () => {
    const replays = new ReplayFrames();
    const first = replays.framesOf(log.slice(1), '*|*');
    const second = replays.framesOf(log.slice(1), '*|*');
    expect(second).toHaveLength(first.length);
    second.forEach((frame, n) => expect(frame.chunk).toBe(first[n]?.chunk));
  });

  it('shares every run after the first between clients resuming from different points', () => {
    const replays = new ReplayFrames();
    const early = replays.framesOf(log.slice(5), '*|*');
    const late = replays.framesOf(log.slice(70), '*|*');
    const shared = late.slice(1).filter((frame) => early.some((e) => e.chunk === frame.chunk));
    expect(shared).toHaveLength(late.length - 1);
    expect(body(late)).toBe(body(early).slice(body(early).indexOf(`id: ${log[70]?.id}\n`)));
  });

  it('keeps runs of another filter apart, and lets the oldest go past its size', () => {
    const replays = new ReplayFrames(4096);
    const everything = replays.framesOf(log, '*|*');
    const followsOnly = replays.framesOf(log, 'event|channel.follow');
    expect(followsOnly[0]?.chunk).not.toBe(everything[0]?.chunk);
    // The first runs were let go to stay within 4 KB, so they are made anew (same bytes).
    const again = replays.framesOf(log, '*|*');
    expect(again[0]?.chunk).not.toBe(everything[0]?.chunk);
    expect(body(again)).toBe(body(everything));
  });
});
