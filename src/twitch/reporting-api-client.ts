import { ApiClient, type BaseApiClient, type UserIdResolvable } from '@twurple/api';
import { helixRateLimitOf, type RateLimiterStats } from './twurple-internals.js';

/** Twitch's rate-limit figures as Twurple last read them from Helix's `Ratelimit-*` headers. */
export type HelixRateLimit = RateLimiterStats;

/**
 * Twurple's `ApiClient`, made observable for the service's metrics:
 * - `onRequest` also reports the requests made in user contexts (`asUser`). Twurple runs those on
 *   a fresh client per call, which reports them only on itself, so Helix request counts would
 *   otherwise miss every poll;
 * - `rateLimitOf(userId)` gives the rate limit of a user's requests. Twurple keeps one limiter per
 *   user, and its `rateLimiterStats` is null for all of them.
 */
export class ReportingApiClient extends ApiClient {
  override async asUser<T>(
    user: UserIdResolvable,
    runner: (ctx: BaseApiClient) => Promise<T>,
  ): Promise<T> {
    return await super.asUser(user, async (ctx) => {
      const relay = ctx.onRequest((request) => this.emit(this.onRequest, request));
      try {
        return await runner(ctx);
      } finally {
        relay.unbind();
      }
    });
  }

  /** What Helix last said about the rate limit of `userId`'s requests (null before the first). */
  rateLimitOf(userId: string): HelixRateLimit | null {
    // Requests are keyed by the user they run as, or null when Twurple does not know it.
    return helixRateLimitOf(this, userId) ?? helixRateLimitOf(this, null);
  }
}
