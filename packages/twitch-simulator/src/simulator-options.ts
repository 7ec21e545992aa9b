import type { EventSubLimits } from './eventsub-routes.js';

/** How the simulator behaves; every field has Twitch's value (or a sensible one) by default. */
export interface TwitchSimulatorOptions {
  /** Client ids accepted besides `DEFAULT_CLIENT_ID`. */
  readonly clientIds?: readonly string[];
  /** The only client secret accepted; by default any secret is. */
  readonly clientSecret?: string;
  /** `keepalive_timeout_seconds` when the client asks for none (Twitch: 10). May be lower, even fractional, for fast tests. */
  readonly keepaliveSeconds?: number;
  /** Time to connect to a `reconnect_url` before the old socket closes with 4004 (Twitch: 30 000). */
  readonly reconnectGraceMs?: number;
  /** How long a replaced socket stays open after its successor's welcome, unless the client closes it (default 1 000). */
  readonly reconnectOverlapMs?: number;
  /** How long a connection that vanished without a close frame still looks connected (default 10 000). */
  readonly dropNoticeMs?: number;
  /** Interval of WebSocket pings; an unanswered ping closes with 4002 (default 10 000; 0: no pings). */
  readonly pingIntervalMs?: number;
  /** `expires_in` of new access tokens (default 14 400 s, about Twitch's four hours). */
  readonly accessTokenSeconds?: number;
  /** `expires_in` of device codes (Twitch: 1 800 s). */
  readonly deviceCodeSeconds?: number;
  /** `interval` of device codes: the least time between polls (Twitch: 5 s). */
  readonly deviceCodeIntervalSeconds?: number;
  /** Helix points per minute per client id + user (Twitch: 800). */
  readonly helixPointsPerMinute?: number;
  /** EventSub subscription limits (Twitch's by default). */
  readonly limits?: Partial<EventSubLimits>;
  /**
   * Whether user tokens come with a refresh token (default true, as Twitch's). False mints them
   * alone, like the Twitch CLI's mock server (`/auth/authorize?grant_type=user_token`) and implicit
   * grant: `mintUserToken` then gives an empty `refreshToken`.
   */
  readonly refreshTokens?: boolean;
  /**
   * Whether Helix and `/eventsub/subscriptions` answers carry `Ratelimit-*` headers (default true,
   * as Twitch's). False leaves them out, like the Twitch CLI's mock API, and rate-limits nothing.
   */
  readonly rateLimitHeaders?: boolean;
  /**
   * The clock of what happens on channels, in milliseconds since the epoch (default `Date.now`):
   * event times, `followed_at`, when cheers count on the bits leaderboard, the leaderboard's
   * current period, stream start times. Tokens, rate limits, WebSocket timers and message
   * timestamps keep real time.
   */
  readonly clock?: () => number;
  /** Where the simulator reports what it does (nothing by default). */
  readonly log?: (message: string) => void;
}

/**
 * The Twitch CLI's mock servers' quirks in one switch: tokens without refresh tokens, and answers
 * without `Ratelimit-*` headers (`new TwitchSimulator({ ...TWITCH_CLI_QUIRKS, … })`).
 */
export const TWITCH_CLI_QUIRKS = {
  refreshTokens: false,
  rateLimitHeaders: false,
} as const satisfies TwitchSimulatorOptions;
