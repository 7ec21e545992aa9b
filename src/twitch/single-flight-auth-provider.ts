import { RefreshingAuthProvider, type AccessTokenWithUserId } from '@twurple/auth';
import { extractUserId, type UserIdResolvable } from '@twurple/common';

/**
 * Twurple's `RefreshingAuthProvider`, with concurrent refreshes for one user merged into one.
 *
 * When a token dies, every Helix request in flight meets a 401 and Twurple refreshes once per
 * request. Twitch's refresh tokens for public clients (Device Code Flow) work only once, so all
 * but the first of those refreshes would fail — and Twurple then marks the user as failed for good.
 * Here the later callers wait for the first refresh and share its token.
 */
export class SingleFlightAuthProvider extends RefreshingAuthProvider {
  private readonly refreshing = new Map<string, Promise<AccessTokenWithUserId>>();

  override refreshAccessTokenForUser(user: UserIdResolvable): Promise<AccessTokenWithUserId> {
    const userId = extractUserId(user);
    let refresh = this.refreshing.get(userId);
    if (!refresh) {
      refresh = super.refreshAccessTokenForUser(user).finally(() => this.refreshing.delete(userId));
      this.refreshing.set(userId, refresh);
    }
    return refresh;
  }
}
