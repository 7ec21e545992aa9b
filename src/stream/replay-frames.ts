import type { PublishedMessage } from '../bus/published-message.js';
import { joinedFrame, publishedFrame, type WireFrame } from './sse-frames.js';

/**
 * How many ids one run spans. Runs are cut where `id / RUN_IDS` changes, so where they start and
 * end depends on the ids alone, never on where a client resumes: clients resuming from different
 * points share every run after their first.
 */
const RUN_IDS = 32;

/** How many bytes of runs are kept for the next client at most (the least recently used go). */
const DEFAULT_MAX_CACHED_BYTES = 16 * 1024 * 1024;

/**
 * Replayed events as bytes shared between clients. A replay is cut into runs of up to `RUN_IDS`
 * ids; each run is one HTTP chunk made once from the events' own frames (`publishedFrame`) and
 * then written to every client that resumes over it — a thousand clients catching up on the same
 * 499 events cost one copy of those frames, not a thousand strings of them.
 */
export class ReplayFrames {
  private readonly runs = new Map<string, WireFrame>();
  private cachedBytes = 0;

  constructor(private readonly maxCachedBytes = DEFAULT_MAX_CACHED_BYTES) {}

  /**
   * `events` (one client's replay: after its filter, oldest first) as runs of frames, in order.
   * `filterKey` names the filter: the same ids make a different run under another filter.
   */
  framesOf(events: readonly PublishedMessage[], filterKey: string): WireFrame[] {
    const frames: WireFrame[] = [];
    let start = 0;
    while (start < events.length) {
      const run = runOf(events[start] as PublishedMessage);
      let end = start + 1;
      while (end < events.length && runOf(events[end] as PublishedMessage) === run) end++;
      frames.push(this.run(events, start, end, filterKey));
      start = end;
    }
    return frames;
  }

  private run(
    events: readonly PublishedMessage[],
    start: number,
    end: number,
    filterKey: string,
  ): WireFrame {
    const first = events[start] as PublishedMessage;
    if (end - start === 1) return publishedFrame(first);
    const last = events[end - 1] as PublishedMessage;
    // Events only join the log at the end and leave it at the start, so the first and the last id
    // and the count name one run's events exactly.
    const key = `${filterKey}|${first.id}|${last.id}|${end - start}`;
    let frame = this.runs.get(key);
    if (frame) {
      this.runs.delete(key);
      this.runs.set(key, frame);
      return frame;
    }
    frame = joinedFrame(events.slice(start, end).map((event) => publishedFrame(event).frame));
    this.runs.set(key, frame);
    this.cachedBytes += frame.chunk.length;
    for (const [oldest, old] of this.runs) {
      if (this.cachedBytes <= this.maxCachedBytes) break;
      this.runs.delete(oldest);
      this.cachedBytes -= old.chunk.length;
    }
    return frame;
  }
}

function runOf(published: PublishedMessage): number {
  return Math.floor(published.id / RUN_IDS);
}
