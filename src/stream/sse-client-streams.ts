import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import type { ReplayIncomplete, StatusMessage } from '../contract/sse-contract.js';
import { EventBus } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import { LiveBatch } from './live-batch.js';
import { openFileLimit } from './open-file-limit.js';
import { OpeningWriter } from './opening-writer.js';
import { ReplayFrames } from './replay-frames.js';
import { REPLAY_PAGE_EVENTS, ReplayPages } from './replay-pages.js';
import { CORS_HEADERS, SseConnection, type Opening, type QueuedFrame } from './sse-connection.js';
import { PING, messageFrame, openingFrame, wireFrame } from './sse-frames.js';
import { StreamAdmission, streamLimits, type Refusal } from './stream-admission.js';
import { filterKey, matches, wantedEvents, type StreamFilter } from './stream-filter.js';
import { readStreamRequestOrRefuse } from './stream-request-refusal.js';

/**
 * Clients dropped within this long of the first are reported in one log line: a hundred clients
 * that stop reading together (a network that went away) make one warning, not a hundred.
 */
const DROP_REPORT_WINDOW_MS = 1000;

/**
 * How long a live message from Twitch may wait for more to join its batch: bounds what batching
 * adds to ingest latency (EventSub frame to first SSE write, kept under 2 ms), while a burst still
 * goes out in a few writes per client rather than one per event.
 */
const MAX_BATCH_WAIT_MS = 1;

/** Openings kept for the next client that connects with the same filter and resume point. */
const MAX_CACHED_OPENINGS = 256;

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
 * The hot path is one loop per event-loop turn: the messages published in the turn are collected
 * (`LiveBatch`), each frame is made once (`publishedFrame`), matched once per distinct filter, and
 * each socket gets one write of the same shared bytes however many messages the turn had (a burst
 * of 20 costs the kernel one system call per client, not 20). Nothing waits for a client:
 * one that stops reading is dropped once `SSE_MAX_PENDING_BYTES` wait for it, so it never holds
 * memory without bound nor delays the others.
 *
 * Openings are shared too: clients connecting with the same filter and resume point between two
 * messages get the same opening, the missed events in it are runs of frames made once for every
 * client resuming over them (`ReplayFrames`), and the request handler only queues it: the
 * `OpeningWriter` begins streams and writes long replays a little each event-loop turn, with live
 * messages queued behind — a thousand clients reconnecting at once do not freeze the service. A
 * replay longer than a page is read from the log a page at a time as the client takes it
 * (`ReplayPages`). How many streams one address, and the service, may hold is `StreamAdmission`'s.
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
  /** Live messages published in this turn, not written yet (`flush`). */
  private pending: PublishedMessage[] = [];
  /** When the oldest of them that came from Twitch joined them (`performance.now()`), if any did. */
  private pendingSince = Infinity;
  /**
   * Bytes every client was sent during this event-loop turn. Node hands a turn's writes to the
   * kernel at its end, so they are not the client's backlog yet and do not count against its bound.
   */
  private bytesThisTurn = 0;
  private readonly deliveries = new Subject<Delivery>();
  private readonly replayFrames = new ReplayFrames();
  private readonly replayPages: ReplayPages;
  private readonly openingWriter = new OpeningWriter();
  /** Openings by filter and resume point, all made at `openingsCursor` (the bus id then). */
  private readonly openings = new Map<string, Opening>();
  private openingsCursor = -1;
  /** Clients dropped since the first drop not yet reported, and the timer that reports them. */
  private dropsToReport = 0;
  private dropReport: NodeJS.Timeout | undefined;
  /** Counts streams per client address and in all; refuses one beyond the limits (429, 503). */
  private readonly admission: StreamAdmission;

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {
    this.replayPages = new ReplayPages(bus, this.replayFrames);
    this.admission = new StreamAdmission(
      streamLimits(config.values, openFileLimit()),
      config.values.trustProxy,
      (refusal, address) => this.reportRefusal(refusal, address),
    );
  }

  /** Streams refused because their address, or the service, held as many as allowed. */
  get refusedCount(): number {
    return this.admission.refused;
  }

  /** How many client streams are open. */
  get clientCount(): number {
    return this.openStreams;
  }

  /** How many clients were dropped for not reading their stream. */
  get droppedCount(): number {
    return this.dropped;
  }

  /** How many clients are still to be sent their opening or replay (live messages wait behind). */
  get catchingUpCount(): number {
    let count = 0;
    for (const group of this.groups.values())
      for (const client of group.clients) if (client.isCatchingUp) count++;
    return count;
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
    const { total, perAddress, totalSource } = this.admission.limits;
    this.logger.log(
      `SSE streams: at most ${total} open (${totalSource}), ${perAddress} per client address (SSE_MAX_STREAMS_PER_ADDRESS).`,
    );
    // One timer for every client: a heartbeat costs one write per client, never a timer per client.
    this.heartbeatTimer = setInterval(
      () => this.heartbeat(),
      this.config.values.heartbeatSeconds * 1000,
    );
    this.heartbeatTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeatTimer);
    this.flush();
    this.closing = true;
    this.reportDrops();
    const connected = this.openStreams;
    // Open SSE responses would otherwise keep the HTTP server from closing.
    for (const group of this.groups.values()) for (const client of group.clients) client.end();
    this.logger.log(
      `Shutting down: ended the SSE stream of ${connected} connected client${connected === 1 ? '' : 's'} (they reconnect by themselves when it is back) and stopped the heartbeat.`,
    );
  }

  /** Starts the stream a request asks for (`readStreamRequest`: resume point and filters). */
  serve(request: IncomingMessage, response: ServerResponse): void {
    const read = readStreamRequestOrRefuse(request, response);
    if (!read) return;
    const { lastId, filter, catchUp } = read;
    if (catchUp) this.catchUp(request, response, lastId, filter);
    else this.open(request, response, lastId, filter);
  }

  /**
   * Sends one client only the opening `open` would (the missed events and the state, or the state
   * alone), then an id-only frame at the bus's position at that moment, and ends the response.
   * Browsers share one live stream between all the pages of this service (six HTTP/1.1
   * connections per host is all they allow): each page catches up on its own filter this way and
   * takes what follows that id from the shared stream. Not a stream client: it is never counted,
   * and gets no live message.
   */
  catchUp(
    request: IncomingMessage,
    response: ServerResponse,
    lastId: number | null,
    streamFilter: StreamFilter,
  ): void {
    if (this.refusedWhileClosing(response)) return;
    const cursor = this.bus.cursorFor(lastId);
    const opening = this.opening(lastId, cursor, streamFilter, filterKey(streamFilter));
    const caughtUp = wireFrame(`id: ${cursor}\n\n`);
    const client = SseConnection.accept(
      request,
      response,
      cursor,
      {
        text: opening.text,
        frames: [...opening.frames, caughtUp],
        bytes: opening.bytes + caughtUp.chunk.length,
      },
      this.config.values.maxPendingBytes,
      { endAfterOpening: true },
    );
    if (client) this.openingWriter.add(client);
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
    if (this.refusedWhileClosing(response)) return;
    // One client (or all together) must not take every descriptor: refused with 429 or 503.
    if (!this.admission.admit(request, response)) return;
    // Everything below runs synchronously: no message can be published between reading the
    // buffer and joining the live clients, so nothing is lost or sent twice. Until the opening is
    // written, live messages wait behind it in the client's queue.
    const cursor = this.bus.cursorFor(lastId);
    const key = filterKey(streamFilter);
    const client = SseConnection.accept(
      request,
      response,
      cursor,
      this.opening(lastId, cursor, streamFilter, key),
      this.config.values.maxPendingBytes,
    );
    if (!client) return;
    this.openingWriter.add(client);
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

  /** Answers 503 while the service shuts down (a client reconnects to the next instance). */
  private refusedWhileClosing(response: ServerResponse): boolean {
    if (this.closing) response.writeHead(503, CORS_HEADERS).end();
    return this.closing;
  }

  /**
   * Takes a live message; it is written at the end of the current callback (`process.nextTick`),
   * with whatever else is published until then, so each client gets one write per turn. A burst
   * read from Twitch in one go is published frame by frame, so a message from Twitch waits at most
   * `MAX_BATCH_WAIT_MS` for the frames after it: once it has, the batch is written at once.
   */
  private fanOut(published: PublishedMessage): void {
    if (this.pending.push(published) === 1) process.nextTick(this.flush);
    const now = performance.now();
    // Measured from here, not from the frame's arrival: on an instance that reads the bus from
    // Redis, a message is already older than the bound when it arrives, and batching still pays.
    if (published.receivedAt !== undefined && now < this.pendingSince) this.pendingSince = now;
    if (now - this.pendingSince >= MAX_BATCH_WAIT_MS) this.flush();
  }

  /** Writes the live messages published since the last flush to every client whose filter they pass. */
  private readonly flush = (): void => {
    if (this.pending.length === 0) return;
    const batch = new LiveBatch(this.pending);
    this.pending = [];
    this.pendingSince = Infinity;
    const allowance = this.countTurnBytes(batch.bytes);
    for (const group of this.groups.values()) {
      const frames = batch.forGroup(group.filter);
      if (!frames) continue;
      for (const client of group.clients) {
        const start = frames.startFor(client.cursor);
        const wire = frames.framesFrom(start);
        if (!wire) continue;
        if (!client.send(wire, allowance)) {
          this.drop(client);
          continue;
        }
        frames.sent(start);
      }
      frames.finish();
    }
    if (this.deliveries.observed) {
      const lastWriteAt = performance.now();
      batch.forEachDelivered((published, clients, firstWriteAt) =>
        this.deliveries.next({ published, clients, firstWriteAt, lastWriteAt }),
      );
    }
  };

  private heartbeat(): void {
    this.flush();
    const allowance = this.countTurnBytes(PING.chunk.length);
    for (const group of this.groups.values()) {
      for (const client of group.clients) {
        // A client catching up is being sent its replay: it is not idle.
        if (client.isCatchingUp) continue;
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

  /** Cuts a client that stopped reading; clients dropped together are reported in one line. */
  private drop(client: SseConnection): void {
    if (!client.isOpen) return;
    this.dropped++;
    client.drop();
    if (this.dropsToReport++ > 0) return;
    this.dropReport = setTimeout(() => this.reportDrops(), DROP_REPORT_WINDOW_MS);
    this.dropReport.unref();
  }

  private reportDrops(): void {
    clearTimeout(this.dropReport);
    const count = this.dropsToReport;
    this.dropsToReport = 0;
    if (count === 0) return;
    const bound = this.config.values.maxPendingBytes;
    this.logger.warn(
      `Dropped ${count} SSE client${count === 1 ? '' : 's'} that stopped reading (more than ${bound} bytes waited, SSE_MAX_PENDING_BYTES). ${count === 1 ? 'It' : 'Each'} can reconnect and resume; raise SSE_MAX_PENDING_BYTES if clients on slow links are dropped while still reading.`,
    );
  }

  private reportRefusal(refusal: Refusal, address: string): void {
    const { total, perAddress } = this.admission.limits;
    this.logger.warn(
      refusal === 'service-full'
        ? `Refusing new SSE streams (503): ${total} are open, the most allowed (SSE_MAX_STREAMS, kept below the open-file limit). Raise the limit (ulimit -n) or SSE_MAX_STREAMS if these clients are wanted.`
        : `Refusing new SSE streams from ${address} (429): it holds ${perAddress}, the most one address may (SSE_MAX_STREAMS_PER_ADDRESS). Raise SSE_MAX_STREAMS_PER_ADDRESS if many clients share that address (a proxy: set TRUST_PROXY=true).`,
    );
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

  /**
   * What a new stream starts with: the retry hint, then the missed messages or the state. A fresh
   * stream's opening is a few frames of text; a replay's frames are the shared runs of the
   * events it missed, then the state that changed meanwhile. Made once per filter and resume point
   * while the bus stays at `cursor`.
   */
  private opening(
    lastId: number | null,
    cursor: number,
    streamFilter: StreamFilter,
    key: string,
  ): Opening {
    if (cursor !== this.openingsCursor || this.openings.size >= MAX_CACHED_OPENINGS) {
      this.openings.clear();
      this.openingsCursor = cursor;
    }
    const cacheKey = `${key}|${lastId ?? ''}`;
    let opening = this.openings.get(cacheKey);
    if (!opening) {
      opening = this.makeOpening(lastId, cursor, streamFilter, key);
      this.openings.set(cacheKey, opening);
    }
    return opening;
  }

  private makeOpening(
    lastId: number | null,
    cursor: number,
    streamFilter: StreamFilter,
    key: string,
  ): Opening {
    const retry = this.config.values.retryMs;
    const snapshots = (list: PublishedMessage[]) =>
      list
        .filter((snapshot) => matches(streamFilter, snapshot.message))
        .map((snapshot) => messageFrame(cursor, snapshot.json))
        .join('');
    const textOnly = (text: string): Opening => ({ text, frames: [], bytes: 0 });

    if (lastId === null) {
      return textOnly(openingFrame(cursor, retry) + snapshots(this.bus.currentSnapshots()));
    }
    // Only what the client asked for counts: one that wants raids has lost nothing when the
    // events that fell out of the log were follows.
    // The first page of the missed events; the rest is read as the client takes it.
    const resumption = this.bus.resumeAfter(lastId, wantedEvents(streamFilter), REPLAY_PAGE_EVENTS);
    if (!resumption.complete) {
      const status: StatusMessage = { type: 'status', data: this.incomplete(lastId) };
      const told = matches(streamFilter, status)
        ? messageFrame(cursor, JSON.stringify(status))
        : '';
      return textOnly(openingFrame(cursor, retry) + told + snapshots(resumption.snapshots));
    }
    const page = this.replayPages.firstPage(resumption.events, cursor, streamFilter, key);
    const frames: QueuedFrame[] = [...page.frames, ...(page.rest ? [page.rest] : [])];
    let bytes = page.bytes;
    const state = snapshots(resumption.snapshots);
    if (state !== '') {
      const stateFrame = wireFrame(state);
      frames.push(stateFrame);
      bytes += stateFrame.chunk.length;
    }
    // The retry hint carries the client's own cursor, so a drop during the replay resumes it again.
    return { text: openingFrame(lastId, retry), frames, bytes };
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
