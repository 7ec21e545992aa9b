import { Subject, type Observable } from 'rxjs';
import type { EventSubState, EventSubStatus } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { systemClock, type Clock } from './clock.js';

/** One subscription's line in the status. */
export type SubscriptionStatus = NonNullable<EventSubStatus['subscriptions']>[number];

/** The status with the reconnect count, as `/api/health` and `/metrics` read it. */
export type EventSubStatusSnapshot = EventSubStatus & { reconnects: number };

/**
 * What the EventSub connection says about itself: its state, its WebSocket session (the contract's
 * `sessionId`, from Twitch's welcome; not the Twitch sign-in session), why it last closed, and each
 * subscription's status. `status$` carries every change worth telling SSE clients; the time of the
 * last message alone is not one (it changes with every keepalive).
 */
export class EventSubStatusModel {
  private readonly current: EventSubStatus = {
    state: 'starting',
    sessionId: null,
    lastCloseCode: null,
    lastCloseReason: null,
    lastMessageAt: null,
    subscriptions: [],
  };
  private reconnectCount = 0;
  private stateChangedAt: number;
  /** Types whose subscription failed for a passing reason (429, 5xx, network): worth another try. */
  private readonly retryableFailures = new Set<string>();
  private lastEmitted = '';
  private readonly changes = new Subject<EventSubStatus>();

  /** A copy of the status each time something other than `lastMessageAt` changed (no replay). */
  readonly status$: Observable<EventSubStatus> = this.changes.asObservable();

  constructor(private readonly clock: Clock = systemClock) {
    this.stateChangedAt = clock.now();
  }

  /** The status now, as `/api/health` shows it. */
  get status(): EventSubStatusSnapshot {
    return {
      ...this.current,
      subscriptions: [...(this.current.subscriptions ?? [])],
      reconnects: this.reconnectCount,
    };
  }

  /** The connection state now. */
  get state(): EventSubState {
    return this.current.state;
  }

  /** When (clock time) the state last changed; the watchdog measures from it. */
  get stateSince(): number {
    return this.stateChangedAt;
  }

  /** Whether a subscription is still to be created: pending, or failed for a passing reason. */
  get hasSubscriptionsToCreate(): boolean {
    return (this.current.subscriptions ?? []).some(
      (entry) =>
        entry.status === 'pending' ||
        (entry.status === 'failed' && this.retryableFailures.has(entry.type)),
    );
  }

  /** A new listener is starting, expecting these subscriptions (pending or missing a scope). */
  starting(subscriptions: SubscriptionStatus[]): void {
    this.current.subscriptions = subscriptions;
    this.retryableFailures.clear();
    this.setState('starting');
  }

  /** Sets the state; `detail` says what is wrong and what to do, when something is. */
  setState(state: EventSubState, detail?: string): void {
    if (state !== this.current.state) this.stateChangedAt = this.clock.now();
    this.current.state = state;
    if (detail) this.current.detail = detail;
    else delete this.current.detail;
    this.emitIfChanged();
  }

  /** Twitch welcomed the listener on a WebSocket session; `reconnect` when it is not the first. */
  connected(webSocketSessionId: string, { reconnect }: { reconnect: boolean }): void {
    if (reconnect) this.reconnectCount++;
    this.current.sessionId = webSocketSessionId;
    this.setState('connected');
  }

  /** The WebSocket closed (code null: no close frame); its subscriptions wait to be recreated. */
  dropped(code: number | null, reason: string): void {
    this.current.lastCloseCode = code;
    this.current.lastCloseReason = reason;
    this.current.sessionId = null;
    for (const entry of this.current.subscriptions ?? []) {
      if (entry.status === 'enabled' || entry.status === 'pending') entry.status = 'pending';
    }
    this.setState('reconnecting');
  }

  /** A frame arrived from Twitch (keepalives included). */
  frameArrived(): void {
    this.current.lastMessageAt = new Date(this.clock.now()).toISOString();
  }

  /** Twitch created the subscription for `type`. */
  subscriptionEnabled(type: TwitchEventType): void {
    this.setSubscription(type, { status: 'enabled' });
  }

  /** Creating the subscription for `type` failed; `retryable` when the reason may pass. */
  subscriptionFailed(
    type: TwitchEventType,
    error: string,
    { retryable }: { retryable: boolean },
  ): void {
    if (retryable) this.retryableFailures.add(type);
    else this.retryableFailures.delete(type);
    this.setSubscription(type, { status: 'failed', error });
  }

  /** Twitch revoked the subscription for `type`, for `reason` (its status string). */
  subscriptionRevoked(type: TwitchEventType, reason: string): void {
    this.setSubscription(type, { status: 'revoked', error: reason });
  }

  private setSubscription(type: TwitchEventType, update: Omit<SubscriptionStatus, 'type'>): void {
    const entry = this.current.subscriptions?.find((candidate) => candidate.type === type);
    if (!entry) return;
    entry.status = update.status;
    if (update.error) entry.error = update.error;
    else delete entry.error;
    this.emitIfChanged();
  }

  private emitIfChanged(): void {
    const { lastMessageAt: _ignored, ...significant } = this.current;
    const text = JSON.stringify(significant);
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    this.changes.next(structuredClone(this.current));
  }
}
