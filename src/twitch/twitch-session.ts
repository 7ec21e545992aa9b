import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { Leadership, type InstanceRole } from '../leadership/leadership.js';
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
 * retries; standby while another instance leads). Among several instances it runs on the leader
 * and on the standby, whose EventSub listens beside the leader's (`eventSubState$`); what the
 * leader alone does with Twitch (the Helix poll, gap recovery) follows `state$`, which shows the
 * session on the leader only, so a standby taking the lead hands its session on, unchanged. Its parts: `TwitchCredentials` (the token as
 * Twurple's auth provider), `openForBroadcaster` (whose token it is), `SessionAdvice` (what each
 * problem says to do) and `SessionProblemLog` (each problem logged once, when it begins).
 */
@Injectable()
export class TwitchSession implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TwitchSession');
  /** The session this instance holds (leading or standing by). */
  private readonly subject = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
  /** The session as the leader's parts see it: the one held while leading, else `standby`. */
  private readonly leaderView = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
  /** Whether a session was opened (or is being opened) since this instance last stood by. */
  private engaged = false;
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

  /**
   * The session state now and from now on, for what only the leader does with Twitch: `standby`
   * while another instance leads.
   */
  get state$(): Observable<TwitchSessionState> {
    return this.leaderView.asObservable();
  }

  /** The session state now, as `state$` shows it. */
  get current(): TwitchSessionState {
    return this.leaderView.value;
  }

  /**
   * The session EventSub listens with: the leader's, and the standby's own (it receives beside the
   * leader). The same session object goes on when the standby takes the lead.
   */
  get eventSubState$(): Observable<TwitchSessionState> {
    return this.subject.asObservable();
  }

  /** The scopes the service asks for at sign-in, for the configured events and polls. */
  get requiredScopes(): string[] {
    return scopesFor(this.config.eventSubEvents);
  }

  onApplicationBootstrap(): void {
    // Twitch being slow or down must not hold up the dashboard and widgets. Only the leader
    // instance connects (a single instance always leads), and the standby: a standby that takes
    // the lead keeps the session it holds.
    this.subscriptions.push(
      this.leadership.role$.subscribe((role) => {
        if (role === 'follower') this.standBy();
        else if (!this.engaged) void this.connect();
        this.showLeader(role);
      }),
      // A sign-in on another instance stored new tokens: the leader and the standby take them up.
      ...(this.tokens.changed$
        ? [this.tokens.changed$.subscribe(() => this.listens() && void this.connect())]
        : []),
    );
  }

  onApplicationShutdown(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
    clearTimeout(this.retryTimer);
    this.generation++;
    this.retire(this.subject.value);
  }

  /** Stores a token from a new sign-in and reconnects with it. */
  async signIn(token: TwitchToken): Promise<TwitchSessionState> {
    await this.tokens.save(token);
    if (this.leadership.role === 'leader') return this.connect();
    // On a follower the token is stored for the leader (and the standby), which connect with it.
    await this.tokens.announceSignIn?.();
    if (this.listens()) await this.connect();
    return this.current;
  }

  /** (Re)loads the stored token and connects with it; resolves to the resulting state. */
  async connect(): Promise<TwitchSessionState> {
    if (!this.listens()) return this.current;
    this.engaged = true;
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
    return this.current;
  }

  /** Marks the session lost because Twitch refused the token (e.g. a failed refresh). */
  markUnauthorized(detail: string): void {
    if (this.subject.value.state === 'unauthorized') return;
    clearTimeout(this.retryTimer);
    this.generation++;
    this.setState({ state: 'unauthorized', detail });
  }

  /** Lets go of Twitch while another instance leads; EventSub and the poll stop with it. */
  private standBy(): void {
    clearTimeout(this.retryTimer);
    this.generation++;
    this.engaged = false;
    if (this.subject.value.state === 'standby') return;
    this.setState(standbyState('follower'));
  }

  /** Whether this instance holds a Twitch session: it leads, or it is the standby. */
  private listens(): boolean {
    return this.leadership.role !== 'follower';
  }

  /** Shows the session held to what only the leader does, if this instance leads. */
  private showLeader(role: InstanceRole = this.leadership.role): void {
    const shown =
      role === 'leader' ? this.subject.value : standbyState(role === 'standby' ? role : 'follower');
    const before = this.leaderView.value;
    const same =
      shown === before ||
      (shown.state === 'standby' && before.state === 'standby' && shown.detail === before.detail);
    if (!same) this.leaderView.next(shown);
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
    const current = this.subject.value;
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
    this.showLeader();
  }

  /** Lets go of what a session that ended holds (a non-renewable token's expiry watch). */
  private retire(state: TwitchSessionState): void {
    if (state.state === 'ok' && state.session.authProvider instanceof NonRenewableAuthProvider) {
      state.session.authProvider.stop();
    }
  }
}

/** What an instance that does not lead shows of the Twitch session. */
function standbyState(role: 'standby' | 'follower'): TwitchSessionState {
  return {
    state: 'standby',
    detail:
      role === 'standby'
        ? 'Another instance (the leader) holds the Twitch connection; this one is the standby: it listens to EventSub beside it, to take over without losing an event.'
        : 'Another instance (the leader) holds the Twitch connection; this one serves its clients.',
  };
}
