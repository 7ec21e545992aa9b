import { Logger } from '@nestjs/common';
import { InvalidTokenError, type AccessToken } from '@twurple/auth';
import { Subject, type Observable } from 'rxjs';
import { NonRenewableAuthProvider, type TokenRejection } from './non-renewable-auth-provider.js';
import type { SessionAdvice } from './session-advice.js';
import { SingleFlightAuthProvider } from './single-flight-auth-provider.js';
import type { TokenSource } from './token-source.js';
import { describeTwitchError } from './twitch-errors.js';
import type { SessionAuthProvider, TwitchSessionState } from './twitch-session-state.js';
import type { TwitchToken } from './twitch-token.js';

/** A token Twitch accepts, the user it belongs to and its scopes, behind Twurple's auth provider. */
export interface SessionCredentials {
  authProvider: SessionAuthProvider;
  userId: string;
  scopes: readonly string[];
}

/** A non-renewable token Twitch stopped accepting, and its provider. */
export interface CredentialsRejection {
  readonly provider: NonRenewableAuthProvider;
  readonly rejection: TokenRejection;
}

/**
 * Turns the stored token into Twurple's auth provider: Twurple's refreshing provider for a token
 * with a refresh token (renewed when needed, each renewal stored), or `NonRenewableAuthProvider`
 * for one without (used while Twitch accepts it). What happens to a provider later — Twitch
 * refusing a refresh, or a non-renewable token — is told on `refreshFailed$` and `rejected$`.
 */
export class TwitchCredentials {
  private readonly logger = new Logger('TwitchSession');
  private readonly refreshFailures = new Subject<unknown>();
  private readonly rejections = new Subject<CredentialsRejection>();

  constructor(
    private readonly tokens: TokenSource,
    private readonly advice: SessionAdvice,
  ) {}

  /** Twitch refused to renew a token (the error it answered). */
  get refreshFailed$(): Observable<unknown> {
    return this.refreshFailures.asObservable();
  }

  /** Twitch stopped accepting a non-renewable token (at a 401, or at its expiry). */
  get rejected$(): Observable<CredentialsRejection> {
    return this.rejections.asObservable();
  }

  /** The credentials for `token`, or the state to be in when Twitch refuses them. */
  forToken(token: TwitchToken): Promise<SessionCredentials | TwitchSessionState> {
    return token.refreshToken ? this.renewable(token) : this.nonRenewable(token);
  }

  /** Twurple's refreshing provider, for a token with a refresh token: renewed when needed, kept. */
  private async renewable(token: TwitchToken): Promise<SessionCredentials> {
    const authProvider = new SingleFlightAuthProvider(
      { clientId: this.tokens.clientId, clientSecret: this.tokens.clientSecret },
      this.tokens.exclusively?.bind(this.tokens),
    );
    authProvider.onRefresh((_userId, refreshed) => {
      this.tokens
        .save(toStoredToken(refreshed))
        .catch((error: unknown) =>
          this.logger.error(`Could not store the refreshed token: ${describeTwitchError(error)}`),
        );
    });
    authProvider.onRefreshFailure((_userId, error) => this.refreshFailures.next(error));
    // An empty scope list (a token seeded from the environment) means "unknown": Twurple then reads
    // the scopes from Twitch's validate endpoint.
    const userId = await authProvider.addUserForToken({
      ...token,
      scope: token.scope.length > 0 ? token.scope : undefined,
    });
    const { scope } = (await authProvider.getAccessTokenForUser(userId)) ?? { scope: [] };
    return { authProvider, userId, scopes: scope };
  }

  /**
   * For a token without a refresh token: asks Twitch about it (who, which scopes, until when), and
   * uses it while Twitch accepts it.
   */
  private async nonRenewable(token: TwitchToken): Promise<SessionCredentials | TwitchSessionState> {
    let opened: Awaited<ReturnType<typeof NonRenewableAuthProvider.forToken>>;
    try {
      opened = await NonRenewableAuthProvider.forToken(token.accessToken, this.tokens.clientId);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      return { state: 'unauthorized', detail: this.advice.rejected(expiryOf(token)) };
    }
    const { provider, validation } = opened;
    if (validation.clientId !== this.tokens.clientId) {
      provider.stop();
      return {
        state: 'unauthorized',
        detail: this.advice.otherClient(validation.clientId, this.tokens.clientId),
      };
    }
    provider.rejected$.subscribe((rejection) => this.rejections.next({ provider, rejection }));
    return { authProvider: provider, userId: provider.userId, scopes: provider.scopes };
  }
}

/** When the stored token expires, if the token file knows. */
function expiryOf(token: TwitchToken): Date | null {
  return token.expiresIn === null
    ? null
    : new Date(token.obtainmentTimestamp + token.expiresIn * 1000);
}

/** Twurple's token object, as the token file keeps it. */
function toStoredToken(token: AccessToken): TwitchToken {
  return {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    scope: token.scope,
    expiresIn: token.expiresIn,
    obtainmentTimestamp: token.obtainmentTimestamp,
  };
}
