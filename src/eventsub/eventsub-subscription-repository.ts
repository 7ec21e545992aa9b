import type { ApiClient } from '@twurple/api';
import { getRawData } from '@twurple/common';

/** One of this app's EventSub subscriptions on a WebSocket, as Helix lists it. */
export interface WebSocketSubscriptionRecord {
  id: string;
  type: string;
  /** `enabled`, or why Twitch disabled it (e.g. `websocket_disconnected`). */
  status: string;
  /** The EventSub WebSocket session it delivers to ('' when Helix did not say). */
  webSocketSessionId: string;
}

/** This app's EventSub subscriptions on Twitch, for the signed-in user. */
export interface EventSubSubscriptionRepository {
  /** Every WebSocket subscription of this app and user, with the WebSocket session it is on. */
  listWebSocketSubscriptions(): Promise<WebSocketSubscriptionRecord[]>;
  /** Deletes the subscription with this id. */
  delete(id: string): Promise<void>;
}

/** The subscriptions through Helix (`GET`/`DELETE /eventsub/subscriptions`), as `userId`. */
export class HelixEventSubSubscriptionRepository implements EventSubSubscriptionRepository {
  constructor(
    private readonly apiClient: ApiClient,
    private readonly userId: string,
  ) {}

  async listWebSocketSubscriptions(): Promise<WebSocketSubscriptionRecord[]> {
    const all = await this.apiClient.asUser(this.userId, (ctx) =>
      ctx.eventSub.getSubscriptionsPaginated().getAll(),
    );
    return all
      .filter((subscription) => subscription.transportMethod === 'websocket')
      .map((subscription) => ({
        id: subscription.id,
        type: subscription.type,
        status: subscription.status,
        // Twurple does not expose the transport's WebSocket session id; Twitch's own object has it.
        webSocketSessionId:
          (getRawData(subscription).transport as { session_id?: string }).session_id ?? '',
      }));
  }

  async delete(id: string): Promise<void> {
    await this.apiClient.asUser(this.userId, (ctx) => ctx.eventSub.deleteSubscription(id));
  }
}
