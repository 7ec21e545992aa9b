import type { EventBus } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import type { ReplayFrames } from './replay-frames.js';
import type { WireFrame } from './sse-frames.js';
import { matches, wantedEvents, type StreamFilter } from './stream-filter.js';

/**
 * Events read from the log per page of a replay: about half a megabyte of frames, read and framed
 * in a millisecond or two, so that resuming 63,000 events back is 62 small steps among the other
 * work of the event loop rather than one 32 MB read that stops it for a second.
 */
export const REPLAY_PAGE_EVENTS = 1024;

/** How many bytes of pages are kept for the next client over the same ones (least recent go). */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;

/** The part of a replay not read from the log yet: a placeholder in a client's queue. */
export interface PendingReplay {
  /** The next page, with what remains after it; null when the log let some of it go meanwhile. */
  nextPage(): ReplayPage | null;
}

/** One page of a replay as frames, and the rest of the replay, if any. */
export interface ReplayPage {
  readonly frames: readonly WireFrame[];
  /** The bytes of `frames`. */
  readonly bytes: number;
  readonly rest: PendingReplay | null;
}

/** A page kept for other clients: its frames and the last event it holds. */
interface CachedPage {
  readonly frames: readonly WireFrame[];
  readonly bytes: number;
  readonly lastId: number;
}

/**
 * A long replay read from the log a page of `REPLAY_PAGE_EVENTS` at a time, as the client takes it
 * (`SseConnection` asks for the next page when it reaches the `PendingReplay` in its queue). The
 * events of a page become the runs of `ReplayFrames`, and full pages are kept, so clients resuming
 * from the same point read each page once between them.
 *
 * Exact: a page ends where the client's live messages begin (its cursor), and when the log has let
 * go of events the client has not been sent yet, `nextPage` says so (null) and the client is cut:
 * it reconnects from the last id it got and is told its replay is incomplete, as any other client.
 */
export class ReplayPages {
  private readonly cache = new Map<string, CachedPage>();
  private cachedBytes = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly replayFrames: ReplayFrames,
  ) {}

  /**
   * The first page of a replay from the events `resumeAfter` read (at most `REPLAY_PAGE_EVENTS`,
   * oldest first): its frames under `filter` and, when the page was full, the rest up to `upTo`.
   */
  firstPage(
    events: readonly PublishedMessage[],
    upTo: number,
    filter: StreamFilter,
    key: string,
  ): ReplayPage {
    const page = this.framed(events, upTo, filter, key);
    return {
      frames: page.frames,
      bytes: page.bytes,
      rest: this.restAfter(events, upTo, filter, key),
    };
  }

  private restAfter(
    events: readonly PublishedMessage[],
    upTo: number,
    filter: StreamFilter,
    key: string,
  ): PendingReplay | null {
    const last = events.at(-1);
    if (events.length < REPLAY_PAGE_EVENTS || !last || last.id >= upTo) return null;
    return { nextPage: () => this.page(last.id, upTo, filter, key) };
  }

  /** The page after `after` (a cached one when it ends before `upTo`), or null when it is gone. */
  private page(after: number, upTo: number, filter: StreamFilter, key: string): ReplayPage | null {
    const cacheKey = `${key}|${after}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.lastId <= upTo) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      const rest = { nextPage: () => this.page(cached.lastId, upTo, filter, key) };
      return {
        frames: cached.frames,
        bytes: cached.bytes,
        rest: cached.lastId < upTo ? rest : null,
      };
    }
    const read = this.bus.missedAfter(after, wantedEvents(filter), REPLAY_PAGE_EVENTS);
    if (!read.complete) return null;
    const page = this.framed(read.events, upTo, filter, key);
    const last = read.events.at(-1);
    // A full page ends at an event that is in the log for good: the same for every client.
    if (last && read.events.length === REPLAY_PAGE_EVENTS && last.id <= upTo) {
      this.keep(cacheKey, { frames: page.frames, bytes: page.bytes, lastId: last.id });
    }
    return { ...page, rest: this.restAfter(read.events, upTo, filter, key) };
  }

  /** The frames of the events up to `upTo` that pass `filter`. */
  private framed(
    events: readonly PublishedMessage[],
    upTo: number,
    filter: StreamFilter,
    key: string,
  ): { frames: WireFrame[]; bytes: number } {
    // An unfiltered client wants every event: its message is not parsed from the log's JSON to say so.
    const everything = filter.types === null && filter.events === null;
    const wanted = events.filter(
      (event) => event.id <= upTo && (everything || matches(filter, event.message)),
    );
    const frames = this.replayFrames.framesOf(wanted, key);
    let bytes = 0;
    for (const frame of frames) bytes += frame.chunk.length;
    return { frames, bytes };
  }

  private keep(cacheKey: string, page: CachedPage): void {
    this.cache.set(cacheKey, page);
    this.cachedBytes += page.bytes;
    for (const [oldestKey, oldest] of this.cache) {
      if (this.cachedBytes <= MAX_CACHED_BYTES) break;
      this.cache.delete(oldestKey);
      this.cachedBytes -= oldest.bytes;
    }
  }
}
