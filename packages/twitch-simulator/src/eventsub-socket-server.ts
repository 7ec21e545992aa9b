import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  notificationMessage,
  reconnectMessage,
  revocationMessage,
  type EventSubMessage,
} from './eventsub-messages.js';
import { EventSubSession, type SessionEnding } from './eventsub-session.js';
import type { EventObject } from './event-payloads.js';
import { randomId, randomSessionId, randomToken } from './random-ids.js';
import type { StoredSubscription, SubscriptionRegistry } from './subscription-registry.js';
import { TimerSet } from './timer-set.js';
import { eventSubTime } from './twitch-time.js';

/** Timings of the EventSub WebSocket server. */
export interface EventSubTimings {
  /** Keepalive timeout when the client does not ask for one (Twitch: 10; tests may go lower). */
  readonly keepaliveSeconds: number;
  /** Time a client has to connect to `reconnect_url` before the old socket closes with 4004 (Twitch: 30 s). */
  readonly reconnectGraceMs: number;
  /** How long the replaced socket stays open after the new one is welcomed, if the client keeps it. */
  readonly reconnectOverlapMs: number;
  /** How long Twitch takes to notice a connection that vanished without a close frame. */
  readonly dropNoticeMs: number;
  /** Interval of WebSocket pings (0: none). */
  readonly pingIntervalMs: number;
}

/** A session as the control API shows it. */
export interface SessionSummary {
  id: string;
  state: string;
  keepaliveSeconds: number;
  keepalivesEnabled: boolean;
  /** How long its frames are held before they go out (`setDeliveryDelay`), in ms. */
  deliveryDelayMs: number;
  connectedAt: string;
  subscriptions: number;
}

/** A session told to reconnect, waiting for its client to arrive at `reconnect_url`. */
interface PendingReconnect {
  readonly session: EventSubSession;
  readonly graceTimer: NodeJS.Timeout;
}

/** The last notification delivered, kept so that a fault can deliver it again. */
interface DeliveredNotification {
  readonly subscriptionId: string;
  readonly message: EventSubMessage;
}

/** Subscription status after Twitch closed (or lost) the socket with this code. */
function statusForClose(code: number): string {
  switch (code) {
    case 4000:
      return 'websocket_internal_error';
    case 4001:
      return 'websocket_received_inbound_traffic';
    case 4002:
      return 'websocket_failed_ping_pong';
    case 4003:
      return 'websocket_connection_unused';
    case 4004:
      return 'websocket_failed_to_reconnect';
    case 4005:
      return 'websocket_network_timeout';
    case 4006:
      return 'websocket_network_error';
    default:
      return 'websocket_disconnected';
  }
}

/**
 * The EventSub WebSocket server at `/ws`: accepts connections (and reconnections through a
 * `reconnect_url`), delivers notifications to the session each subscription lives on, and keeps
 * subscription statuses in step with what happens to the sockets.
 */
export class EventSubSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sessions = new Map<string, EventSubSession>();
  private readonly pendingReconnects = new Map<string, PendingReconnect>();
  private readonly timers = new TimerSet();
  private keepalivesByDefault = true;
  private lastDelivered: DeliveredNotification | undefined;
  private stopped = false;
  /** While set, every new connection is cut at once and reported here. */
  private refusing: (() => void) | null = null;

  constructor(
    private readonly timings: EventSubTimings,
    private readonly registry: SubscriptionRegistry,
    /** `ws://127.0.0.1:PORT/ws`, for reconnect URLs. */
    private readonly socketUrl: () => string,
  ) {}

  /** Takes over an HTTP upgrade request for `/ws`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws' || this.stopped) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (this.refusing) {
      // Unreachable: no HTTP answer, no close frame; the connection just ends.
      socket.destroy();
      this.refusing();
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, url.searchParams));
  }

  /**
   * Cuts every new connection (reconnect URLs included) at once, as if Twitch could not be
   * reached, until `acceptConnections`; `onRefused` hears of each one cut.
   */
  refuseConnections(onRefused: () => void): void {
    this.refusing = onRefused;
  }

  /** Accepts new connections again. */
  acceptConnections(): void {
    this.refusing = null;
  }

  /** The session with this id, while its socket is open. */
  session(id: string): EventSubSession | undefined {
    return this.sessions.get(id);
  }

  /** Open sessions, oldest first. */
  summaries(): SessionSummary[] {
    return [...this.sessions.values()].map((session) => ({
      id: session.id,
      state: session.state,
      keepaliveSeconds: session.keepaliveSeconds,
      keepalivesEnabled: session.keepalivesEnabled,
      deliveryDelayMs: session.deliveryDelay,
      connectedAt: session.connectedAt,
      subscriptions: this.registry.enabledOnSession(session.id).length,
    }));
  }

  /** Delivers `event` to the session of `sub` (twice when asked); returns how many messages went out. */
  deliver(sub: StoredSubscription, event: EventObject, duplicate?: 'same-id' | 'new-id'): number {
    const message = notificationMessage(sub, event);
    let sent = this.send(sub, message) ? 1 : 0;
    if (sent === 1) this.lastDelivered = { subscriptionId: sub.id, message };
    if (sent === 1 && duplicate)
      sent += this.send(sub, this.copy(message, duplicate === 'new-id')) ? 1 : 0;
    return sent;
  }

  /**
   * Delivers the last notification again, with the same `message_id` (Twitch unsure it arrived) or
   * a new one (the same event seen twice). False when there is none or its socket is gone.
   */
  redeliverLast(newMessageId: boolean): boolean {
    const last = this.lastDelivered;
    const sub = last && this.registry.get(last.subscriptionId);
    if (!last || !sub) return false;
    return this.send(sub, this.copy(last.message, newMessageId));
  }

  /** Tells sessions to reconnect (`session_reconnect`); returns how many were told. */
  requestReconnect(sessionId?: string): number {
    const targets = this.targets(sessionId).filter((session) => session.state === 'connected');
    for (const session of targets) {
      const reconnectId = randomToken(32);
      const graceTimer = this.timers.after(this.timings.reconnectGraceMs, () => {
        this.pendingReconnects.delete(reconnectId);
        if (session.isOpen) session.close(4004, 'client reconnect grace time expired');
        else this.registry.disableSession(session.id, statusForClose(4004));
      });
      this.pendingReconnects.set(reconnectId, { session, graceTimer });
      session.markReconnecting();
      session.send(reconnectMessage(session, `${this.socketUrl()}?reconnect_id=${reconnectId}`));
    }
    return targets.length;
  }

  /** Drops sockets without a close frame; returns how many. */
  drop(sessionId?: string): number {
    const targets = this.targets(sessionId);
    for (const session of targets) session.drop();
    return targets.length;
  }

  /** Closes sockets with `code` and `reason`; returns how many. */
  close(code: number, reason: string, sessionId?: string): number {
    const targets = this.targets(sessionId);
    for (const session of targets) session.close(code, reason);
    return targets.length;
  }

  /** Sends a frame that is not JSON; returns to how many sessions. */
  sendMalformed(sessionId?: string): number {
    const targets = this.targets(sessionId);
    for (const session of targets) session.sendText('{"metadata": this is not JSON');
    return targets.length;
  }

  /** Stops or resumes keepalives: for one session, or for every session now and later. */
  setKeepalives(enabled: boolean, sessionId?: string): number {
    if (sessionId === undefined) this.keepalivesByDefault = enabled;
    const targets = this.targets(sessionId);
    for (const session of targets) session.setKeepalives(enabled);
    return targets.length;
  }

  /** Delays every frame to one session, or to all open ones (`ms` 0: none); returns how many. */
  setDeliveryDelay(ms: number, sessionId?: string): number {
    const targets = this.targets(sessionId);
    for (const session of targets) session.setDeliveryDelay(ms);
    return targets.length;
  }

  /** Sends `revocation` for `sub` with `status` (when its socket is open) and forgets it. */
  revoke(sub: StoredSubscription, status: string): boolean {
    sub.status = status;
    const sent = this.send(sub, revocationMessage(sub));
    this.registry.delete(sub.id);
    return sent;
  }

  /** Closes every socket at once (no close frames) and cancels every timer. */
  stop(): Promise<void> {
    this.stopped = true;
    this.timers.clear();
    for (const client of this.wss.clients) client.terminate();
    this.sessions.clear();
    this.pendingReconnects.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, query: URLSearchParams): void {
    const reconnectId = query.get('reconnect_id');
    const replacing = reconnectId === null ? undefined : this.pendingReconnects.get(reconnectId);
    if (reconnectId !== null && !replacing) {
      ws.close(4007, 'invalid reconnect attempt');
      return;
    }
    const keepaliveSeconds = replacing
      ? replacing.session.keepaliveSeconds
      : this.keepaliveFrom(query.get('keepalive_timeout_seconds'));
    const session = new EventSubSession(
      randomSessionId(),
      ws,
      { keepaliveSeconds, pingIntervalMs: this.timings.pingIntervalMs },
      {
        onEnded: (ended, ending) => this.sessionEnded(ended, ending),
        hasSubscriptions: (asked) => this.registry.enabledOnSession(asked.id).length > 0,
      },
    );
    session.setKeepalives(this.keepalivesByDefault);
    this.sessions.set(session.id, session);
    if (replacing && reconnectId !== null) {
      this.pendingReconnects.delete(reconnectId);
      this.timers.cancel(replacing.graceTimer);
      // The old socket delivers until this moment; from the welcome on, the new one does.
      this.registry.moveSession(replacing.session.id, session.id, session.connectedAt);
      replacing.session.markReplaced();
      const old = replacing.session;
      this.timers.after(this.timings.reconnectOverlapMs, () =>
        old.close(1000, 'client reconnected'),
      );
    }
    session.welcome();
  }

  /** The keepalive a client asked for: Twitch takes 10–600 and moves other numbers to the nearest. */
  private keepaliveFrom(raw: string | null): number {
    if (raw === null || raw.trim() === '' || !Number.isFinite(Number(raw))) {
      return this.timings.keepaliveSeconds;
    }
    return Math.min(600, Math.max(10, Math.round(Number(raw))));
  }

  private sessionEnded(session: EventSubSession, ending: SessionEnding): void {
    this.sessions.delete(session.id);
    if (this.stopped) return;
    const awaitingReconnect = [...this.pendingReconnects.values()].some(
      (p) => p.session === session,
    );
    // Subscriptions of a session told to reconnect are in transit until the grace time is over.
    if (awaitingReconnect) return;
    if (ending.kind === 'server') {
      this.registry.disableSession(session.id, statusForClose(ending.code));
    } else if (ending.kind === 'client') {
      this.registry.disableSession(session.id, 'websocket_disconnected');
    } else if (this.timings.dropNoticeMs <= 0) {
      this.registry.disableSession(session.id, 'websocket_disconnected');
    } else {
      // A vanished connection still looks connected to Twitch until its pings go unanswered.
      this.timers.after(this.timings.dropNoticeMs, () =>
        this.registry.disableSession(session.id, 'websocket_disconnected'),
      );
    }
  }

  private send(sub: StoredSubscription, message: EventSubMessage): boolean {
    const session = this.sessions.get(sub.sessionId);
    if (!session || session.state === 'replaced') return false;
    return session.send(message);
  }

  private copy(message: EventSubMessage, newMessageId: boolean): EventSubMessage {
    if (!newMessageId) return message;
    return {
      ...message,
      metadata: { ...message.metadata, message_id: randomId(), message_timestamp: eventSubTime() },
    };
  }

  private targets(sessionId: string | undefined): EventSubSession[] {
    const open = [...this.sessions.values()].filter((session) => session.isOpen);
    return sessionId === undefined ? open : open.filter((session) => session.id === sessionId);
  }
}
