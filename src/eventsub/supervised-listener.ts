import type { EventSubSubscription } from '@twurple/eventsub-base';
import { EventSubWsListener, type EventSubWsConfig } from '@twurple/eventsub-ws';

type TransportOptions = Awaited<
  ReturnType<EventSubWsListener['_getTransportOptionsForSubscription']>
>;

/** What the service hooks into Twurple's listener. */
export interface ListenerHooks {
  /**
   * Runs once per new WebSocket session, before subscriptions are (re)created on it; every
   * subscription waits for it. A `session_reconnect` keeps the subscriptions, so it never runs then.
   */
  prepare(sessionId: string): Promise<void>;
  /**
   * A notification is about to be handed to its subscription's handler (synchronously, right after
   * this), or — when `redelivered` — dropped by Twurple because its `message_id` was seen already.
   */
  notificationArrived(
    subscription: EventSubSubscription,
    messageId: string,
    redelivered: boolean,
  ): void;
}

/**
 * Twurple's EventSub WebSocket listener with two hooks added (see `ListenerHooks`). The service
 * uses `prepare` to get a fresh token and delete its own stale subscriptions first, so resubscribing
 * after a drop never runs into Twitch's per-connection limits; and `notificationArrived` to know
 * each event's `message_id`, which Twurple does not pass to handlers.
 */
export class SupervisedEventSubWsListener extends EventSubWsListener {
  private prepared: { sessionId: string; done: Promise<void> } | undefined;

  constructor(
    config: EventSubWsConfig,
    private readonly hooks: ListenerHooks,
  ) {
    super(config);
  }

  override _handleSingleEventPayload(
    subscription: EventSubSubscription,
    payload: Record<string, unknown>,
    messageId: string,
  ): void {
    // Twurple keeps the message ids it has handled in this private set and drops repeats silently.
    const seen = (this as unknown as { _seenEventIds?: Set<string> })._seenEventIds;
    this.hooks.notificationArrived(subscription, messageId, seen?.has(messageId) ?? false);
    super._handleSingleEventPayload(subscription, payload, messageId);
  }

  override async _getTransportOptionsForSubscription(
    subscription: EventSubSubscription,
  ): Promise<TransportOptions> {
    const options = await super._getTransportOptionsForSubscription(subscription);
    const sessionId = options.session_id;
    if (this.prepared?.sessionId !== sessionId) {
      this.prepared = { sessionId, done: this.hooks.prepare(sessionId) };
    }
    await this.prepared.done;
    // The session may have changed while preparing; ask again for the current one.
    return await super._getTransportOptionsForSubscription(subscription);
  }
}
