import { Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { NON_CHAT_TYPES } from '../event-types/chat-history.js';
import type { StreamSpan } from './stream-span.js';
import { RECAP_FIGURE_TYPES, StreamRecapTally, type RecapFigure } from './stream-recap.js';
import { StreamLedger } from './stream-ledger.js';
import type { StreamRecap } from './streams-api.js';

/** Events read from the log per query: one id range of the primary key each. */
const RECAP_PAGE = 2_000;

/** A recap counts no chat: it reads every other type (one table of the file). */
const NOT_CHAT: ReadonlySet<TwitchEventType> = new Set(NON_CHAT_TYPES);

/**
 * A stream's recap, read from the event log: its events are the ids from the stream's first to its
 * last, read in id-range pages (an index range, never a scan of the whole log) and added up as
 * they come; the viewers come from the ledger's series. A figure whose events retention pruned
 * (the log says which types it lost after an id) is named in `incomplete`.
 */
@Injectable()
export class StreamRecapReader {
  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
    private readonly ledger: StreamLedger,
  ) {}

  /** The recap of `span` as the log has it now. */
  recap(span: StreamSpan, now = Date.now()): StreamRecap {
    const tally = new StreamRecapTally(this.config.eventSubEvents);
    const before = span.lastId === null ? undefined : span.lastId + 1;
    let after = span.firstId - 1;
    for (;;) {
      const page = this.bus.eventsPage({ after, before, types: NOT_CHAT, limit: RECAP_PAGE });
      // Newest first: added oldest first, as they happened.
      for (let i = page.length - 1; i >= 0; i--) {
        const { message } = page[i]!;
        if (message.type === 'event') tally.add(message);
      }
      if (page.length < RECAP_PAGE) break;
      after = page[0]!.id;
    }
    const series = this.ledger
      .viewers(span.id)
      .map(({ at, viewers }) => ({ at: new Date(at).toISOString(), viewers }));
    return tally.recap(span, {
      series,
      now,
      incomplete: this.prunedFigures(span),
      mayBeMissing: this.missingFromLastGap(span, now),
    });
  }

  /**
   * The figures some of whose events after the stream's start the log no longer keeps — or, while
   * the log's file cannot be written (its events since then wait in memory, where a page of the
   * file does not see them), every figure of a stream that ran since.
   */
  private prunedFigures(span: StreamSpan): RecapFigure[] {
    const figures = Object.keys(RECAP_FIGURE_TYPES) as RecapFigure[];
    const log = this.bus.logStatus;
    const unwrittenSince = log.state === 'ok' ? null : Date.parse(log.since ?? '') || 0;
    if (
      unwrittenSince !== null &&
      (span.endedAt === null || Date.parse(span.endedAt) >= unwrittenSince)
    ) {
      return figures;
    }
    return figures.filter(
      (figure) =>
        !this.bus.missedAfter(
          span.firstId - 1,
          new Set<TwitchEventType>(RECAP_FIGURE_TYPES[figure]),
          1,
        ).complete,
    );
  }

  /** What the last gap's recovery could not tell, when that gap fell within the stream. */
  private missingFromLastGap(span: StreamSpan, now: number): string[] {
    const kept = this.bus.snapshot('status:recovery')?.message;
    if (kept?.type !== 'status' || !('recovery' in kept.data)) return [];
    const { start, end, missing } = kept.data.recovery;
    const streamEnd = span.endedAt === null ? now : Date.parse(span.endedAt);
    const overlaps =
      Date.parse(start) <= streamEnd && Date.parse(end) >= Date.parse(span.startedAt);
    return overlaps ? [...missing] : [];
  }
}
