import type { StreamSpan, ViewerSample } from './stream-span.js';

/** The injection token of the `StreamStore`. */
export const STREAM_STORE = Symbol('StreamStore');

/** The injection token of a `StreamStore` shared by several instances (REDIS_URL), when there is one. */
export const SHARED_STREAM_STORE = Symbol('SharedStreamStore');

/**
 * Where the streams and their viewer series are kept, beside the event log and apart from its
 * retention: pruning old events never takes a stream out of the list.
 */
export interface StreamStore {
  /** Every stream kept, oldest first. */
  load(): StreamSpan[];
  /** Keeps `span` (new, or changed). */
  save(span: StreamSpan): void;
  /** Adds one poll's viewers to a stream's series. */
  addViewers(sample: ViewerSample): void;
  /** A stream's series, oldest first (a store in another process answers later). */
  viewers(streamId: number): ViewerSample[] | Promise<ViewerSample[]>;
  /**
   * Only in a store several instances share (REDIS_URL): every stream as the leader kept it, oldest
   * first. What each instance lists: an instance's own ledger is right only while it leads.
   */
  sharedSpans?(): Promise<StreamSpan[]>;
  /** Lets go of what it holds open. */
  close(): void;
}

/** The streams in memory: with the memory log (nothing survives a restart there either). */
export class MemoryStreamStore implements StreamStore {
  private readonly spans = new Map<number, StreamSpan>();
  private readonly series = new Map<number, ViewerSample[]>();

  load(): StreamSpan[] {
    return [...this.spans.values()].map(copy).sort((a, b) => a.id - b.id);
  }

  save(span: StreamSpan): void {
    this.spans.set(span.id, copy(span));
  }

  addViewers(sample: ViewerSample): void {
    const series = this.series.get(sample.streamId) ?? [];
    series.push(sample);
    this.series.set(sample.streamId, series);
  }

  viewers(streamId: number): ViewerSample[] {
    return [...(this.series.get(streamId) ?? [])];
  }

  close(): void {
    // Nothing is held open.
  }
}

function copy(span: StreamSpan): StreamSpan {
  return { ...span, viewers: { ...span.viewers } };
}
