import type { EventObject } from './event-payloads.js';
import type { SimulatedEventType } from './event-types.js';
import { SUBSCRIPTION_TYPES, type Condition } from './subscription-types.js';
import { eventSubTime } from './twitch-time.js';

/** One EventSub subscription on a WebSocket transport. */
export interface StoredSubscription {
  readonly id: string;
  readonly type: SimulatedEventType;
  readonly version: string;
  readonly condition: Condition;
  /** The application that created it. */
  readonly clientId: string;
  /** The user whose token created it. */
  readonly userId: string;
  readonly cost: number;
  readonly createdAt: string;
  /** `enabled`, or why it is not (`websocket_disconnected`, …). */
  status: string;
  /** The session it delivers to; it moves on a reconnect. */
  sessionId: string;
  connectedAt: string;
  disconnectedAt: string | null;
}

/** The subscription as Helix lists it (`GET /eventsub/subscriptions`). */
export function describeSubscription(sub: StoredSubscription): Record<string, unknown> {
  return {
    id: sub.id,
    status: sub.status,
    type: sub.type,
    version: sub.version,
    condition: sub.condition,
    created_at: sub.createdAt,
    transport: {
      method: 'websocket',
      session_id: sub.sessionId,
      connected_at: sub.connectedAt,
      ...(sub.disconnectedAt === null ? {} : { disconnected_at: sub.disconnectedAt }),
    },
    cost: sub.cost,
  };
}

/**
 * Every EventSub subscription, enabled or not. A subscription is `enabled` while its transport
 * looks connected to Twitch; when Twitch learns the socket is gone it keeps the subscription,
 * disabled, until the client deletes it.
 */
export class SubscriptionRegistry {
  private readonly subscriptions = new Map<string, StoredSubscription>();

  /** Adds a subscription. */
  add(sub: StoredSubscription): void {
    this.subscriptions.set(sub.id, sub);
  }

  /** The subscription with this id. */
  get(id: string): StoredSubscription | undefined {
    return this.subscriptions.get(id);
  }

  /** Removes a subscription; false when there was none. */
  delete(id: string): boolean {
    return this.subscriptions.delete(id);
  }

  /** Every subscription, oldest first. */
  all(): StoredSubscription[] {
    return [...this.subscriptions.values()];
  }

  /** Subscriptions of one session (any status). */
  onSession(sessionId: string): StoredSubscription[] {
    return this.all().filter((sub) => sub.sessionId === sessionId);
  }

  /** Enabled subscriptions of one session. */
  enabledOnSession(sessionId: string): StoredSubscription[] {
    return this.onSession(sessionId).filter((sub) => sub.status === 'enabled');
  }

  /** Enabled subscriptions created by one application for one user. */
  enabledFor(clientId: string, userId: string): StoredSubscription[] {
    return this.all().filter(
      (sub) => sub.status === 'enabled' && sub.clientId === clientId && sub.userId === userId,
    );
  }

  /** Enabled subscriptions that want an event of `type`. */
  matching(type: SimulatedEventType, event: EventObject): StoredSubscription[] {
    const spec = SUBSCRIPTION_TYPES[type];
    return this.all().filter(
      (sub) => sub.status === 'enabled' && sub.type === type && spec.matches(sub.condition, event),
    );
  }

  /** Moves a session's subscriptions to the session that replaced it (`session_reconnect`). */
  moveSession(fromSessionId: string, toSessionId: string, connectedAt: string): void {
    for (const sub of this.onSession(fromSessionId)) {
      sub.sessionId = toSessionId;
      sub.connectedAt = connectedAt;
    }
  }

  /** Disables a session's enabled subscriptions with `status` (the socket is known to be gone). */
  disableSession(sessionId: string, status: string): void {
    const at = eventSubTime();
    for (const sub of this.enabledOnSession(sessionId)) {
      sub.status = status;
      sub.disconnectedAt = at;
    }
  }
}
