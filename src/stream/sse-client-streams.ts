import {
  Injectable,
  type MessageEvent,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Observable, Subject, filter, map, merge, takeUntil } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import type { ReplayIncomplete, StatusMessage } from '../contract/sse-contract.js';
import { EventBus } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import { matches, type StreamFilter } from './stream-filter.js';

/**
 * Builds the message stream of each SSE client from the bus: what it missed (or the current state),
 * then the live messages that pass its filter, plus a shared heartbeat. Keeps the count of open
 * client streams.
 */
@Injectable()
export class SseClientStreams implements OnModuleInit, OnModuleDestroy {
  private readonly heartbeat$ = new Subject<MessageEvent>();
  /** Emits once when the service shuts down: every client stream completes, so its response ends. */
  private readonly closing$ = new Subject<void>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private openStreams = 0;
  /** The last live message turned into a Nest MessageEvent, so N clients share one object. */
  private lastConverted: { source: PublishedMessage; event: MessageEvent } | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {}

  /** How many client streams are open. */
  get clientCount(): number {
    return this.openStreams;
  }

  onModuleInit(): void {
    // One timer for every client: a heartbeat costs one write per client, never a timer per client.
    this.heartbeatTimer = setInterval(
      () => this.heartbeat$.next({ comment: 'ping' }),
      this.config.values.heartbeatSeconds * 1000,
    );
    this.heartbeatTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeatTimer);
    // Open SSE responses would otherwise keep the HTTP server from closing.
    this.closing$.next();
    this.closing$.complete();
  }

  /**
   * The stream of one client. With `lastId` null it starts with the current state; with an id it
   * starts with everything published after that id, once and in order (or, when that is no longer
   * buffered, with a `replay: incomplete` status and the current state). Every message has an id:
   * state snapshots carry the cursor at connect time, so the client resumes from "now".
   */
  open(lastId: number | null, streamFilter: StreamFilter): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      this.openStreams++;
      // Everything below runs synchronously: no message can be published between reading the
      // buffer and subscribing to live messages, so nothing is lost or sent twice.
      const cursor = this.bus.lastId;
      const initial = this.initialMessages(lastId, cursor, streamFilter);
      for (const event of initial) subscriber.next(event);
      const live = merge(
        this.bus.messages$.pipe(
          filter((published) => published.id > cursor && matches(streamFilter, published.message)),
          map((published) => this.toMessageEvent(published)),
        ),
        this.heartbeat$,
      )
        .pipe(takeUntil(this.closing$))
        .subscribe(subscriber);
      return () => {
        live.unsubscribe();
        this.openStreams--;
      };
    });
  }

  private initialMessages(
    lastId: number | null,
    cursor: number,
    streamFilter: StreamFilter,
  ): MessageEvent[] {
    const retry = this.config.values.retryMs;
    const atCursor = (json: string): MessageEvent => ({ id: String(cursor), data: json });
    const snapshotsFor = (snapshots: PublishedMessage[]) =>
      snapshots.filter((s) => matches(streamFilter, s.message)).map((s) => atCursor(s.json));

    if (lastId === null) {
      return [{ id: String(cursor), retry }, ...snapshotsFor(this.bus.currentSnapshots())];
    }
    const resumption = this.bus.resumeAfter(lastId);
    if (!resumption.complete) {
      const status: StatusMessage = { type: 'status', data: this.incomplete(lastId) };
      const told = matches(streamFilter, status) ? [atCursor(JSON.stringify(status))] : [];
      return [{ id: String(cursor), retry }, ...told, ...snapshotsFor(resumption.snapshots)];
    }
    const missed = resumption.events
      .filter((published) => matches(streamFilter, published.message))
      .map((published) => ({ id: String(published.id), data: published.json }));
    // The retry hint carries the client's own cursor, so a drop during the replay resumes it again.
    return [{ id: String(lastId), retry }, ...missed, ...snapshotsFor(resumption.snapshots)];
  }

  private incomplete(requestedId: number): ReplayIncomplete {
    return {
      replay: 'incomplete',
      requestedId,
      oldestBufferedId: this.bus.replayWindow.oldestId,
      latestId: this.bus.lastId,
    };
  }

  private toMessageEvent(published: PublishedMessage): MessageEvent {
    if (this.lastConverted?.source !== published) {
      this.lastConverted = {
        source: published,
        event: { id: String(published.id), data: published.json },
      };
    }
    return this.lastConverted.event;
  }
}
