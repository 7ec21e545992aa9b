import type { AccessTokenWithUserId, AuthProvider } from '@twurple/auth';
import type { UserIdResolvable } from '@twurple/common';
import type { ReportingApiClient } from './reporting-api-client.js';

/** The channel the service follows. */
export interface Broadcaster {
  id: string;
  login: string;
  displayName: string;
}

/**
 * Twurple's auth provider for the session. `refreshAccessTokenForUser` renews the token when it has
 * a refresh token; when it has none, it only asks Twitch whether the token still works (and fails
 * when it does not).
 */
export type SessionAuthProvider = AuthProvider & {
  refreshAccessTokenForUser(user: UserIdResolvable): Promise<AccessTokenWithUserId>;
};

/** A working connection to Twitch for the broadcaster: Twurple's auth provider and API client. */
export interface ActiveTwitchSession {
  readonly authProvider: SessionAuthProvider;
  readonly apiClient: ReportingApiClient;
  /** The user the token belongs to (the broadcaster). */
  readonly userId: string;
  readonly broadcaster: Broadcaster;
  /** The scopes the token carries. */
  readonly scopes: readonly string[];
  /** Whether the token can be renewed (has a refresh token); if not, it works until it expires. */
  readonly renewable: boolean;
  /** When a token that cannot be renewed expires (null: renewable, or no expiry known). */
  readonly tokenExpiresAt: Date | null;
}

/** Where the session stands; `detail` says what to do next when something is wrong. */
export type TwitchSessionState =
  | { state: 'connecting' }
  | { state: 'ok'; session: ActiveTwitchSession }
  | { state: 'signed-out' | 'unauthorized' | 'unreachable'; detail: string }
  /** One of several instances, while another one (the leader) holds the Twitch connection. */
  | { state: 'standby'; detail: string };
