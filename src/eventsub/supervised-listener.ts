import type { EventSubSubscription } from '@twurple/eventsub-base';
import type { EventSubWsConfig } from '@twurple/eventsub-ws';
import { EventSubWsListenerWithSeams } from '../twitch/twurple-internals.js';

/** What the service hooks into Twurple's listener. */
export interface ListenerHooks {
  /**
   * Runs once per new WebSocket session, before subscriptions are (re)created on it; every
   * subscription waits for it. A `session_reconnect` keeps the subscriptions, so it never runs then.
   */
  prepare(webSocketSessionId: string): Promise<void>;
  /**
   * A notification arrived, with Twitch's event object and its `message_id` (or — when
   * `redelivered` — Twurple drops it because that `message_id` was seen already).
   */
  notificationArrived(
    subscription: EventSubSubscription,
    payload: Record<string, unknown>,
    messageId: string,
    redelivered: boolean,
  ): void;
}

/**
 * Twurple's EventSub WebSocket listener with two hooks added (see `ListenerHooks`). The service
 * uses `prepare` to get a fresh token and delete its own stale subscriptions first, so resubscribing
 * after a drop never runs into Twitch's per-connection limits; and `notificationArrived` to take
 * each notification whole — Twitch's event object and its `message_id`, which Twurple does not
 * pass to handlers.
 */
export class SupervisedEventSubWsListener extends EventSubWsListenerWithSeams {
  private prepared: { webSocketSessionId: string; done: Promise<void> } | undefined;

  constructor(
    config: EventSubWsConfig,
    private readonly hooks: ListenerHooks,
  ) {
    super(config);
  }

  protected override async beforeCreatingSubscription(
    _subscription: EventSubSubscription,
    webSocketSessionId: string,
  ): Promise<void> {
    if (this.prepared?.webSocketSessionId !== webSocketSessionId) {
      this.prepared = { webSocketSessionId, done: this.hooks.prepare(webSocketSessionId) };
    }
    await this.prepared.done;
  }

  protected override notificationArriving(
    subscription: EventSubSubscription,
    payload: Record<string, unknown>,
    messageId: string,
    redelivered: boolean,
  ): void {
    this.hooks.notificationArrived(subscription, payload, messageId, redelivered);
  }
}
