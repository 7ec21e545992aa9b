import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { StreamLedger } from '../streams/stream-ledger.js';
import { STREAM_LOG, type StreamLog } from '../streams/stream-log.js';
import { summaryOf } from '../streams/stream-recap.js';
import type { StreamSpan } from '../streams/stream-span.js';
import type { CreditsBitsSource, CreditsSection, StreamCredits } from './credits-api.js';
import { CREDITS_SECTIONS, CreditsTally, creditsEventTypes } from './credits-tally.js';

/** Events read from the log per query. */
const CREDITS_PAGE = 2_000;

/**
 * The credits of the stream live now, or of the last one: its events of the types the credits
 * name, read from the log (`StreamLog`: the bus's, or the one the instances share) in id-range
 * pages — a section at a time where the log has an index on type and id (SQLite), all sections in
 * one pass where a page reads every event of its range (Redis) — folded by a `CreditsTally`.
 */
@Injectable()
export class CreditsReader {
  constructor(
    @Inject(STREAM_LOG) private readonly log: StreamLog,
    private readonly config: AppConfig,
    private readonly ledger: StreamLedger,
  ) {}

  /** Where cheerers' Bits are counted from: the Bits type the service subscribes to. */
  get bitsFrom(): CreditsBitsSource {
    return this.config.eventSubEvents.includes('channel.bits.use')
      ? 'channel.bits.use'
      : 'channel.cheer';
  }

  /** The credits of the live stream, else the newest one; no names before the first stream. */
  async credits(): Promise<StreamCredits> {
    // The end of a live stream's reading, taken first: events after it are the client's to follow.
    const lastId = this.log.lastId;
    const bitsFrom = this.bitsFrom;
    const span = (await this.ledger.live()) ?? (await this.ledger.page(1))[0];
    const tally = new CreditsTally(bitsFrom);
    if (!span)
      return { stream: null, lastId, bitsFrom, sections: tally.sections(), incomplete: [] };
    const typesBySection = creditsEventTypes(bitsFrom);
    const upTo = span.lastId ?? lastId;
    if (this.log.indexedByType) {
      // A section at a time: a page of several types reads up to a page of each and keeps one
      // page, so reading every section's types together would read most rows several times over.
      for (const section of CREDITS_SECTIONS) {
        await this.readEvents(span, upTo, new Set(typesBySection[section]), tally);
      }
    } else {
      const every = new Set(CREDITS_SECTIONS.flatMap((section) => typesBySection[section]));
      await this.readEvents(span, upTo, every, tally);
    }
    return {
      stream: summaryOf(span),
      lastId,
      bitsFrom,
      sections: tally.sections(),
      incomplete: await this.incompleteSections(span, typesBySection),
    };
  }

  /** Adds the span's events of `types` up to `upTo` to `tally`, oldest first, a page at a time. */
  private async readEvents(
    span: StreamSpan,
    upTo: number,
    types: ReadonlySet<TwitchEventType>,
    tally: CreditsTally,
  ): Promise<void> {
    const range = { after: span.firstId - 1, upTo, types };
    for await (const page of this.log.pages(range, CREDITS_PAGE)) {
      // Oldest first, so names come in the order they appeared.
      for (const { message } of page) if (message.type === 'event') tally.add(message);
    }
  }

  /**
   * The sections some of whose events after the stream's start the log no longer keeps — or,
   * while the log's file cannot be written (its newest events wait in memory, where a page of the
   * file does not see them), every section of a stream that ran since.
   */
  private async incompleteSections(
    span: StreamSpan,
    typesBySection: Record<CreditsSection, TwitchEventType[]>,
  ): Promise<CreditsSection[]> {
    const kept = await Promise.all(
      CREDITS_SECTIONS.map((section) => this.log.keepsAll(span, new Set(typesBySection[section]))),
    );
    return CREDITS_SECTIONS.filter((_, at) => !kept[at]);
  }
}
