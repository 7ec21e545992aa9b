/** What said a stream began: its `stream.online`, Helix's `started_at` in a poll, or only a poll. */
export type StreamStartSource = 'stream.online' | 'helix' | 'poll';

/**
 * What said a stream ended: its `stream.offline`; the next `stream.online` (no offline came); the
 * last poll that saw it live (a later poll found the channel offline, or live with another start).
 */
export type StreamEndSource = 'stream.offline' | 'next-online' | 'last-poll';

/** The viewer numbers of a stream's polls, kept as they come in (the series is kept beside). */
export interface ViewerTally {
  /** Polls that saw the stream live. */
  polls: number;
  peak: number;
  /** The sum of every poll's viewers (the average is `sum / polls`). */
  sum: number;
  last: number;
}

/** One stream: when it ran, what said so, and which of the log's event ids fall in it. */
export interface StreamSpan {
  /** 1, 2, 3, … in the order streams began. */
  readonly id: number;
  /** ISO time it began. */
  startedAt: string;
  startSource: StreamStartSource;
  /** The first event id that belongs to it. */
  readonly firstId: number;
  /** ISO time it ended (null while it is the current stream). */
  endedAt: string | null;
  endSource: StreamEndSource | null;
  /** The last event id that belongs to it (null while current: every id since `firstId`). */
  lastId: number | null;
  /** ISO time of the last poll that saw it live. */
  lastLivePollAt: string | null;
  viewers: ViewerTally;
}

/** One poll's reading, as far as streams care. */
export interface LivePoll {
  readonly live: boolean;
  readonly viewers: number;
  /** Helix's `started_at` (null when offline). */
  readonly startedAt: string | null;
  /** When it was polled (milliseconds since the epoch). */
  readonly at: number;
  /** The log's newest id when the reading came: events after it are later than the poll. */
  readonly lastId: number;
}

/**
 * The first event id, among the ids after `after` up to `upTo`, of an event that arrived at or
 * after `time` (ISO); `upTo + 1` when none did. How a stream a poll found live gets the events
 * that came between its start and that poll.
 */
export type FirstEventSince = (time: string, after: number, upTo: number) => number;

/** A poll's viewers on one stream, for the series kept beside the log. */
export interface ViewerSample {
  readonly streamId: number;
  readonly at: number;
  readonly viewers: number;
}

/** What one happening changed: the spans to keep again, and a viewer sample to add. */
export interface SpanChanges {
  readonly changed: StreamSpan[];
  readonly sample?: ViewerSample;
}

/**
 * Two start times of one stream: `stream.online`'s `started_at` and Helix's are the same instant,
 * give or take how each is rounded; a broadcast started again has a later one.
 */
const SAME_START_MS = 10_000;

/**
 * Where streams begin and end, from `stream.online`/`stream.offline` and the polls, each of which
 * may be missing (the service down, a gap in EventSub). Plain: no I/O; the caller keeps the spans
 * it is handed back.
 */
export class StreamSpans {
  private readonly spans: StreamSpan[];
  private nextId: number;

  /** Goes on from the spans kept before (any order). */
  constructor(kept: readonly StreamSpan[] = []) {
    this.spans = [...kept].sort((a, b) => a.id - b.id);
    this.nextId = (this.spans.at(-1)?.id ?? 0) + 1;
  }

  /** The stream that is live now, if one is. */
  get current(): StreamSpan | undefined {
    const newest = this.spans.at(-1);
    return newest && newest.endedAt === null ? newest : undefined;
  }

  /** Every stream, oldest first. */
  get all(): readonly StreamSpan[] {
    return this.spans;
  }

  /**
   * A `stream.online` (id `eventId`, at `at`): the current stream if it is the same broadcast (a
   * poll saw it first); otherwise the current one, which had no offline, ends and a new one begins.
   */
  online(eventId: number, at: number, startedAt: string | null): SpanChanges {
    const start = startedAt ?? iso(at);
    const current = this.current;
    if (current && sameStart(current.startedAt, start)) {
      if (current.startSource === 'stream.online') return { changed: [] };
      current.startSource = 'stream.online';
      current.startedAt = start;
      return { changed: [current] };
    }
    const changed: StreamSpan[] = [];
    if (current) {
      const byPoll = current.lastLivePollAt !== null;
      this.end(
        current,
        byPoll ? current.lastLivePollAt! : start,
        byPoll ? 'last-poll' : 'next-online',
        eventId - 1,
      );
      changed.push(current);
    }
    changed.push(this.begin(start, 'stream.online', eventId));
    return { changed };
  }

  /**
   * A `stream.offline`: the current stream ends with it (one with no current stream is ignored).
   * One recovered after a gap came when the gap ended, not when the stream did: the stream ends
   * at the last poll that saw it live, when one did.
   */
  offline(eventId: number, at: number, recovered = false): SpanChanges {
    const current = this.current;
    if (!current) return { changed: [] };
    if (recovered && current.lastLivePollAt !== null) {
      this.end(current, current.lastLivePollAt, 'last-poll', eventId);
    } else {
      this.end(current, iso(at), 'stream.offline', eventId);
    }
    return { changed: [current] };
  }

  /**
   * A poll's reading. Live: its viewers go to the current stream, or a stream begins (Helix's
   * `started_at` says when) — unless it is the stream just ended (Helix lists a stream a little
   * after its offline), which a poll ended: then that one goes on (a poll that missed it).
   * Offline: a current stream a poll saw live ends at that last live poll; one no poll saw yet
   * stays (Helix lists a stream a little after its online). A stream a poll begins takes the
   * events since Helix's `started_at` that no earlier stream holds (`firstEventSince`; without
   * it, those after the poll only).
   */
  poll(reading: LivePoll, firstEventSince?: FirstEventSince): SpanChanges {
    const current = this.current;
    if (!reading.live) {
      if (!current || current.lastLivePollAt === null) return { changed: [] };
      this.end(current, current.lastLivePollAt, 'last-poll', reading.lastId);
      return { changed: [current] };
    }
    const changed: StreamSpan[] = [];
    let stream = current;
    if (stream && reading.startedAt !== null && !sameStart(stream.startedAt, reading.startedAt)) {
      this.end(stream, stream.lastLivePollAt ?? reading.startedAt, 'last-poll', reading.lastId);
      changed.push(stream);
      stream = undefined;
    }
    if (!stream) {
      const newest = this.spans.at(-1);
      const sameAsEnded =
        newest && reading.startedAt !== null && sameStart(newest.startedAt, reading.startedAt);
      if (sameAsEnded && newest.endSource !== 'last-poll') return { changed };
      if (sameAsEnded) {
        stream = newest;
        stream.endedAt = null;
        stream.endSource = null;
        stream.lastId = null;
      } else {
        const source = reading.startedAt === null ? 'poll' : 'helix';
        const after = Math.max(newest?.lastId ?? 0, newest ? newest.firstId - 1 : 0);
        const firstId =
          reading.startedAt !== null && firstEventSince
            ? firstEventSince(reading.startedAt, after, reading.lastId)
            : reading.lastId + 1;
        stream = this.begin(reading.startedAt ?? iso(reading.at), source, firstId);
      }
    }
    const tally = stream.viewers;
    tally.polls += 1;
    tally.sum += reading.viewers;
    tally.peak = Math.max(tally.peak, reading.viewers);
    tally.last = reading.viewers;
    stream.lastLivePollAt = iso(reading.at);
    if (!changed.includes(stream)) changed.push(stream);
    return {
      changed,
      sample: { streamId: stream.id, at: reading.at, viewers: reading.viewers },
    };
  }

  private begin(startedAt: string, source: StreamStartSource, firstId: number): StreamSpan {
    const span: StreamSpan = {
      id: this.nextId++,
      startedAt,
      startSource: source,
      firstId,
      endedAt: null,
      endSource: null,
      lastId: null,
      lastLivePollAt: null,
      viewers: { polls: 0, peak: 0, sum: 0, last: 0 },
    };
    this.spans.push(span);
    return span;
  }

  private end(span: StreamSpan, endedAt: string, source: StreamEndSource, lastId: number): void {
    span.endedAt = endedAt;
    span.endSource = source;
    span.lastId = Math.max(lastId, span.firstId - 1);
  }
}

function sameStart(a: string, b: string): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) <= SAME_START_MS;
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
