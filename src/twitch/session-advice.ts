import { InvalidTokenError } from '@twurple/auth';
import type { AppConfig } from '../config/app-config.js';
import { configuredMockPort } from './twitch-endpoint.js';
import { describeTwitchError } from './twitch-errors.js';
import type { TwitchSessionState } from './twitch-session-state.js';

/**
 * What the session tells the streamer when it cannot work: each problem's text with what to do
 * next (sign in with `npm run auth` or the dashboard; in demo mode only the dashboard works). The
 * same problem always gets the same words, so that it is logged once however it was found out.
 */
export class SessionAdvice {
  constructor(private readonly config: AppConfig) {}

  /** Nobody has signed in. */
  signedOut(): string {
    return `Nobody is signed in. ${capitalized(this.howToSignIn())}.`;
  }

  /** Twitch refused a token that cannot be renewed (at start, at a 401, or at its expiry). */
  rejected(expiredAt: Date | null): string {
    const what =
      expiredAt && expiredAt.getTime() <= Date.now()
        ? `The Twitch token expired at ${expiredAt.toISOString()}`
        : 'Twitch no longer accepts the token (it expired or was revoked)';
    return `${what}, and it has no refresh token to renew it. ${capitalized(this.signInAgain())}.`;
  }

  /** Twitch would not refresh the token. */
  refreshRefused(error: unknown): string {
    return `Twitch refused to refresh the token (${describeTwitchError(error)}). ${capitalized(this.signInAgain())}.`;
  }

  /** The stored token was made for another application. */
  otherClient(tokenClientId: string, configuredClientId: string): string {
    return `The stored token was made for the client id ${tokenClientId}, but TWITCH_CLIENT_ID is ${configuredClientId}. Set TWITCH_CLIENT_ID=${tokenClientId}, or ${this.signInAgain()}.`;
  }

  /** `TWITCH_BROADCASTER` names nobody. */
  notATwitchUser(): string {
    return `TWITCH_BROADCASTER=${this.config.values.twitchBroadcaster} is not a Twitch user. Check the login name or id.`;
  }

  /** The token is someone else's than the broadcaster's (`signedIn`: their login, or their id). */
  anotherUsersToken(signedIn: string, broadcasterLogin: string): string {
    return `The token belongs to ${signedIn}, but the channel is ${broadcasterLogin}. Sign in as ${broadcasterLogin} with \`npm run auth\`, or set TWITCH_BROADCASTER=${signedIn}.`;
  }

  /** Announced once per token that cannot be renewed: when it stops working, and what to do. */
  expiryNotice(expiresAt: Date | null): string {
    return expiresAt
      ? `The Twitch token expires at ${expiresAt.toISOString()} and cannot be renewed (it has no refresh token): ${this.signInBefore()}.`
      : `The Twitch token cannot be renewed (it has no refresh token); Twitch gives it no expiry. If it stops working, ${this.howToSignIn()}.`;
  }

  /**
   * What an error while connecting means: `unauthorized` when Twitch refused the token (asking
   * again will not change its mind), else `unreachable` (the session retries).
   */
  failure(error: unknown): TwitchSessionState {
    if (error instanceof InvalidTokenError || isUnauthorized(error)) {
      return {
        state: 'unauthorized',
        detail:
          'Twitch refused the stored token. Sign in again with `npm run auth` or the dashboard.',
      };
    }
    if (isRefusal(error)) {
      // E.g. 400 "Invalid refresh token" at start: asking again will not change Twitch's mind.
      return {
        state: 'unauthorized',
        detail: `Twitch refused the stored token (${describeTwitchError(error)}). ${capitalized(this.signInAgain())}.`,
      };
    }
    const mockPort = configuredMockPort(this.config);
    const check =
      mockPort === null
        ? "check this machine's internet connection"
        : `check that the mock server on port ${mockPort} (TWURPLE_MOCK_API_PORT) is running`;
    return {
      state: 'unreachable',
      detail: `Could not reach Twitch: ${describeTwitchError(error)}. Retrying until it answers; ${check}.`,
    };
  }

  /** How to sign in: `npm run auth` or the dashboard; in demo mode only the dashboard. */
  private howToSignIn(): string {
    return this.config.demo
      ? 'sign in with the dashboard\'s "Connect Twitch" (demo mode signs in to the built-in simulator), or restart the service'
      : 'sign in with `npm run auth` or the dashboard\'s "Connect Twitch"';
  }

  private signInAgain(): string {
    return this.howToSignIn().replace(/^sign in/, 'sign in again');
  }

  private signInBefore(): string {
    return this.config.demo
      ? 'sign in with the dashboard\'s "Connect Twitch" before then'
      : 'sign in with `npm run auth` before then';
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Twitch answered 400 or 403: it understood the request and refuses it (bad token or client). */
function isRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return status === 400 || status === 403;
}

function isUnauthorized(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'statusCode' in error &&
    (error as { statusCode: number }).statusCode === 401
  );
}
