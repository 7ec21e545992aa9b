import type { Observable } from 'rxjs';
import type { TwitchToken } from './twitch-token.js';

/**
 * Where the Twitch application's credentials and the broadcaster's token come from, and where a
 * refreshed token goes: a file in normal use, the built-in simulator in demo mode.
 */
export abstract class TokenSource {
  /** The application's client id. */
  abstract readonly clientId: string;
  /** The application's client secret, when configured (needed only for the OAuth code flow). */
  abstract readonly clientSecret: string | undefined;
  /** The stored token, or null when nobody has signed in yet. */
  abstract load(): Promise<TwitchToken | null>;
  /** Keeps a new or refreshed token. */
  abstract save(token: TwitchToken): Promise<void>;
  /** Forgets the token (sign-out, or a refresh token Twitch no longer accepts). */
  abstract clear(): Promise<void>;
  /** Fires when another instance stored a new token (a store shared by several instances). */
  readonly changed$?: Observable<void>;
  /**
   * Runs a token refresh so that no other instance refreshes at the same time (a store shared by
   * several instances); `refresh` gets the token stored now, to use instead if another refreshed it.
   */
  exclusively?<T extends TwitchToken>(
    refresh: (stored: TwitchToken | null) => Promise<T>,
  ): Promise<T>;
  /** Tells the other instances that a sign-in stored a new token (the leader connects with it). */
  announceSignIn?(): Promise<void>;
}
