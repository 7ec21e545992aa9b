/**
 * Every use of Twurple's private members in the service, in one place.
 *
 * Twurple offers no public way to do any of these. Written against @twurple/eventsub-ws and
 * eventsub-base 8.1.4, @twurple/api 8.2.0, @d-fischer/connection 10 and @d-fischer/rate-limiter
 * 1.1; an upgrade may move them, and `twurple-internals.spec.ts` then names the one that moved.
 * The accessors read defensively: a missing internal gives `undefined`/`false`/`null`, never an
 * exception.
 */
import type { BaseApiClient, HelixEventSubWebSocketTransportOptions } from '@twurple/api';
import type { EventSubSubscription } from '@twurple/eventsub-base';
import { EventSubWsListener } from '@twurple/eventsub-ws';

/**
 * Twurple's listener with two seams a subclass fills in: one before a subscription is created on a
 * WebSocket session, one as each notification arrives.
 *
 * Internals: `EventSubWsListener#_getTransportOptionsForSubscription` (awaited by every
 * subscription's creation, for the WebSocket session to create it on) and
 * `EventSubBase#_handleSingleEventPayload` (called once per event of a notification frame), both
 * overridden; `EventSubBase#_seenEventIds` (see `seenEventIdsOf`), `EventSubBase#_logger` and
 * `EventSubSubscription#_handleData` (what Twurple's `_handleSingleEventPayload` does, redone).
 */
export abstract class EventSubWsListenerWithSeams extends EventSubWsListener {
  /**
   * Runs before Twurple creates `subscription` on the WebSocket session `webSocketSessionId`; the
   * creation waits for it, and fails with it.
   */
  protected abstract beforeCreatingSubscription(
    subscription: EventSubSubscription,
    webSocketSessionId: string,
  ): Promise<void>;

  /**
   * Runs as a notification reaches the listener, with Twitch's own event object (`payload`) and its
   * `message_id`, before Twurple wraps it for `subscription`'s handler, or — when `redelivered` —
   * drops it because it handled that `message_id` already. The one place the service takes
   * notifications from: the wrapper Twurple hands handlers (later, after a microtask) is not needed.
   */
  protected abstract notificationArriving(
    subscription: EventSubSubscription,
    payload: Record<string, unknown>,
    messageId: string,
    redelivered: boolean,
  ): void;

  /**
   * Twurple's, with `notificationArriving` first, and with the timer that forgets the `message_id`
   * ten minutes later unref'd: Twurple's own keeps the process alive for those ten minutes after
   * the listener stopped. Where `_seenEventIds` has moved, Twurple's own runs unchanged.
   */
  override _handleSingleEventPayload(
    subscription: EventSubSubscription,
    payload: Record<string, unknown>,
    messageId: string,
  ): void {
    const seen = seenEventIdsOf(this) as Set<string> | undefined;
    const redelivered = seen?.has(messageId) ?? false;
    this.notificationArriving(subscription, payload, messageId, redelivered);
    if (seen === undefined || redelivered) {
      // Twurple drops (and logs) a redelivery; without `_seenEventIds` it is the fallback.
      super._handleSingleEventPayload(subscription, payload, messageId);
      return;
    }
    // What Twurple does for a first delivery (EventSubBase#_handleSingleEventPayload, 8.1.4).
    seen.add(messageId);
    setTimeout(() => seen.delete(messageId), SEEN_MESSAGE_ID_MS).unref();
    (subscription as unknown as HandlesData)._handleData(payload).catch((error: unknown) => {
      this._logger.error(
        `Caught an unhandled error in EventSub event handler for subscription ${subscription.id}: ${
          (error as Error | undefined)?.message ?? String(error)
        }`,
      );
    });
  }

  /** Twurple's, with `beforeCreatingSubscription` first. */
  override async _getTransportOptionsForSubscription(
    subscription: EventSubSubscription,
  ): Promise<HelixEventSubWebSocketTransportOptions> {
    const options = await super._getTransportOptionsForSubscription(subscription);
    await this.beforeCreatingSubscription(subscription, options.session_id);
    // The WebSocket session may have changed meanwhile; ask again for the current one.
    return await super._getTransportOptionsForSubscription(subscription);
  }
}

/** How long Twurple remembers a handled `message_id` (EventSubBase#_handleSingleEventPayload). */
const SEEN_MESSAGE_ID_MS = 10 * 60 * 1000;

/** A subscription's handler entry: `EventSubSubscription#_handleData` (internal). */
interface HandlesData {
  _handleData(payload: Record<string, unknown>): Promise<void>;
}

/**
 * The `message_id`s the listener has handled in the last ten minutes; Twurple drops a notification
 * whose id is among them, silently. Internal: `EventSubBase#_seenEventIds` (a `Set<string>`).
 */
export function seenEventIdsOf(listener: EventSubWsListener): ReadonlySet<string> | undefined {
  const seen = (listener as unknown as { _seenEventIds?: unknown })._seenEventIds;
  return seen instanceof Set ? (seen as Set<string>) : undefined;
}

/**
 * The received-frame side of the connection under Twurple's socket for one user: an event emitter
 * (`@d-fischer/connection`'s `PersistentConnection`) that emits each frame as its `onReceive`.
 */
export interface ReceivingConnection {
  /** The event a received frame is emitted as. */
  readonly onReceive: unknown;
  emit(event: unknown, ...args: unknown[]): void;
}

/**
 * The connection under the listener's WebSocket for `userId`, while it has one. Internals:
 * `EventSubWsListener#_sockets` (a `Map` of `EventSubWsSocket` by user id) and
 * `EventSubWsSocket#_connection` (with `emit` and `onReceive`).
 */
export function socketConnectionOf(
  listener: EventSubWsListener,
  userId: string,
): ReceivingConnection | undefined {
  const sockets = (listener as unknown as { _sockets?: unknown })._sockets;
  if (!(sockets instanceof Map)) return undefined;
  const socket = sockets.get(userId) as { _connection?: Partial<ReceivingConnection> } | undefined;
  const connection = socket?._connection;
  if (!connection || typeof connection.emit !== 'function' || !connection.onReceive)
    return undefined;
  return connection as ReceivingConnection;
}

/** Wraps the handling of one received frame; must call `deliver` (synchronously) to handle it. */
export type FrameInterceptor = (frame: string, deliver: () => void) => void;

const intercepted = new WeakSet<object>();

/**
 * Routes every frame the listener's WebSocket for `userId` receives through `intercept`, around
 * Twurple's own handling of it (which parses and dispatches it). Once per connection: later calls
 * for the same connection change nothing and return true. Returns false when Twurple's internals
 * are not shaped as expected. How: Twurple's handler listens to the connection's `onReceive`
 * event, so wrapping the connection's `emit` of that event wraps the handler (see
 * `socketConnectionOf`).
 */
export function interceptReceivedFrames(
  listener: EventSubWsListener,
  userId: string,
  intercept: FrameInterceptor,
): boolean {
  const connection = socketConnectionOf(listener, userId);
  if (!connection) return false;
  if (intercepted.has(connection)) return true;
  intercepted.add(connection);
  const emit = connection.emit.bind(connection);
  connection.emit = (event: unknown, ...args: unknown[]) => {
    if (event !== connection.onReceive) return emit(event, ...args);
    intercept(String(args[0]), () => emit(event, ...args));
  };
  return true;
}

/** What a rate limiter knows from Helix's `Ratelimit-*` headers (`@d-fischer/rate-limiter`). */
export interface RateLimiterStats {
  lastKnownLimit: number | null;
  lastKnownRemainingRequests: number | null;
  lastKnownResetDate: Date | null;
}

/**
 * What Helix last said about the rate limit of the requests made as `userId` (null: as nobody in
 * particular), or null before the first such request. Twurple keeps one limiter per user, and its
 * public `rateLimiterStats` is null for all of them. Internals: `BaseApiClient#_rateLimiter` (in
 * Node a `PartitionedRateLimiter` keyed by the request's user id) and its `getChildStats(key)`.
 */
export function helixRateLimitOf(
  apiClient: BaseApiClient,
  userId: string | null,
): RateLimiterStats | null {
  const limiter = (
    apiClient as unknown as {
      _rateLimiter?: { getChildStats?(partitionKey: string | null): RateLimiterStats | null };
    }
  )._rateLimiter;
  const stats = limiter?.getChildStats?.(userId) ?? null;
  // The figures `tolerateMissingRateLimitHeaders` puts in place of absent headers say nothing.
  return stats && stats.lastKnownLimit === UNKNOWN_RATE_LIMIT.limit ? null : stats;
}

/** What `@d-fischer/rate-limiter`'s response-based limiter reads from each response. */
interface RateLimitParameters {
  limit: number;
  remaining: number;
  /** Epoch milliseconds. */
  resetsAt: number;
}

/**
 * "No limit known": the limiter runs every queued request in its next batch
 * (`Math.min(remaining, limit / 10)` of them), at once (`resetsAt` has passed).
 */
const UNKNOWN_RATE_LIMIT: Readonly<RateLimitParameters> = {
  limit: Infinity,
  remaining: Infinity,
  resetsAt: 0,
};

/** A per-user limiter as `@d-fischer/rate-limiter` builds it (a `ResponseBasedRateLimiter`). */
interface ResponseReadingLimiter {
  getParametersFromResponse(response: Response): RateLimitParameters;
}

/**
 * Makes `apiClient`'s Helix rate limiter read a response without `Ratelimit-Limit` or
 * `Ratelimit-Remaining` (the Twitch CLI's mock API sends none) as "no limit known". Twurple reads
 * the missing headers as 0, "a limit of 0, 0 left", and the limiter then never again runs the
 * requests it queued while that request was out (its next batch is `Math.min(0, 0 / 10)` = 0
 * requests): they hang for good. Answers with the headers are read as before. Call it before the
 * client's first request; returns false when the internals are not shaped as expected (nothing
 * changed then).
 *
 * Internals: `BaseApiClient#_rateLimiter` (in Node a `PartitionedRateLimiter`), its
 * `_createChildCallback(partitionKey)` (builds the per-user limiter on first use), and the child's
 * `getParametersFromResponse(response)` (Twurple's `HelixRateLimiter`, wrapped per instance).
 */
export function tolerateMissingRateLimitHeaders(apiClient: BaseApiClient): boolean {
  const limiter = (
    apiClient as unknown as {
      _rateLimiter?: { _createChildCallback?: (partitionKey: string | null) => unknown };
    }
  )._rateLimiter;
  const createChild = limiter?._createChildCallback;
  if (!limiter || typeof createChild !== 'function') return false;
  limiter._createChildCallback = (partitionKey) => {
    const child = createChild.call(limiter, partitionKey) as Partial<ResponseReadingLimiter>;
    const read = child.getParametersFromResponse;
    if (typeof read === 'function') {
      child.getParametersFromResponse = (response: Response) =>
        response.headers.has('ratelimit-limit') && response.headers.has('ratelimit-remaining')
          ? read.call(child, response)
          : { ...UNKNOWN_RATE_LIMIT };
    }
    return child;
  };
  return true;
}
