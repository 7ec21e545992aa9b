import { Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { NON_CHAT_TYPES } from '../event-types/chat-history.js';
import type { StreamSpan } from './stream-span.js';

/** Events read from the log per query: one id range of the primary key each. */
const STREAM_EVENTS_PAGE = 2_000;

/**
 * A stream's events are every type but chat: chat is kept apart, for hours only (its own
 * retention), so a recap or a download of an older stream could never hold it all.
 */
const NOT_CHAT: ReadonlySet<TwitchEventType> = new Set(NON_CHAT_TYPES);

/** One event of a stream, as the log keeps it. */
export interface StreamLogEvent {
  readonly id: number;
  readonly message: EventMessage;
  /** Its JSON, as the log holds it (written out as it is, never serialised again). */
  readonly json: string;
}

/**
 * A stream's events from the log: the ids from its first to its last, read in id-range pages (an
 * index range, never a scan of the whole log), so a long stream is never all in memory. Test
 * alerts and the dashboard's replays are not the stream's and are left out.
 */
@Injectable()
export class StreamEvents {
  constructor(private readonly bus: EventBus) {}

  /**
   * The stream's events, oldest first, a page at a time. A live stream's end is the log's newest
   * id when reading begins, so a reader that pauses between pages gets the same events.
   */
  *pages(span: StreamSpan): Generator<StreamLogEvent[]> {
    const before = (span.lastId ?? this.bus.lastId) + 1;
    for (let after = span.firstId - 1; ;) {
      const page = this.bus.eventsPage({
        after,
        before,
        types: NOT_CHAT,
        limit: STREAM_EVENTS_PAGE,
      });
      const events: StreamLogEvent[] = [];
      // Newest first: turned round, as they happened.
      for (let i = page.length - 1; i >= 0; i--) {
        const published = page[i]!;
        const { message } = published;
        if (message.type !== 'event' || message.test || message.replayOf !== undefined) continue;
        events.push(published as StreamLogEvent);
      }
      if (events.length > 0) yield events;
      if (page.length < STREAM_EVENTS_PAGE) return;
      after = page[0]!.id;
    }
  }

  /**
   * Whether the log still has every event of the stream: none after its start was pruned, and
   * the log's file is written (while it cannot be, its newest events are not in the file's pages).
   */
  complete(span: StreamSpan): boolean {
    const log = this.bus.logStatus;
    if (log.state !== 'ok') {
      const since = Date.parse(log.since ?? '') || 0;
      if (span.endedAt === null || Date.parse(span.endedAt) >= since) return false;
    }
    return this.bus.missedAfter(span.firstId - 1, null, 1).complete;
  }
}
