import { Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { StreamLedger } from '../streams/stream-ledger.js';
import { summaryOf } from '../streams/stream-recap.js';
import type { StreamSpan } from '../streams/stream-span.js';
import type { CreditsBitsSource, CreditsSection, StreamCredits } from './credits-api.js';
import { CREDITS_SECTIONS, CreditsTally, creditsEventTypes } from './credits-tally.js';

/** Events read from the log per query. */
const CREDITS_PAGE = 2_000;

/**
 * The credits of the stream live now, or of the last one: its events of the types the credits
 * name, read from the log a section at a time in id-range pages of that section's types (the log's
 * index on type and id, never a scan of the whole log), folded by a `CreditsTally`.
 */
@Injectable()
export class CreditsReader {
  constructor(
    private readonly bus: EventBus,
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
  credits(): StreamCredits {
    // Read at once (every call below is synchronous): no event comes in between.
    const lastId = this.bus.lastId;
    const bitsFrom = this.bitsFrom;
    const span = this.ledger.current ?? this.ledger.page(1)[0];
    const tally = new CreditsTally(bitsFrom);
    if (!span)
      return { stream: null, lastId, bitsFrom, sections: tally.sections(), incomplete: [] };
    const typesBySection = creditsEventTypes(bitsFrom);
    // A section at a time: a page of several types reads up to a page of each and keeps one page,
    // so reading every section's types together would read most rows several times over.
    for (const section of CREDITS_SECTIONS) {
      this.readEvents(span, new Set(typesBySection[section]), tally);
    }
    return {
      stream: summaryOf(span),
      lastId,
      bitsFrom,
      sections: tally.sections(),
      incomplete: this.incompleteSections(span, typesBySection),
    };
  }

  /** Adds the span's events of `types` to `tally`, oldest first, a page at a time. */
  private readEvents(span: StreamSpan, types: ReadonlySet<TwitchEventType>, tally: CreditsTally) {
    const before = span.lastId === null ? undefined : span.lastId + 1;
    let after = span.firstId - 1;
    for (;;) {
      const page = this.bus.eventsPage({ after, before, types, limit: CREDITS_PAGE });
      // Newest first: added oldest first, so names come in the order they appeared.
      for (let i = page.length - 1; i >= 0; i--) {
        const { message } = page[i]!;
        if (message.type === 'event') tally.add(message);
      }
      if (page.length < CREDITS_PAGE) return;
      after = page[0]!.id;
    }
  }

  /**
   * The sections some of whose events after the stream's start the log no longer keeps — or,
   * while the log's file cannot be written (its newest events wait in memory, where a page of the
   * file does not see them), every section of a stream that ran since.
   */
  private incompleteSections(
    span: StreamSpan,
    typesBySection: Record<CreditsSection, TwitchEventType[]>,
  ): CreditsSection[] {
    const log = this.bus.logStatus;
    const unwrittenSince = log.state === 'ok' ? null : Date.parse(log.since ?? '') || 0;
    if (
      unwrittenSince !== null &&
      (span.endedAt === null || Date.parse(span.endedAt) >= unwrittenSince)
    ) {
      return [...CREDITS_SECTIONS];
    }
    return CREDITS_SECTIONS.filter(
      (section) =>
        !this.bus.missedAfter(span.firstId - 1, new Set(typesBySection[section]), 1).complete,
    );
  }
}
