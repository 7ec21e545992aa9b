import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Observable, Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import { EventBus } from '../bus/event-bus.js';
import { ClientGroups } from './client-groups.js';
import { LiveFanOut, type Delivery } from './live-fan-out.js';
import { openFileLimit } from './open-file-limit.js';
import { OpeningWriter } from './opening-writer.js';
import { CORS_HEADERS, SseConnection } from './sse-connection.js';
import { StalledClientDrops } from './stalled-client-drops.js';
import { StreamAdmission, refusalWarning, streamLimits } from './stream-admission.js';
import { filterKey, type StreamFilter } from './stream-filter.js';
import { StreamOpenings } from './stream-openings.js';
import { readStreamRequestOrRefuse } from './stream-request-refusal.js';

/**
 * The SSE clients and their streams. A client gets what it missed (or the current state), then
 * every live message that passes its filter, plus a shared heartbeat. This class admits and
 * serves the requests, and holds the parts that do the work:
 *
 * - `StreamAdmission`: how many streams one address, and the service, may hold (429, 503).
 * - `StreamOpenings`: what a stream starts with (the missed events or the state), shared by the
 *   clients that connect with the same filter and resume point between two messages.
 * - `OpeningWriter`: begins streams and writes long replays a little each event-loop turn, with
 *   live messages queued behind — a thousand clients reconnecting at once do not freeze the service.
 * - `ClientGroups` and `LiveFanOut`: the hot path. The messages published in a turn are written at
 *   its end, each frame made once, matched once per distinct filter, one write per client.
 * - `StalledClientDrops`: nothing waits for a client; one that stops reading is dropped once
 *   `SSE_MAX_PENDING_BYTES` wait for it, so it never holds memory without bound nor delays others.
 */
@Injectable()
export class SseClientStreams implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SseStream');
  private readonly groups = new ClientGroups();
  private readonly drops: StalledClientDrops;
  private readonly fanOut: LiveFanOut;
  private readonly openings: StreamOpenings;
  private readonly openingWriter = new OpeningWriter();
  /** Counts streams per client address and in all; refuses one beyond the limits (429, 503). */
  private readonly admission: StreamAdmission;
  /** The bus subscription, held only while a client is connected. */
  private live: Subscription | undefined;
  private closing = false;

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {
    this.drops = new StalledClientDrops(this.logger, config.values.maxPendingBytes);
    this.fanOut = new LiveFanOut(this.groups, this.drops);
    this.openings = new StreamOpenings(bus, config.values.retryMs);
    this.admission = new StreamAdmission(
      streamLimits(config.values, openFileLimit()),
      config.values.trustProxy,
      (refusal, address) =>
        this.logger.warn(refusalWarning(refusal, address, this.admission.limits)),
    );
  }

  /** Streams refused because their address, or the service, held as many as allowed. */
  get refusedCount(): number {
    return this.admission.refused;
  }

  /** How many client streams are open. */
  get clientCount(): number {
    return this.groups.size;
  }

  /** How many clients were dropped for not reading their stream. */
  get droppedCount(): number {
    return this.drops.count;
  }

  /** How many clients are still to be sent their opening or replay (live messages wait behind). */
  get catchingUpCount(): number {
    let count = 0;
    for (const client of this.groups.clients()) if (client.isCatchingUp) count++;
    return count;
  }

  /** Bytes written to clients that they have not taken yet, all clients together. */
  get pendingBytes(): number {
    let total = 0;
    for (const client of this.groups.clients()) total += client.pendingBytes;
    return total;
  }

  /** Each live message once it has been written to every client that wanted it. */
  get delivered$(): Observable<Delivery> {
    return this.fanOut.delivered$;
  }

  onModuleInit(): void {
    const { total, perAddress, totalSource } = this.admission.limits;
    this.logger.log(
      `SSE streams: at most ${total} open (${totalSource}), ${perAddress} per client address (SSE_MAX_STREAMS_PER_ADDRESS).`,
    );
    this.fanOut.startHeartbeat(this.config.values.heartbeatSeconds * 1000);
  }

  onModuleDestroy(): void {
    this.fanOut.stop();
    this.closing = true;
    this.drops.report();
    const connected = this.groups.size;
    // Open SSE responses would otherwise keep the HTTP server from closing.
    for (const client of this.groups.clients()) client.end();
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
    const client = SseConnection.accept(
      request,
      response,
      cursor,
      this.openings.catchUpFor(lastId, cursor, streamFilter, filterKey(streamFilter)),
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
      this.openings.openingFor(lastId, cursor, streamFilter, key),
      this.config.values.maxPendingBytes,
    );
    if (!client) return;
    this.openingWriter.add(client);
    this.groups.add(key, streamFilter, client);
    this.live ??= this.bus.messages$.subscribe((published) => this.fanOut.take(published));
    client.onClose(() => this.release(key, client));
  }

  /** Answers 503 while the service shuts down (a client reconnects to the next instance). */
  private refusedWhileClosing(response: ServerResponse): boolean {
    if (this.closing) response.writeHead(503, CORS_HEADERS).end();
    return this.closing;
  }

  /** Forgets a client whose connection closed; the bus is left once no client is connected. */
  private release(key: string, client: SseConnection): void {
    if (!this.groups.remove(key, client)) return;
    if (this.groups.size === 0) {
      this.live?.unsubscribe();
      this.live = undefined;
    }
  }
}
