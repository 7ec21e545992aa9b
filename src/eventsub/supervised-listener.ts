import type { EventSubSubscription } from '@twurple/eventsub-base';
import { EventSubWsListener, type EventSubWsConfig } from '@twurple/eventsub-ws';

type TransportOptions = Awaited<
  ReturnType<EventSubWsListener['_getTransportOptionsForSubscription']>
>;

/**
 * Twurple's EventSub WebSocket listener with one hook added: before subscriptions are (re)created on
 * a new session, `prepare(sessionId)` runs once for that session and every subscription waits for
 * it. The service uses it to get a fresh token and delete its own stale subscriptions first, so
 * resubscribing after a drop never runs into Twitch's per-connection limits.
 *
 * A `session_reconnect` keeps the subscriptions, so it never calls the hook.
 */
export class SupervisedEventSubWsListener extends EventSubWsListener {
  private prepared: { sessionId: string; done: Promise<void> } | undefined;

  constructor(
    config: EventSubWsConfig,
    private readonly prepare: (sessionId: string) => Promise<void>,
  ) {
    super(config);
  }

  override async _getTransportOptionsForSubscription(
    subscription: EventSubSubscription,
  ): Promise<TransportOptions> {
    const options = await super._getTransportOptionsForSubscription(subscription);
    const sessionId = options.session_id;
    if (this.prepared?.sessionId !== sessionId) {
      this.prepared = { sessionId, done: this.prepare(sessionId) };
    }
    await this.prepared.done;
    // The session may have changed while preparing; ask again for the current one.
    return await super._getTransportOptionsForSubscription(subscription);
  }
}
