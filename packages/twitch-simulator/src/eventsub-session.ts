import type { WebSocket } from 'ws';
import {
  keepaliveMessage,
  welcomeMessage,
  type EventSubMessage,
  type SessionFacts,
} from './eventsub-messages.js';
import { TimerSet } from './timer-set.js';
import { eventSubTime } from './twitch-time.js';

/** Where a session is in its life. */
export type SessionState =
  /** Welcomed and delivering. */
  | 'connected'
  /** Told to reconnect; still delivering until the new session is welcomed. */
  | 'reconnecting'
  /** A newer session took over its subscriptions; waiting to be closed. */
  | 'replaced'
  | 'closed';

/** How a session's socket ended. */
export type SessionEnding =
  /** The simulator closed it with a close frame and this code. */
  | { readonly kind: 'server'; readonly code: number }
  /** The client closed it with a close frame. */
  | { readonly kind: 'client'; readonly code: number }
  /** The TCP connection went away without a close frame (either side). */
  | { readonly kind: 'abrupt' };

/** What a session asks of the server that owns it. */
export interface SessionHooks {
  /** Called exactly once, when the socket is gone (or being closed by the simulator). */
  onEnded(session: EventSubSession, ending: SessionEnding): void;
  /** Whether the session has an enabled subscription; asked when the subscribe window ends. */
  hasSubscriptions(session: EventSubSession): boolean;
}

/** Timing of one session. */
export interface SessionTimings {
  /** `keepalive_timeout_seconds`: idle time before a keepalive, and the window to subscribe in. */
  readonly keepaliveSeconds: number;
  /** Interval of WebSocket pings; a ping unanswered by the next one closes with 4002. 0: no pings. */
  readonly pingIntervalMs: number;
}

/** Codes `ws` lets a server send in a close frame. */
export function isSendableCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code);
}

/**
 * One EventSub WebSocket connection: welcome, keepalives when idle, pings, the subscribe window
 * (4003), and the rule that clients must not send anything (4001).
 */
export class EventSubSession implements SessionFacts {
  /** When the connection was made (`connected_at`). */
  readonly connectedAt = eventSubTime();
  private sessionState: SessionState = 'connected';
  private keepalives = true;
  private ended = false;
  private awaitingPong = false;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private readonly timers = new TimerSet();
  private deliveryDelayMs = 0;
  /** Frames held by the delivery delay, in the order they go out, each with when it is due. */
  private readonly held: Array<{ text: string; due: number }> = [];

  constructor(
    /** The session id clients pass as `transport.session_id`. */
    readonly id: string,
    private readonly socket: WebSocket,
    private readonly timings: SessionTimings,
    private readonly hooks: SessionHooks,
  ) {
    socket.on('message', () => this.close(4001, 'sent inbound traffic'));
    socket.on('pong', () => {
      this.awaitingPong = false;
    });
    socket.on('close', (code) => this.socketClosed(code));
    socket.on('error', () => {
      // 'close' follows and says how the connection ended.
    });
  }

  /** `keepalive_timeout_seconds` of this session. */
  get keepaliveSeconds(): number {
    return this.timings.keepaliveSeconds;
  }

  /** Where the session is in its life. */
  get state(): SessionState {
    return this.sessionState;
  }

  /** Whether keepalive messages are sent when idle. */
  get keepalivesEnabled(): boolean {
    return this.keepalives;
  }

  /** Sends `session_welcome` and starts the keepalive, ping and subscribe-window timers. */
  welcome(): void {
    this.send(welcomeMessage(this));
    if (this.timings.pingIntervalMs > 0) {
      this.timers.every(this.timings.pingIntervalMs, () => this.ping());
    }
    this.timers.after(this.timings.keepaliveSeconds * 1000, () => {
      if (this.isOpen && !this.hooks.hasSubscriptions(this)) this.close(4003, 'connection unused');
    });
  }

  /** Whether the socket can still carry messages. */
  get isOpen(): boolean {
    return !this.ended && this.socket.readyState === this.socket.OPEN;
  }

  /** Sends a protocol message (and restarts the keepalive clock); false when the socket is gone. */
  send(message: EventSubMessage): boolean {
    return this.sendText(JSON.stringify(message));
  }

  /**
   * Sends a raw text frame, well-formed or not: now, or after the delivery delay (in order,
   * dropped if the socket closes meanwhile). True when the socket is open to take it.
   */
  sendText(text: string): boolean {
    if (!this.isOpen) return false;
    if (this.deliveryDelayMs === 0 && this.held.length === 0) {
      this.deliver(text);
      return true;
    }
    // Never before a frame held earlier, so a delay made shorter (or ended) cannot reorder them.
    const last = this.held.at(-1);
    const frame = { text, due: Math.max(Date.now() + this.deliveryDelayMs, last?.due ?? 0) };
    this.held.push(frame);
    this.timers.after(frame.due - Date.now(), () => {
      // Its timer may run after a later-due one's on a busy loop: send everything up to it.
      const upTo = this.held.indexOf(frame);
      for (const due of this.held.splice(0, upTo + 1)) this.deliver(due.text);
    });
    return true;
  }

  private deliver(text: string): void {
    if (!this.isOpen) return;
    this.socket.send(text);
    this.restartKeepaliveClock();
  }

  /**
   * Holds every frame for `ms` before it goes out, as a slow network path would (0: none): one
   * session's notifications then arrive after another's copies of the same events.
   */
  setDeliveryDelay(ms: number): void {
    this.deliveryDelayMs = ms;
  }

  /** The delivery delay now (ms). */
  get deliveryDelay(): number {
    return this.deliveryDelayMs;
  }

  /** Stops or resumes keepalive messages (a fault: the client should notice the silence). */
  setKeepalives(enabled: boolean): void {
    this.keepalives = enabled;
  }

  /** Marks the session as told to reconnect. */
  markReconnecting(): void {
    if (this.sessionState === 'connected') this.sessionState = 'reconnecting';
  }

  /** Marks the session as replaced by a newer one (it delivers nothing more). */
  markReplaced(): void {
    if (!this.ended) this.sessionState = 'replaced';
  }

  /** Closes with a close frame carrying `code` and `reason`. */
  close(code: number, reason: string): void {
    if (this.ended) return;
    this.end({ kind: 'server', code });
    this.socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
  }

  /** Drops the TCP connection without a close frame, like a network failure. */
  drop(): void {
    if (this.ended) return;
    this.end({ kind: 'abrupt' });
    this.socket.terminate();
  }

  private ping(): void {
    if (!this.isOpen) return;
    if (this.awaitingPong) {
      this.close(4002, 'failed ping pong');
      return;
    }
    this.awaitingPong = true;
    this.socket.ping();
  }

  private restartKeepaliveClock(): void {
    this.timers.cancel(this.keepaliveTimer);
    this.keepaliveTimer = this.timers.after(this.timings.keepaliveSeconds * 1000, () => {
      if (this.keepalives) this.send(keepaliveMessage());
      else this.restartKeepaliveClock();
    });
  }

  private socketClosed(code: number): void {
    if (this.ended) return;
    this.end(code === 1006 ? { kind: 'abrupt' } : { kind: 'client', code });
  }

  private end(ending: SessionEnding): void {
    this.ended = true;
    this.sessionState = 'closed';
    this.timers.clear();
    this.hooks.onEnded(this, ending);
  }
}
