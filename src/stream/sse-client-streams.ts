import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import type { ReplayIncomplete, StatusMessage } from '../contract/sse-contract.js';
import { EventBus } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import { SseConnection } from './sse-connection.js';
import { PING, messageFrame, openingFrame, publishedFrame } from './sse-frames.js';
import { filterKey, matches, type StreamFilter } from './stream-filter.js';

/** How one live message went out: for the delivery-lag and ingest-latency metrics. */
export interface Delivery {
  readonly published: PublishedMessage;
  /** Clients it was written to. */
  readonly clients: number;
  /** When it was handed to the first and the last client's socket (`performance.now()`). */
  readonly firstWriteAt: number;
  readonly lastWriteAt: number;
}

/** The clients that asked for the same filter: a message is matched once for all of them. */
interface FilterGroup {
  readonly filter: StreamFilter;
  readonly clients: Set<SseConnection>;
}

/**
 * The SSE clients and their streams. A client gets what it missed (or the current state), then
 * every live message that passes its filter, plus a shared heartbeat.
 *
 * The hot path is one loop per message: its frame is made once (`publishedFrame`), matched once
 * per distinct filter, and the same bytes are written to every socket. Nothing waits for a client:
 * one that stops reading is dropped once `SSE_MAX_PENDING_BYTES` wait for it, so it never holds
 * memory without bound nor delays the others.
 */
@Injectable()
export class SseClientStreams implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SseStream');
  private readonly groups = new Map<string, FilterGroup>();
  private openStreams = 0;
  private dropped = 0;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** The bus subscription, held only while a client is connected. */
  private live: Subscription | undefined;
  private closing = false;
  /**
   * Bytes every client was sent during this event-loop turn. Node hands a turn's writes to the
   * kernel at its end, so they are not the client's backlog yet and do not count against its bound.
   */
  private bytesThisTurn = 0;
  private readonly deliveries = new Subject<Delivery>();

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {}

  /** How many client streams are open. */
  get clientCount(): number {
    return this.openStreams;
  }

  /** How many clients were dropped for not reading their stream. */
  get droppedCount(): number {
    return this.dropped;
  }

  /** Bytes written to clients that they have not taken yet, all clients together. */
  get pendingBytes(): number {
    let total = 0;
    for (const group of this.groups.values())
      for (const client of group.clients) total += client.pendingBytes;
    return total;
  }

  /** Each live message once it has been written to every client that wanted it. */
  get delivered$(): Observable<Delivery> {
    return this.deliveries.asObservable();
  }

  onModuleInit(): void {
    // One timer for every client: a heartbeat costs one write per client, never a timer per client.
    this.heartbeatTimer = setInterval(
      () => this.heartbeat(),
      this.config.values.heartbeatSeconds * 1000,
    );
    this.heartbeatTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeatTimer);
    this.closing = true;
    // Open SSE responses would otherwise keep the HTTP server from closing.
    for (const group of this.groups.values()) for (const client of group.clients) client.end();
  }

  /**
   * Starts the stream of one client. With `lastId` null it starts with the current state; with an
   * id it starts with everything published after that id, once and in order (or, when that is no
   * longer buffered, with a `replay: incomplete` status and the current state). Every message has
   * an id: state snapshots carry the cursor at connect time, so the client resumes from "now".
   */
  open(
    request: IncomingMessage,
    response: ServerResponse,
    lastId: number | null,
    streamFilter: StreamFilter,
  ): void {
    if (this.closing) {
      response.writeHead(503).end();
      return;
    }
    // Everything below runs synchronously: no message can be published between reading the
    // buffer and joining the live clients, so nothing is lost or sent twice.
    const cursor = this.bus.lastId;
    const client = SseConnection.start(
      request,
      response,
      cursor,
      this.opening(lastId, cursor, streamFilter),
      this.config.values.maxPendingBytes,
    );
    if (!client) return;
    const key = filterKey(streamFilter);
    let group = this.groups.get(key);
    if (!group) {
      group = { filter: streamFilter, clients: new Set() };
      this.groups.set(key, group);
    }
    group.clients.add(client);
    this.openStreams++;
    this.live ??= this.bus.messages$.subscribe((published) => this.fanOut(published));
    client.onClose(() => this.release(key, client));
  }

  /** Writes a live message to every client whose filter it passes. */
  private fanOut(published: PublishedMessage): void {
    const frame = publishedFrame(published);
    const allowance = this.countTurnBytes(frame.chunk.length);
    let clients = 0;
    let firstWriteAt = 0;
    for (const group of this.groups.values()) {
      if (!matches(group.filter, published.message)) continue;
      for (const client of group.clients) {
        if (published.id <= client.cursor) continue;
        if (!client.send(frame, allowance)) {
          this.drop(client);
          continue;
        }
        if (clients++ === 0) firstWriteAt = performance.now();
      }
    }
    if (clients > 0 && this.deliveries.observed) {
      this.deliveries.next({ published, clients, firstWriteAt, lastWriteAt: performance.now() });
    }
  }

  private heartbeat(): void {
    const allowance = this.countTurnBytes(PING.chunk.length);
    for (const group of this.groups.values()) {
      for (const client of group.clients) {
        if (!client.send(PING, allowance)) this.drop(client);
      }
    }
  }

  /** Adds `bytes` to what this turn wrote to each client; returns what was written before them. */
  private countTurnBytes(bytes: number): number {
    if (this.bytesThisTurn === 0) setImmediate(() => (this.bytesThisTurn = 0));
    const before = this.bytesThisTurn;
    this.bytesThisTurn += bytes;
    return before;
  }

  private drop(client: SseConnection): void {
    if (!client.isOpen) return;
    this.dropped++;
    this.logger.warn(
      `Dropped an SSE client that is not reading: ${client.pendingBytes} bytes were waiting for it (SSE_MAX_PENDING_BYTES=${this.config.values.maxPendingBytes}). It can reconnect and resume.`,
    );
    client.drop();
  }

  private release(key: string, client: SseConnection): void {
    const group = this.groups.get(key);
    if (!group?.clients.delete(client)) return;
    this.openStreams--;
    if (group.clients.size === 0) this.groups.delete(key);
    if (this.openStreams === 0) {
      this.live?.unsubscribe();
      this.live = undefined;
    }
  }

  /** The text a new stream starts with: the retry hint, then the missed messages or the state. */
  private opening(lastId: number | null, cursor: number, streamFilter: StreamFilter): string {
    const retry = this.config.values.retryMs;
    const snapshots = (list: PublishedMessage[]) =>
      list
        .filter((snapshot) => matches(streamFilter, snapshot.message))
        .map((snapshot) => messageFrame(cursor, snapshot.json))
        .join('');

    if (lastId === null) {
      return openingFrame(cursor, retry) + snapshots(this.bus.currentSnapshots());
    }
    const resumption = this.bus.resumeAfter(lastId);
    if (!resumption.complete) {
      const status: StatusMessage = { type: 'status', data: this.incomplete(lastId) };
      const told = matches(streamFilter, status)
        ? messageFrame(cursor, JSON.stringify(status))
        : '';
      return openingFrame(cursor, retry) + told + snapshots(resumption.snapshots);
    }
    const missed = resumption.events
      .filter((published) => matches(streamFilter, published.message))
      .map((published) => messageFrame(published.id, published.json))
      .join('');
    // The retry hint carries the client's own cursor, so a drop during the replay resumes it again.
    return openingFrame(lastId, retry) + missed + snapshots(resumption.snapshots);
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
