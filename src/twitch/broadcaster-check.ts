import type { ApiClient } from '@twurple/api';
import { NonRenewableAuthProvider } from './non-renewable-auth-provider.js';
import { ReportingApiClient } from './reporting-api-client.js';
import type { SessionAdvice } from './session-advice.js';
import type { SessionCredentials } from './session-credentials.js';
import type { Broadcaster, TwitchSessionState } from './twitch-session-state.js';
import { twurpleLogger } from './twurple-logger.js';

/**
 * With a token Twitch accepts: finds the broadcaster (`TWITCH_BROADCASTER`: a login or an id, or
 * else the token's own user) and checks the token is theirs. `ok` with the session, or
 * `unauthorized` saying whose token it is and what to change.
 */
export async function openForBroadcaster(
  { authProvider, userId, scopes }: SessionCredentials,
  wanted: string,
  advice: SessionAdvice,
): Promise<TwitchSessionState> {
  const apiClient = new ReportingApiClient({ authProvider, logger: twurpleLogger('TwitchApi') });
  const broadcaster = await resolveBroadcaster(apiClient, userId, wanted);
  if (!broadcaster) return { state: 'unauthorized', detail: advice.notATwitchUser() };
  if (broadcaster.id !== userId) {
    const signedIn = await apiClient.users.getUserById(userId);
    return {
      state: 'unauthorized',
      detail: advice.anotherUsersToken(signedIn?.name ?? userId, broadcaster.login),
    };
  }
  const nonRenewable = authProvider instanceof NonRenewableAuthProvider ? authProvider : null;
  return {
    state: 'ok',
    session: {
      authProvider,
      apiClient,
      userId,
      broadcaster,
      scopes,
      renewable: !nonRenewable,
      tokenExpiresAt: nonRenewable ? nonRenewable.expiresAt : null,
    },
  };
}

async function resolveBroadcaster(
  apiClient: ApiClient,
  userId: string,
  wanted: string,
): Promise<Broadcaster | null> {
  const user = !wanted
    ? await apiClient.users.getUserById(userId)
    : /^\d+$/.test(wanted)
      ? await apiClient.users.getUserById(wanted)
      : await apiClient.users.getUserByName(wanted.toLowerCase());
  return user ? { id: user.id, login: user.name, displayName: user.displayName } : null;
}
