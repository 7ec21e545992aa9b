/**
 * A user access token as Twurple's `RefreshingAuthProvider` keeps it (and as the token file stores
 * it). Never logged.
 */
export interface TwitchToken {
  accessToken: string;
  refreshToken: string | null;
  scope: string[];
  /** Seconds the access token lived for when obtained, or null if unknown. */
  expiresIn: number | null;
  /** Epoch milliseconds when the token was obtained. */
  obtainmentTimestamp: number;
}
