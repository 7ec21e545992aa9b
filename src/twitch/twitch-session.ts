import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ApiClient } from '@twurple/api';
import {
  InvalidTokenError,
  type AccessToken,
  type AccessTokenWithUserId,
  type AuthProvider,
} from '@twurple/auth';
import type { UserIdResolvable } from '@twurple/common';
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { Leadership } from '../leadership/leadership.js';
import { AppConfig } from '../config/app-config.js';
import { NonRenewableAuthProvider, type TokenRejection } from './non-renewable-auth-provider.js';
import { ReportingApiClient } from './reporting-api-client.js';
import { scopesFor } from './required-scopes.js';
import { SingleFlightAuthProvider } from './single-flight-auth-provider.js';
import { TokenSource } from './token-source.js';
import { configuredMockPort } from './twitch-endpoint.js';
import { describeTwitchError } from './twitch-errors.js';
import type { TwitchToken } from './twitch-token.js';
import { twurpleLogger } from './twurple-logger.js';

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

/** How long to wait before trying Twitch again after it could not be reached, at most. */
const MAX_RETRY_MS = 60_000;

/**
 * Owns the broadcaster's Twitch session: loads the token, validates it (refreshing when needed),
 * checks it belongs to the broadcaster, and keeps refreshed tokens. A token without a refresh
 * token is used while Twitch accepts it (`NonRenewableAuthProvider`). EventSub and the stats poller
 * follow `state$`: they start when a session is `ok` and stop when it is lost.
 *
 * Each state that keeps the service from working (signed-out, unauthorized, unreachable) is logged
 * once, with what to do, when it begins: not again on every retry, but again if it ends and comes
 * back.
 */
@Injectable()
export class TwitchSession implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TwitchSession');
  private readonly subject = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 1000;
  /** Bumped on every (re)connect, so a slow earlier attempt cannot overwrite a newer one. */
  private generation = 0;
  /** The problem last logged, until the session works again (so a retry does not repeat it). */
  private loggedProblem: string | undefined;
  /** The non-renewable token whose expiry was last announced (announced once per token). */
  private announcedFor: NonRenewableAuthProvider | undefined;
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokenSource,
    private readonly leadership: Leadership,
  ) {}

  /** The session state now and from now on. */
  get state$(): Observable<TwitchSessionState> {
    return this.subject.asObservable();
  }

  /** The session state now. */
  get current(): TwitchSessionState {
    return this.subject.value;
  }

  /** The scopes the service asks for at sign-in, for the configured events and polls. */
  get requiredScopes(): string[] {
    return scopesFor(this.config.eventSubEvents);
  }

  onApplicationBootstrap(): void {
    // Twitch being slow or down must not hold up the dashboard and widgets. Only the leader
    // instance connects (a single instance always leads).
    this.subscriptions.push(
      this.leadership.role$.subscribe((role) => {
        if (role === 'leader') void this.connect();
        else this.standBy();
      }),
      // A sign-in on another instance stored new tokens: the leader takes them up.
      ...(this.tokens.changed$
        ? [this.tokens.changed$.subscribe(() => this.leads() && void this.connect())]
        : []),
    );
  }

  onApplicationShutdown(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
    clearTimeout(this.retryTimer);
    this.generation++;
    this.retire(this.current);
  }

  /** Stores a token from a new sign-in and reconnects with it. */
  async signIn(token: TwitchToken): Promise<TwitchSessionState> {
    await this.tokens.save(token);
    if (this.leads()) return this.connect();
    // On a follower the token is stored for the leader, which connects with it.
    await this.tokens.announceSignIn?.();
    return this.current;
  }

  /** (Re)loads the stored token and connects with it; resolves to the resulting state. */
  async connect(): Promise<TwitchSessionState> {
    if (!this.leads()) return this.current;
    clearTimeout(this.retryTimer);
    const generation = ++this.generation;
    this.setState({ state: 'connecting' });
    const next = await this.open().catch((error: unknown) => this.failure(error));
    if (generation !== this.generation) {
      this.retire(next); // a newer connect() took over
      return this.current;
    }
    this.setState(next);
    if (next.state === 'unreachable') this.scheduleRetry();
    else this.retryDelayMs = 1000;
    return next;
  }

  /** Lets go of Twitch while another instance leads; EventSub and the poll stop with it. */
  private standBy(): void {
    clearTimeout(this.retryTimer);
    this.generation++;
    if (this.current.state === 'standby') return;
    this.setState({
      state: 'standby',
      detail:
        'Another instance (the leader) holds the Twitch connection; this one serves its clients.',
    });
  }

  private leads(): boolean {
    return this.leadership.role === 'leader';
  }

  /** Marks the session lost because Twitch refused the token (e.g. a failed refresh). */
  markUnauthorized(detail: string): void {
    if (this.current.state === 'unauthorized') return;
    clearTimeout(this.retryTimer);
    this.generation++;
    this.setState({ state: 'unauthorized', detail });
  }

  private async open(): Promise<TwitchSessionState> {
    const token = await this.tokens.load();
    if (!token) {
      return {
        state: 'signed-out',
        detail: `Nobody is signed in. ${capitalized(this.howToSignIn())}.`,
      };
    }
    const credentials = token.refreshToken
      ? await this.renewableCredentials(token)
      : await this.nonRenewableCredentials(token);
    if ('state' in credentials) return credentials;
    const { authProvider } = credentials;
    let opened: TwitchSessionState | undefined;
    try {
      opened = await this.openWith(credentials);
      return opened;
    } finally {
      // A provider watching its token's expiry lives as long as the session it belongs to.
      if (opened?.state !== 'ok' && authProvider instanceof NonRenewableAuthProvider)
        authProvider.stop();
    }
  }

  /** With a token Twitch accepts: finds the broadcaster and checks the token is theirs. */
  private async openWith({
    authProvider,
    userId,
    scopes,
  }: SessionCredentials): Promise<TwitchSessionState> {
    const apiClient = new ReportingApiClient({ authProvider, logger: twurpleLogger('TwitchApi') });
    const broadcaster = await this.resolveBroadcaster(apiClient, userId);
    if (!broadcaster) {
      return {
        state: 'unauthorized',
        detail: `TWITCH_BROADCASTER=${this.config.values.twitchBroadcaster} is not a Twitch user. Check the login name or id.`,
      };
    }
    if (broadcaster.id !== userId) {
      const signedIn = await apiClient.users.getUserById(userId);
      return {
        state: 'unauthorized',
        detail: `The token belongs to ${signedIn?.name ?? userId}, but the channel is ${broadcaster.login}. Sign in as ${broadcaster.login} with \`npm run auth\`, or set TWITCH_BROADCASTER=${signedIn?.name ?? userId}.`,
      };
    }
    this.logger.log(`Signed in to Twitch as ${broadcaster.displayName} (${broadcaster.id}).`);
    const renewable = !(authProvider instanceof NonRenewableAuthProvider);
    return {
      state: 'ok',
      session: {
        authProvider,
        apiClient,
        userId,
        broadcaster,
        scopes,
        renewable,
        tokenExpiresAt:
          authProvider instanceof NonRenewableAuthProvider ? authProvider.expiresAt : null,
      },
    };
  }

  /** Twurple's refreshing provider, for a token with a refresh token: renewed when needed, kept. */
  private async renewableCredentials(token: TwitchToken): Promise<SessionCredentials> {
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
    authProvider.onRefreshFailure((_userId, error) => {
      this.markUnauthorized(
        `Twitch refused to refresh the token (${describeTwitchError(error)}). ${capitalized(this.signInAgain())}.`,
      );
    });
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
  private async nonRenewableCredentials(
    token: TwitchToken,
  ): Promise<SessionCredentials | TwitchSessionState> {
    let opened: Awaited<ReturnType<typeof NonRenewableAuthProvider.forToken>>;
    try {
      opened = await NonRenewableAuthProvider.forToken(token.accessToken, this.tokens.clientId);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      return { state: 'unauthorized', detail: this.rejectedDetail(expiryOf(token)) };
    }
    const { provider, validation } = opened;
    if (validation.clientId !== this.tokens.clientId) {
      provider.stop();
      return {
        state: 'unauthorized',
        detail: `The stored token was made for the client id ${validation.clientId}, but TWITCH_CLIENT_ID is ${this.tokens.clientId}. Set TWITCH_CLIENT_ID=${validation.clientId}, or ${this.signInAgain()}.`,
      };
    }
    provider.rejected$.subscribe((rejection) => this.tokenRejected(provider, rejection));
    return { authProvider: provider, userId: provider.userId, scopes: provider.scopes };
  }

  /** Twitch stopped accepting the session's non-renewable token: the session is over. */
  private tokenRejected(provider: NonRenewableAuthProvider, rejection: TokenRejection): void {
    const current = this.current;
    if (current.state !== 'ok' || current.session.authProvider !== provider) return;
    this.markUnauthorized(this.rejectedDetail(rejection.expired ? rejection.expiresAt : null));
  }

  /**
   * What to say when Twitch refuses a token that cannot be renewed: the same words however it was
   * found out (at start, at a 401, at its expiry), so that it is logged once.
   */
  private rejectedDetail(expiredAt: Date | null): string {
    const what =
      expiredAt && expiredAt.getTime() <= Date.now()
        ? `The Twitch token expired at ${expiredAt.toISOString()}`
        : 'Twitch no longer accepts the token (it expired or was revoked)';
    return `${what}, and it has no refresh token to renew it. ${capitalized(this.signInAgain())}.`;
  }

  private async resolveBroadcaster(
    apiClient: ApiClient,
    userId: string,
  ): Promise<Broadcaster | null> {
    const wanted = this.config.values.twitchBroadcaster;
    const user = !wanted
      ? await apiClient.users.getUserById(userId)
      : /^\d+$/.test(wanted)
        ? await apiClient.users.getUserById(wanted)
        : await apiClient.users.getUserByName(wanted.toLowerCase());
    return user ? { id: user.id, login: user.name, displayName: user.displayName } : null;
  }

  private failure(error: unknown): TwitchSessionState {
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
    const message = describeTwitchError(error);
    this.logger.debug(
      `Could not reach Twitch (${message}); trying again in ${Math.round(this.retryDelayMs / 1000)} s.`,
    );
    const mockPort = configuredMockPort(this.config);
    const check =
      mockPort === null
        ? "check this machine's internet connection"
        : `check that the mock server on port ${mockPort} (TWURPLE_MOCK_API_PORT) is running`;
    return {
      state: 'unreachable',
      detail: `Could not reach Twitch: ${message}. Retrying until it answers; ${check}.`,
    };
  }

  private scheduleRetry(): void {
    this.retryTimer = setTimeout(() => void this.connect(), this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
  }

  private setState(state: TwitchSessionState): void {
    const previous = this.subject.value;
    if (previous.state === 'ok' && (state.state !== 'ok' || state.session !== previous.session)) {
      this.retire(previous);
    }
    if (state.state === 'ok' && state.session.authProvider instanceof NonRenewableAuthProvider) {
      state.session.authProvider.watchExpiry();
    }
    this.report(state);
    this.subject.next(state);
  }

  /** Logs a state that keeps the service from working when it begins, and a token's expiry. */
  private report(state: TwitchSessionState): void {
    if (state.state === 'connecting') return; // neither a problem's end nor a new one
    if (state.state === 'standby') {
      this.loggedProblem = undefined;
      return;
    }
    if (state.state === 'ok') {
      this.loggedProblem = undefined;
      this.announceExpiry(state.session);
      return;
    }
    // A retry that fails again is the same problem, whatever the error said this time.
    const problem = state.state === 'unreachable' ? state.state : `${state.state}: ${state.detail}`;
    if (problem === this.loggedProblem) return;
    this.loggedProblem = problem;
    if (state.state === 'unauthorized') this.logger.error(state.detail);
    else this.logger.warn(state.detail);
  }

  /** Says once per token when a token that cannot be renewed stops working. */
  private announceExpiry({ authProvider, tokenExpiresAt }: ActiveTwitchSession): void {
    if (!(authProvider instanceof NonRenewableAuthProvider)) return;
    if (this.announcedFor?.holdsSameTokenAs(authProvider)) return;
    this.announcedFor = authProvider;
    this.logger.warn(
      tokenExpiresAt
        ? `The Twitch token expires at ${tokenExpiresAt.toISOString()} and cannot be renewed (it has no refresh token): ${this.signInBefore()}.`
        : `The Twitch token cannot be renewed (it has no refresh token); Twitch gives it no expiry. If it stops working, ${this.howToSignIn()}.`,
    );
  }

  /** Lets go of what a session that ended holds (a non-renewable token's expiry watch). */
  private retire(state: TwitchSessionState): void {
    if (state.state === 'ok' && state.session.authProvider instanceof NonRenewableAuthProvider) {
      state.session.authProvider.stop();
    }
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

/** A token Twitch accepts, the user it belongs to and its scopes, behind Twurple's auth provider. */
interface SessionCredentials {
  authProvider: SessionAuthProvider;
  userId: string;
  scopes: readonly string[];
}

/** When the stored token expires, if the token file knows. */
function expiryOf(token: TwitchToken): Date | null {
  return token.expiresIn === null
    ? null
    : new Date(token.obtainmentTimestamp + token.expiresIn * 1000);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
