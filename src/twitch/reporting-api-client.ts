import { Logger } from '@nestjs/common';
import { ApiClient, type ApiConfig, type BaseApiClient, type UserIdResolvable } from '@twurple/api';
import {
  helixRateLimitOf,
  tolerateMissingRateLimitHeaders,
  type RateLimiterStats,
} from './twurple-internals.js';

/** Twitch's rate-limit figures as Twurple last read them from Helix's `Ratelimit-*` headers. */
export type HelixRateLimit = RateLimiterStats;

/**
 * Twurple's `ApiClient`, made observable for the service's metrics, and sturdy against mock servers:
 * - `onRequest` also reports the requests made in user contexts (`asUser`). Twurple runs those on
 *   a fresh client per call, which reports them only on itself, so Helix request counts would
 *   otherwise miss every poll;
 * - `rateLimitOf(userId)` gives the rate limit of a user's requests. Twurple keeps one limiter per
 *   user, and its `rateLimiterStats` is null for all of them;
 * - an answer without `Ratelimit-*` headers (the Twitch CLI's mock API) means "limit unknown", not
 *   "limit spent": Twurple would otherwise hold the requests queued behind it forever.
 */
export class ReportingApiClient extends ApiClient {
  constructor(config: ApiConfig) {
    super(config);
    if (!tolerateMissingRateLimitHeaders(this)) {
      new Logger('TwitchApi').warn(
        'Twurple internals changed: against a mock server without Ratelimit headers, Helix requests may stall.',
      );
    }
  }

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

  /**
   * What Helix last said about the rate limit of `userId`'s requests (null before the first, and
   * when Helix sends no `Ratelimit-*` headers).
   */
  rateLimitOf(userId: string): HelixRateLimit | null {
    // Requests are keyed by the user they run as, or null when Twurple does not know it.
    return helixRateLimitOf(this, userId) ?? helixRateLimitOf(this, null);
  }
}
