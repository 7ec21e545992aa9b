import { Inject, Injectable } from '@nestjs/common';
import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { NON_CHAT_TYPES } from '../event-types/chat-history.js';
import { STREAM_LOG, type StreamLog } from './stream-log.js';
import type { StreamSpan } from './stream-span.js';

/** Events read from the log per query: one id range each. */
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
 * A stream's events from the log (`StreamLog`: the bus's, or the one the instances share): the
 * ids from its first to its last, read in id-range pages (never a scan of the whole log), so a long
 * stream is never all in memory. Test alerts and the dashboard's replays are not the stream's and
 * are left out.
 */
@Injectable()
export class StreamEvents {
  constructor(@Inject(STREAM_LOG) private readonly log: StreamLog) {}

  /**
   * The stream's events, oldest first, a page at a time. A live stream's end is the log's newest
   * id when reading begins, so a reader that pauses between pages gets the same events.
   */
  async *pages(span: StreamSpan): AsyncGenerator<StreamLogEvent[]> {
    const range = {
      after: span.firstId - 1,
      upTo: span.lastId ?? this.log.lastId,
      types: NOT_CHAT,
    };
    for await (const page of this.log.pages(range, STREAM_EVENTS_PAGE)) {
      const events: StreamLogEvent[] = [];
      for (const published of page) {
        const { message } = published;
        if (message.type !== 'event' || message.test || message.replayOf !== undefined) continue;
        events.push(published as StreamLogEvent);
      }
      if (events.length > 0) yield events;
    }
  }

  /** Whether the log still has every event of the stream. */
  complete(span: StreamSpan): Promise<boolean> {
    return this.log.keepsAll(span, NOT_CHAT);
  }
}
