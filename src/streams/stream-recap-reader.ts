import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import type { StreamSpan } from './stream-span.js';
import { RECAP_FIGURE_TYPES, StreamRecapTally, type RecapFigure } from './stream-recap.js';
import { StreamEvents } from './stream-events.js';
import { StreamLedger } from './stream-ledger.js';
import { STREAM_LOG, type StreamLog } from './stream-log.js';
import type { StreamRecap } from './streams-api.js';

/**
 * A stream's recap, read from the event log: its events (`StreamEvents`, a page at a time) added
 * up as they come; the viewers come from the ledger's series. A figure whose events retention pruned
 * (the log says which types it lost after an id; the shared log in Redis cannot tell which, so
 * there every figure is named once it trimmed into the stream) is named in `incomplete`.
 */
@Injectable()
export class StreamRecapReader {
  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
    private readonly ledger: StreamLedger,
    private readonly events: StreamEvents,
    @Inject(STREAM_LOG) private readonly log: StreamLog,
  ) {}

  /** The recap of `span` as the log has it now. */
  async recap(span: StreamSpan, now = Date.now()): Promise<StreamRecap> {
    const tally = new StreamRecapTally(this.config.eventSubEvents);
    for await (const page of this.events.pages(span)) {
      for (const { message } of page) tally.add(message);
    }
    const series = (await this.ledger.viewers(span.id)).map(({ at, viewers }) => ({
      at: new Date(at).toISOString(),
      viewers,
    }));
    return tally.recap(span, {
      series,
      now,
      incomplete: await this.prunedFigures(span),
      mayBeMissing: this.missingFromLastGap(span, now),
    });
  }

  /**
   * The figures some of whose events after the stream's start the log no longer keeps — or, while
   * the log's file cannot be written (its events since then wait in memory, where a page of the
   * file does not see them), every figure of a stream that ran since.
   */
  private async prunedFigures(span: StreamSpan): Promise<RecapFigure[]> {
    const figures = Object.keys(RECAP_FIGURE_TYPES) as RecapFigure[];
    const kept = await Promise.all(
      figures.map((figure) =>
        this.log.keepsAll(span, new Set<TwitchEventType>(RECAP_FIGURE_TYPES[figure])),
      ),
    );
    return figures.filter((_, at) => !kept[at]);
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
