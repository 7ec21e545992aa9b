import { BadRequestException, Injectable } from '@nestjs/common';
import { exchangeCode } from '@twurple/auth';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { TokenSource } from '../twitch/token-source.js';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import { authorizeUrl } from '../twitch/twitch-endpoint.js';
import { TwitchSession, type TwitchSessionState } from '../twitch/twitch-session.js';

/** How long a sign-in started in the browser may take before its `state` is forgotten. */
const STATE_TTL_MS = 10 * 60_000;

/**
 * "Sign in with Twitch" in the browser (OAuth authorization code flow), for apps with a client
 * secret and a registered redirect URI. Each start issues a random one-time `state`; the callback
 * must bring it back, so a link forged elsewhere cannot sign the service in to another account.
 */
@Injectable()
export class OAuthCodeSignIn {
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokenSource,
    private readonly session: TwitchSession,
  ) {}

  /** Whether this flow can work: it needs the client secret. */
  get available(): boolean {
    return this.tokens.clientSecret !== undefined;
  }

  /** The redirect URI registered with Twitch for this service. */
  get redirectUri(): string {
    return (
      this.config.values.twitchRedirectUri ||
      `http://localhost:${this.config.values.port}/auth/twitch/callback`
    );
  }

  /** The Twitch URL to send the browser to, with a fresh `state`. */
  start(): string {
    if (!this.available) {
      throw new BadRequestException(
        'Signing in through the browser needs TWITCH_CLIENT_SECRET (and the redirect URI registered for your app). Without it, use `npm run auth` or the dashboard\'s "Connect Twitch" (Device Code Flow).',
      );
    }
    this.forgetExpired();
    const state = randomBytes(24).toString('base64url');
    this.pending.set(state, Date.now() + STATE_TTL_MS);
    const query = new URLSearchParams({
      client_id: this.tokens.clientId,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: this.session.requiredScopes.join(' '),
      state,
      force_verify: 'true',
    });
    return `${authorizeUrl()}?${query.toString()}`;
  }

  /** Finishes the flow: checks `state` (once), exchanges the code and signs the session in. */
  async complete(query: {
    code?: string;
    state?: string;
    error?: string;
    error_description?: string;
  }): Promise<TwitchSessionState> {
    const expires = query.state ? this.pending.get(query.state) : undefined;
    if (!query.state || expires === undefined || expires < Date.now()) {
      throw new BadRequestException(
        'This sign-in link is not one this service started, or it is too old. Start again from the dashboard.',
      );
    }
    this.pending.delete(query.state);
    if (query.error) {
      throw new BadRequestException(
        `Twitch did not sign you in: ${query.error_description ?? query.error}. Start again from the dashboard.`,
      );
    }
    if (!query.code)
      throw new BadRequestException(
        'Twitch sent no authorization code. Start again from the dashboard.',
      );
    let token;
    try {
      token = await exchangeCode(
        this.tokens.clientId,
        this.tokens.clientSecret ?? '',
        query.code,
        this.redirectUri,
      );
    } catch (error) {
      throw new BadRequestException(
        `Twitch did not accept the sign-in: ${describeTwitchError(error)}`,
      );
    }
    return this.session.signIn({ ...token, refreshToken: token.refreshToken ?? null });
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [state, expires] of this.pending) if (expires < now) this.pending.delete(state);
  }
}
