/**
 * The messages of the EventSub WebSocket protocol, as Twitch documents them: every message is
 * `{ metadata, payload }`, and notification and revocation metadata name the subscription type.
 */
import type { EventObject } from './event-payloads.js';
import { randomId } from './random-ids.js';
import type { StoredSubscription } from './subscription-registry.js';
import { eventSubTime } from './twitch-time.js';

/** One message sent over the EventSub WebSocket. */
export interface EventSubMessage {
  metadata: {
    message_id: string;
    message_type:
      'session_welcome' | 'session_keepalive' | 'session_reconnect' | 'notification' | 'revocation';
    message_timestamp: string;
    subscription_type?: string;
    subscription_version?: string;
  };
  payload: Record<string, unknown>;
}

/** What a session message says about its session. */
export interface SessionFacts {
  readonly id: string;
  readonly keepaliveSeconds: number;
  readonly connectedAt: string;
}

function metadata(type: EventSubMessage['metadata']['message_type']): EventSubMessage['metadata'] {
  return { message_id: randomId(), message_type: type, message_timestamp: eventSubTime() };
}

/** The subscription object inside notification and revocation payloads. */
function subscriptionObject(sub: StoredSubscription): Record<string, unknown> {
  return {
    id: sub.id,
    status: sub.status,
    type: sub.type,
    version: sub.version,
    cost: sub.cost,
    condition: sub.condition,
    transport: { method: 'websocket', session_id: sub.sessionId },
    created_at: sub.createdAt,
  };
}

/** `session_welcome`: the first message on a connection. */
export function welcomeMessage(session: SessionFacts): EventSubMessage {
  return {
    metadata: metadata('session_welcome'),
    payload: {
      session: {
        id: session.id,
        status: 'connected',
        keepalive_timeout_seconds: session.keepaliveSeconds,
        reconnect_url: null,
        connected_at: session.connectedAt,
      },
    },
  };
}

/** `session_keepalive`: sent when nothing else was sent for the keepalive timeout. */
export function keepaliveMessage(): EventSubMessage {
  return { metadata: metadata('session_keepalive'), payload: {} };
}

/** `session_reconnect`: connect to `reconnectUrl`; the subscriptions come along. */
export function reconnectMessage(session: SessionFacts, reconnectUrl: string): EventSubMessage {
  return {
    metadata: metadata('session_reconnect'),
    payload: {
      session: {
        id: session.id,
        status: 'reconnecting',
        keepalive_timeout_seconds: null,
        reconnect_url: reconnectUrl,
        connected_at: session.connectedAt,
      },
    },
  };
}

/** `notification`: one event for one subscription. */
export function notificationMessage(sub: StoredSubscription, event: EventObject): EventSubMessage {
  return {
    metadata: {
      ...metadata('notification'),
      subscription_type: sub.type,
      subscription_version: sub.version,
    },
    payload: { subscription: subscriptionObject(sub), event },
  };
}

/** `revocation`: Twitch ended the subscription; `sub.status` says why. */
export function revocationMessage(sub: StoredSubscription): EventSubMessage {
  return {
    metadata: {
      ...metadata('revocation'),
      subscription_type: sub.type,
      subscription_version: sub.version,
    },
    payload: { subscription: subscriptionObject(sub) },
  };
}
