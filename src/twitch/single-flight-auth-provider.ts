import {
  RefreshingAuthProvider,
  type AccessToken,
  type AccessTokenWithUserId,
  type RefreshingAuthProviderConfig,
} from '@twurple/auth';
import { extractUserId, type UserIdResolvable } from '@twurple/common';
import type { TokenSource } from './token-source.js';

/** How a token store shared by several instances runs a refresh alone (`TokenSource.exclusively`). */
export type ExclusiveRefresh = NonNullable<TokenSource['exclusively']>;

/**
 * Twurple's `RefreshingAuthProvider`, with concurrent refreshes for one user merged into one.
 *
 * When a token dies, every Helix request in flight meets a 401 and Twurple refreshes once per
 * request. Twitch's refresh tokens for public clients (Device Code Flow) work only once, so all
 * but the first of those refreshes would fail — and Twurple then marks the user as failed for good.
 * Here the later callers wait for the first refresh and share its token.
 *
 * With several instances sharing the token (Redis), a refresh also runs under the store's lock,
 * and one that finds a token another instance refreshed meanwhile takes it instead of refreshing
 * with a refresh token that no longer works.
 */
export class SingleFlightAuthProvider extends RefreshingAuthProvider {
  private readonly refreshing = new Map<string, Promise<AccessTokenWithUserId>>();
  /** The refresh token held per user, to tell a token refreshed elsewhere. */
  private readonly heldRefreshTokens = new Map<string, string | null>();

  constructor(
    config: RefreshingAuthProviderConfig,
    private readonly exclusively?: ExclusiveRefresh,
  ) {
    super(config);
    this.onRefresh((userId, token) => this.heldRefreshTokens.set(userId, token.refreshToken));
  }

  override addUser(user: UserIdResolvable, token: AccessToken, intents?: string[]): void {
    super.addUser(user, token, intents);
    this.heldRefreshTokens.set(extractUserId(user), token.refreshToken);
  }

  override refreshAccessTokenForUser(user: UserIdResolvable): Promise<AccessTokenWithUserId> {
    const userId = extractUserId(user);
    let refresh = this.refreshing.get(userId);
    if (!refresh) {
      refresh = this.refreshAlone(userId).finally(() => this.refreshing.delete(userId));
      this.refreshing.set(userId, refresh);
    }
    return refresh;
  }

  private refreshAlone(userId: string): Promise<AccessTokenWithUserId> {
    if (!this.exclusively) return super.refreshAccessTokenForUser(userId);
    return this.exclusively(async (stored) => {
      if (stored?.refreshToken && stored.refreshToken !== this.heldRefreshTokens.get(userId)) {
        // Another instance refreshed while this one waited: its token is the one that works.
        this.addUser(userId, stored);
        return { ...stored, userId };
      }
      return super.refreshAccessTokenForUser(userId);
    });
  }
}
