import type { EventBus } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import type { ReplayIncomplete, StatusMessage } from '../contract/sse-contract.js';
import { ReplayFrames } from './replay-frames.js';
import { REPLAY_PAGE_EVENTS, ReplayPages } from './replay-pages.js';
import type { Opening, QueuedFrame } from './sse-connection.js';
import { messageFrame, openingFrame, wireFrame } from './sse-frames.js';
import { matches, wantedEvents, type StreamFilter } from './stream-filter.js';

/** Openings kept for the next client that connects with the same filter and resume point. */
const MAX_CACHED_OPENINGS = 256;

/**
 * What a new stream starts with: the retry hint, then the missed messages or the state. A fresh
 * stream's opening is a few frames of text; a replay's frames are the shared runs of the events it
 * missed (`ReplayFrames`), then the state that changed meanwhile, and a replay longer than a page
 * is read from the log a page at a time as the client takes it (`ReplayPages`).
 *
 * Openings are shared: clients connecting with the same filter and resume point between two
 * messages get the same one, made once.
 */
export class StreamOpenings {
  private readonly replayPages: ReplayPages;
  /** Openings by filter and resume point, all made at `cursor` (the bus id then). */
  private readonly cache = new Map<string, Opening>();
  private cursor = -1;

  constructor(
    private readonly bus: EventBus,
    /** `SSE_RETRY_MS`, the reconnect delay every opening hints. */
    private readonly retryMs: number,
  ) {
    this.replayPages = new ReplayPages(bus, new ReplayFrames());
  }

  /**
   * The opening of a stream resuming after `lastId` (null: from now) with the bus at `cursor`, for
   * `filter` (whose `filterKey` is `key`). Made once per filter and resume point while the bus
   * stays at `cursor`.
   */
  openingFor(lastId: number | null, cursor: number, filter: StreamFilter, key: string): Opening {
    if (cursor !== this.cursor || this.cache.size >= MAX_CACHED_OPENINGS) {
      this.cache.clear();
      this.cursor = cursor;
    }
    const cacheKey = `${key}|${lastId ?? ''}`;
    let opening = this.cache.get(cacheKey);
    if (!opening) {
      opening = this.make(lastId, cursor, filter, key);
      this.cache.set(cacheKey, opening);
    }
    return opening;
  }

  /**
   * What a catch-up (`?catchUp=1`) sends: the opening a stream would start with, then an id-only
   * frame at `cursor`, the position the page takes the shared stream's messages after.
   */
  catchUpFor(lastId: number | null, cursor: number, filter: StreamFilter, key: string): Opening {
    const opening = this.openingFor(lastId, cursor, filter, key);
    const caughtUp = wireFrame(`id: ${cursor}\n\n`);
    return {
      text: opening.text,
      frames: [...opening.frames, caughtUp],
      bytes: opening.bytes + caughtUp.chunk.length,
    };
  }

  private make(
    lastId: number | null,
    cursor: number,
    streamFilter: StreamFilter,
    key: string,
  ): Opening {
    const retry = this.retryMs;
    const snapshots = (list: PublishedMessage[]) =>
      list
        .filter((snapshot) => matches(streamFilter, snapshot.message))
        .map((snapshot) => messageFrame(cursor, snapshot.json))
        .join('');
    const textOnly = (text: string): Opening => ({ text, frames: [], bytes: 0 });

    if (lastId === null) {
      return textOnly(openingFrame(cursor, retry) + snapshots(this.bus.currentSnapshots()));
    }
    // Only what the client asked for counts: one that wants raids has lost nothing when the
    // events that fell out of the log were follows.
    // The first page of the missed events; the rest is read as the client takes it.
    const resumption = this.bus.resumeAfter(lastId, wantedEvents(streamFilter), REPLAY_PAGE_EVENTS);
    if (!resumption.complete) {
      const status: StatusMessage = { type: 'status', data: this.incomplete(lastId) };
      const told = matches(streamFilter, status)
        ? messageFrame(cursor, JSON.stringify(status))
        : '';
      return textOnly(openingFrame(cursor, retry) + told + snapshots(resumption.snapshots));
    }
    const page = this.replayPages.firstPage(resumption.events, cursor, streamFilter, key);
    const frames: QueuedFrame[] = [...page.frames, ...(page.rest ? [page.rest] : [])];
    let bytes = page.bytes;
    const state = snapshots(resumption.snapshots);
    if (state !== '') {
      const stateFrame = wireFrame(state);
      frames.push(stateFrame);
      bytes += stateFrame.chunk.length;
    }
    // The retry hint carries the client's own cursor, so a drop during the replay resumes it again.
    return { text: openingFrame(lastId, retry), frames, bytes };
  }

  private incomplete(requestedId: number): ReplayIncomplete {
    return {
      replay: 'incomplete',
      requestedId,
      oldestBufferedId: this.bus.replayWindow.oldestId,
      latestId: this.bus.lastId,
    };
  }
}
