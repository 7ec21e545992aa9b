import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ApiClient } from '@twurple/api';
import { InvalidTokenError, type AccessToken, type RefreshingAuthProvider } from '@twurple/auth';
import { BehaviorSubject, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import { ReportingApiClient } from './reporting-api-client.js';
import { scopesFor } from './required-scopes.js';
import { SingleFlightAuthProvider } from './single-flight-auth-provider.js';
import { TokenSource } from './token-source.js';
import { describeTwitchError } from './twitch-errors.js';
import type { TwitchToken } from './twitch-token.js';
import { twurpleLogger } from './twurple-logger.js';

/** The channel the service follows. */
export interface Broadcaster {
  id: string;
  login: string;
  displayName: string;
}

/** A working connection to Twitch for the broadcaster: Twurple's auth provider and API client. */
export interface ActiveTwitchSession {
  readonly authProvider: RefreshingAuthProvider;
  readonly apiClient: ReportingApiClient;
  /** The user the token belongs to (the broadcaster). */
  readonly userId: string;
  readonly broadcaster: Broadcaster;
  /** The scopes the token carries. */
  readonly scopes: readonly string[];
}

/** Where the session stands; `detail` says what to do next when something is wrong. */
export type TwitchSessionState =
  | { state: 'connecting' }
  | { state: 'ok'; session: ActiveTwitchSession }
  | { state: 'signed-out' | 'unauthorized' | 'unreachable'; detail: string };

/** How long to wait before trying Twitch again after it could not be reached, at most. */
const MAX_RETRY_MS = 60_000;

/**
 * Owns the broadcaster's Twitch session: loads the token, validates it (refreshing when needed),
 * checks it belongs to the broadcaster, and keeps refreshed tokens. EventSub and the stats poller
 * follow `state$`: they start when a session is `ok` and stop when it is lost.
 */
@Injectable()
export class TwitchSession implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TwitchSession');
  private readonly subject = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 1000;
  /** Bumped on every (re)connect, so a slow earlier attempt cannot overwrite a newer one. */
  private generation = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokenSource,
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
    return scopesFor(this.config.values.eventSubEvents);
  }

  onApplicationBootstrap(): void {
    // Twitch being slow or down must not hold up the dashboard and widgets.
    void this.connect();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retryTimer);
    this.generation++;
  }

  /** Stores a token from a new sign-in and reconnects with it. */
  async signIn(token: TwitchToken): Promise<TwitchSessionState> {
    await this.tokens.save(token);
    return this.connect();
  }

  /** (Re)loads the stored token and connects with it; resolves to the resulting state. */
  async connect(): Promise<TwitchSessionState> {
    clearTimeout(this.retryTimer);
    const generation = ++this.generation;
    this.setState({ state: 'connecting' });
    const next = await this.open().catch((error: unknown) => this.failure(error));
    if (generation !== this.generation) return this.current; // a newer connect() took over
    this.setState(next);
    if (next.state === 'unreachable') this.scheduleRetry();
    else this.retryDelayMs = 1000;
    return next;
  }

  /** Marks the session lost because Twitch refused the token (e.g. a failed refresh). */
  markUnauthorized(detail: string): void {
    if (this.current.state === 'unauthorized') return;
    this.generation++;
    this.setState({ state: 'unauthorized', detail });
  }

  private async open(): Promise<TwitchSessionState> {
    const token = await this.tokens.load();
    if (!token) {
      return {
        state: 'signed-out',
        detail:
          'Nobody is signed in. Sign in with `npm run auth` or the dashboard\'s "Connect Twitch".',
      };
    }
    if (!token.refreshToken) {
      return {
        state: 'unauthorized',
        detail:
          'The stored token has no refresh token, so it cannot be renewed. Sign in with `npm run auth`, or set TWITCH_REFRESH_TOKEN too.',
      };
    }
    const authProvider = new SingleFlightAuthProvider({
      clientId: this.tokens.clientId,
      clientSecret: this.tokens.clientSecret,
    });
    authProvider.onRefresh((_userId, refreshed) => {
      this.tokens
        .save(toStoredToken(refreshed))
        .catch((error: unknown) =>
          this.logger.error(`Could not store the refreshed token: ${describeTwitchError(error)}`),
        );
    });
    authProvider.onRefreshFailure((_userId, error) => {
      this.logger.error(
        `Twitch refused to refresh the token (${describeTwitchError(error)}). Sign in again with \`npm run auth\`.`,
      );
      this.markUnauthorized(
        'Twitch no longer accepts the stored token. Sign in again with `npm run auth` or the dashboard.',
      );
    });
    // An empty scope list (a token seeded from the environment) means "unknown": Twurple then reads
    // the scopes from Twitch's validate endpoint.
    const userId = await authProvider.addUserForToken({
      ...token,
      scope: token.scope.length > 0 ? token.scope : undefined,
    });
    const { scope } = (await authProvider.getAccessTokenForUser(userId)) ?? { scope: [] };
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
    return {
      state: 'ok',
      session: { authProvider, apiClient, userId, broadcaster, scopes: scope },
    };
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
      this.logger.error('Twitch refused the stored token. Sign in again with `npm run auth`.');
      return {
        state: 'unauthorized',
        detail:
          'Twitch refused the stored token. Sign in again with `npm run auth` or the dashboard.',
      };
    }
    const message = describeTwitchError(error);
    this.logger.warn(
      `Could not reach Twitch (${message}); trying again in ${Math.round(this.retryDelayMs / 1000)} s.`,
    );
    return { state: 'unreachable', detail: `Could not reach Twitch: ${message}. Retrying.` };
  }

  private scheduleRetry(): void {
    this.retryTimer = setTimeout(() => void this.connect(), this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
  }

  private setState(state: TwitchSessionState): void {
    this.subject.next(state);
  }
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

function isUnauthorized(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'statusCode' in error &&
    (error as { statusCode: number }).statusCode === 401
  );
}
