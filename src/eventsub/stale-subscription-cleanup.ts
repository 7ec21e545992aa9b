import { Logger } from '@nestjs/common';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import type {
  EventSubSubscriptionRepository,
  WebSocketSubscriptionRecord,
} from './eventsub-subscription-repository.js';

/**
 * The subscriptions that can no longer deliver to this process: disabled ones (their socket is
 * gone) and enabled ones on WebSocket sessions this process opened before (Twitch has not noticed
 * the drop yet). Never those on the current WebSocket session, and never enabled ones on sessions
 * this process did not open: they may belong to another running copy of the service.
 */
export function staleSubscriptions(
  subscriptions: readonly WebSocketSubscriptionRecord[],
  currentWebSocketSessionId: string,
  ownWebSocketSessionIds: ReadonlySet<string>,
): WebSocketSubscriptionRecord[] {
  return subscriptions.filter(
    ({ status, webSocketSessionId }) =>
      webSocketSessionId !== currentWebSocketSessionId &&
      (status !== 'enabled' || ownWebSocketSessionIds.has(webSocketSessionId)),
  );
}

/**
 * Deletes the service's stale EventSub subscriptions before it resubscribes on a new WebSocket
 * session, so Twitch's "3 connections / 300 subscriptions" limits are never hit by leftovers.
 * Remembers the WebSocket sessions this process opened, for as long as it runs.
 */
export class StaleSubscriptionCleanup {
  private readonly logger = new Logger('EventSub');
  private readonly ownWebSocketSessionIds = new Set<string>();

  /** Notes a WebSocket session this process opened: its subscriptions are ours to delete later. */
  webSocketSessionOpened(webSocketSessionId: string): void {
    this.ownWebSocketSessionIds.add(webSocketSessionId);
  }

  /**
   * Deletes the stale subscriptions (see `staleSubscriptions`); resolves to how many were deleted.
   * Failures are logged, never thrown: resubscribing goes ahead regardless.
   */
  async removeStale(
    repository: EventSubSubscriptionRepository,
    currentWebSocketSessionId: string,
  ): Promise<number> {
    let stale: WebSocketSubscriptionRecord[];
    try {
      stale = staleSubscriptions(
        await repository.listWebSocketSubscriptions(),
        currentWebSocketSessionId,
        this.ownWebSocketSessionIds,
      );
    } catch (error) {
      this.logger.warn(
        `Could not list EventSub subscriptions to clean up: ${describeTwitchError(error)}`,
      );
      return 0;
    }
    let deleted = 0;
    for (const { id, type } of stale) {
      try {
        await repository.delete(id);
        deleted++;
      } catch (error) {
        this.logger.warn(
          `Could not delete stale ${type} subscription ${id}: ${describeTwitchError(error)}`,
        );
      }
    }
    if (deleted > 0)
      this.logger.log(`Deleted ${deleted} stale EventSub subscription(s) before resubscribing.`);
    return deleted;
  }
}
