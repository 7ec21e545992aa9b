import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { Leadership } from '../leadership/leadership.js';
import { AppConfig } from '../config/app-config.js';
import { openForBroadcaster } from './broadcaster-check.js';
import { NonRenewableAuthProvider, type TokenRejection } from './non-renewable-auth-provider.js';
import { scopesFor } from './required-scopes.js';
import { SessionAdvice } from './session-advice.js';
import { TwitchCredentials } from './session-credentials.js';
import { SessionProblemLog } from './session-problem-log.js';
import { TokenSource } from './token-source.js';
import { describeTwitchError } from './twitch-errors.js';
import type { TwitchSessionState } from './twitch-session-state.js';
import type { TwitchToken } from './twitch-token.js';

export type {
  ActiveTwitchSession,
  Broadcaster,
  SessionAuthProvider,
  TwitchSessionState,
} from './twitch-session-state.js';

/** How long to wait before trying Twitch again after it could not be reached, at most. */
const MAX_RETRY_MS = 60_000;

/**
 * Owns the broadcaster's Twitch session: loads the token, validates it (refreshing when needed),
 * checks it belongs to the broadcaster, and keeps refreshed tokens. A token without a refresh
 * token is used while Twitch accepts it (`NonRenewableAuthProvider`). EventSub and the stats poller
 * follow `state$`: they start when a session is `ok` and stop when it is lost.
 *
 * This class is the state machine (connecting → ok, or signed-out, unauthorized, unreachable with
 * retries; standby while another instance leads). Its parts: `TwitchCredentials` (the token as
 * Twurple's auth provider), `openForBroadcaster` (whose token it is), `SessionAdvice` (what each
 * problem says to do) and `SessionProblemLog` (each problem logged once, when it begins).
 */
@Injectable()
export class TwitchSession implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TwitchSession');
  private readonly subject = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
  private readonly advice: SessionAdvice;
  private readonly credentials: TwitchCredentials;
  private readonly problems: SessionProblemLog;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 1000;
  /** Bumped on every (re)connect, so a slow earlier attempt cannot overwrite a newer one. */
  private generation = 0;
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokenSource,
    private readonly leadership: Leadership,
  ) {
    this.advice = new SessionAdvice(config);
    this.credentials = new TwitchCredentials(tokens, this.advice);
    this.problems = new SessionProblemLog(this.logger, this.advice);
    this.subscriptions.push(
      this.credentials.refreshFailed$.subscribe((error) =>
        this.markUnauthorized(this.advice.refreshRefused(error)),
      ),
      this.credentials.rejected$.subscribe(({ provider, rejection }) =>
        this.tokenRejected(provider, rejection),
      ),
    );
  }

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

  /** Marks the session lost because Twitch refused the token (e.g. a failed refresh). */
  markUnauthorized(detail: string): void {
    if (this.current.state === 'unauthorized') return;
    clearTimeout(this.retryTimer);
    this.generation++;
    this.setState({ state: 'unauthorized', detail });
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

  private async open(): Promise<TwitchSessionState> {
    const token = await this.tokens.load();
    if (!token) return { state: 'signed-out', detail: this.advice.signedOut() };
    const credentials = await this.credentials.forToken(token);
    if ('state' in credentials) return credentials;
    const { authProvider } = credentials;
    let opened: TwitchSessionState | undefined;
    try {
      opened = await openForBroadcaster(
        credentials,
        this.config.values.twitchBroadcaster,
        this.advice,
      );
      if (opened.state === 'ok') {
        const { broadcaster } = opened.session;
        this.logger.log(`Signed in to Twitch as ${broadcaster.displayName} (${broadcaster.id}).`);
      }
      return opened;
    } finally {
      // A provider watching its token's expiry lives as long as the session it belongs to.
      if (opened?.state !== 'ok' && authProvider instanceof NonRenewableAuthProvider)
        authProvider.stop();
    }
  }

  /** Twitch stopped accepting the session's non-renewable token: the session is over. */
  private tokenRejected(provider: NonRenewableAuthProvider, rejection: TokenRejection): void {
    const current = this.current;
    if (current.state !== 'ok' || current.session.authProvider !== provider) return;
    this.markUnauthorized(this.advice.rejected(rejection.expired ? rejection.expiresAt : null));
  }

  private failure(error: unknown): TwitchSessionState {
    const state = this.advice.failure(error);
    if (state.state === 'unreachable') {
      this.logger.debug(
        `Could not reach Twitch (${describeTwitchError(error)}); trying again in ${Math.round(this.retryDelayMs / 1000)} s.`,
      );
    }
    return state;
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
    this.problems.report(state);
    this.subject.next(state);
  }

  /** Lets go of what a session that ended holds (a non-renewable token's expiry watch). */
  private retire(state: TwitchSessionState): void {
    if (state.state === 'ok' && state.session.authProvider instanceof NonRenewableAuthProvider) {
      state.session.authProvider.stop();
    }
  }
}
