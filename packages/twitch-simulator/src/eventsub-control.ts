import type { EventSubOutage, OutageStatus } from './eventsub-outage.js';
import type { EventSubSocketServer, SessionSummary } from './eventsub-socket-server.js';
import { isSendableCloseCode } from './eventsub-session.js';
import { describeSubscription, type SubscriptionRegistry } from './subscription-registry.js';
import { SimulatorInputError } from './user-directory.js';

/** Revocation statuses Twitch sends. */
const REVOCATION_STATUSES = [
  'authorization_revoked',
  'user_removed',
  'version_removed',
  'moderator_removed',
];

/**
 * EventSub seen from outside: which sessions are open and what is subscribed, and the ways Twitch's
 * side of the WebSocket goes wrong (drops, close codes, bad frames, repeats, silence, reconnects,
 * revocations, outages). A fault aims at every session unless given a session id.
 */
export class EventSubControl {
  constructor(
    private readonly sockets: EventSubSocketServer,
    private readonly registry: SubscriptionRegistry,
    private readonly eventSubOutage: EventSubOutage,
  ) {}

  /** Open EventSub sessions. */
  sessions(): SessionSummary[] {
    return this.sockets.summaries();
  }

  /** Subscriptions as `GET /eventsub/subscriptions` shows them, of every client and user. */
  subscriptions(filter: { status?: string; type?: string } = {}): Array<Record<string, unknown>> {
    return this.registry
      .all()
      .filter(
        (sub) =>
          (!filter.status || sub.status === filter.status) &&
          (!filter.type || sub.type === filter.type),
      )
      .map(describeSubscription);
  }

  /** Drops sockets without a close frame; returns how many. */
  dropConnections(sessionId?: string): number {
    return this.sockets.drop(sessionId);
  }

  /** Closes sockets with `code` (4000–4007 as Twitch, or any sendable code); returns how many. */
  closeConnections(code: number, reason = '', sessionId?: string): number {
    if (!isSendableCloseCode(code)) {
      throw new SimulatorInputError(
        `${String(code)} cannot be sent in a close frame (use 1000, 1001–1014 or 3000–4999)`,
      );
    }
    return this.sockets.close(code, reason, sessionId);
  }

  /** Sends a frame that is not JSON; returns to how many sessions. */
  sendMalformedFrame(sessionId?: string): number {
    return this.sockets.sendMalformed(sessionId);
  }

  /** Delivers the last notification again, with the same or a new `message_id`. */
  redeliverLastNotification(options: { newMessageId?: boolean } = {}): boolean {
    return this.sockets.redeliverLast(options.newMessageId === true);
  }

  /** Stops or resumes keepalive messages (every session, now and later, or one). */
  setKeepalives(enabled: boolean, sessionId?: string): number {
    return this.sockets.setKeepalives(enabled, sessionId);
  }

  /**
   * Holds every frame to one session (or to each open one) for `ms` before it goes out, as a slow
   * network path would; 0 ends it. Returns how many sessions.
   */
  setDeliveryDelay(ms: number, sessionId?: string): number {
    if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) {
      throw new SimulatorInputError(
        `a delivery delay is a whole number of milliseconds from 0 to 60000, not ${String(ms)}`,
      );
    }
    return this.sockets.setDeliveryDelay(ms, sessionId);
  }

  /** Sends `session_reconnect`; returns to how many sessions. */
  requestReconnect(sessionId?: string): number {
    return this.sockets.requestReconnect(sessionId);
  }

  /** Makes EventSub unreachable for `seconds` (see `EventSubOutage.start`). */
  startOutage(seconds: number): number {
    return this.eventSubOutage.start(seconds);
  }

  /** Ends an EventSub outage now; false when none is on. */
  endOutage(): boolean {
    return this.eventSubOutage.end();
  }

  /** The current EventSub outage, or the last one. */
  outage(): OutageStatus {
    return this.eventSubOutage.status();
  }

  /**
   * Revokes subscriptions (by id, by type, or all): a `revocation` message with `status`
   * (default `authorization_revoked`), then they are gone. Returns how many.
   */
  revokeSubscriptions(filter: { id?: string; type?: string; status?: string } = {}): number {
    const status = filter.status ?? 'authorization_revoked';
    if (!REVOCATION_STATUSES.includes(status)) {
      throw new SimulatorInputError(`status must be one of ${REVOCATION_STATUSES.join(', ')}`);
    }
    const targets = this.registry
      .all()
      .filter(
        (sub) => (!filter.id || sub.id === filter.id) && (!filter.type || sub.type === filter.type),
      );
    for (const sub of targets) this.sockets.revoke(sub, status);
    return targets.length;
  }
}
