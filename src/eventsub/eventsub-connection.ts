import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventSubSubscription } from '@twurple/eventsub-base';
import type { Observable, Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import type { EventSubStatus } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { scopeOf } from '../event-types/event-types.js';
import { eventsMissingScope } from '../twitch/required-scopes.js';
import { TwitchSession, type ActiveTwitchSession } from '../twitch/twitch-session.js';
import { describeTwitchError, twitchMessage } from '../twitch/twitch-errors.js';
import { twurpleLogger } from '../twitch/twurple-logger.js';
import { describeCloseCode, isOurBug, parseCloseError } from './close-codes.js';
import { subscribeToEvent } from './event-subscription-catalog.js';
import { EventSubStatusModel, type EventSubStatusSnapshot } from './eventsub-status.js';
import { HelixEventSubSubscriptionRepository } from './eventsub-subscription-repository.js';
import { guardFrames } from './frame-guard.js';
import { ReconnectSupervisor } from './reconnect-supervisor.js';
import { StaleSubscriptionCleanup } from './stale-subscription-cleanup.js';
import { SupervisedEventSubWsListener } from './supervised-listener.js';
import { TwitchEventIngest } from './twitch-event-ingest.js';

/**
 * The one EventSub WebSocket connection: follows the Twitch session, subscribes to the configured
 * event types for the broadcaster, hands notifications to the ingest, and keeps its status (see
 * `EventSubStatusModel`). It runs on the leader and on the standby, which listens beside it
 * (`TwitchSession.eventSubState$`); a standby taking the lead goes on with the same connection.
 *
 * Twurple reconnects by itself (immediately, then with growing delays); before it resubscribes on a
 * new WebSocket session this class refreshes the token and deletes the service's own stale
 * subscriptions (`StaleSubscriptionCleanup`). The `ReconnectSupervisor` restarts a stuck listener
 * and backs off when Twitch keeps closing the connection.
 */
@Injectable()
export class EventSubConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventSub');
  private listener: SupervisedEventSubWsListener | undefined;
  /** The Twitch session the listener was started for. */
  private listening: ActiveTwitchSession | undefined;
  private twitchSessionSubscription: Subscription | undefined;
  private readonly typeBySubscriptionId = new Map<string, TwitchEventType>();
  /** WebSocket sessions welcomed since the listener was built: after the first, refresh the token. */
  private webSocketSessionsWelcomed = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly twitch: TwitchSession,
    private readonly ingest: TwitchEventIngest,
    private readonly statusModel: EventSubStatusModel,
    private readonly supervisor: ReconnectSupervisor,
    private readonly staleSubscriptions: StaleSubscriptionCleanup,
  ) {}

  /** The connection's state as `/api/health` shows it. */
  get status(): EventSubStatusSnapshot {
    return this.statusModel.status;
  }

  /** Each change of the status worth telling SSE clients (not the last-message time alone). */
  get status$(): Observable<EventSubStatus> {
    return this.statusModel.status$;
  }

  onModuleInit(): void {
    const chosen = this.config.values.eventSubEvents;
    if (chosen.includes('channel.cheer') && chosen.includes('channel.bits.use')) {
      this.logger.log(
        'EVENTSUB_EVENTS names channel.cheer and channel.bits.use: listening to channel.bits.use only, which carries every cheer too (with Power-ups and Combos), so no cheer is shown or counted twice.',
      );
    }
    this.twitchSessionSubscription = this.twitch.eventSubState$.subscribe((state) => {
      if (state.state === 'ok') {
        if (state.session !== this.listening) this.start(state.session);
      } else if (state.state !== 'connecting' || this.listener) {
        this.stop();
        const detail = 'detail' in state ? state.detail : undefined;
        this.statusModel.setState(
          state.state === 'unauthorized' || state.state === 'signed-out' ? 'unauthorized' : 'down',
          detail,
        );
      }
    });
  }

  onApplicationShutdown(): void {
    this.twitchSessionSubscription?.unsubscribe();
    this.stop();
  }

  /** Connects for the Twitch session and subscribes to every configured type it has the scopes for. */
  private start(twitchSession: ActiveTwitchSession): void {
    this.stop();
    this.listening = twitchSession;
    const listener = new SupervisedEventSubWsListener(
      { apiClient: twitchSession.apiClient, logger: twurpleLogger('Twurple:EventSub') },
      {
        prepare: (webSocketSessionId) =>
          this.prepareWebSocketSession(twitchSession, webSocketSessionId),
        notificationArrived: (subscription, data, messageId, redelivered) => {
          const type = this.typeBySubscriptionId.get(subscription.id);
          const receivedAt = performance.now();
          if (type) this.ingest.receive({ type, data, messageId, receivedAt, redelivered });
        },
      },
    );
    this.listener = listener;
    listener.onUserSocketConnect((userId) => {
      const ok = guardFrames(listener, userId, {
        frameReceived: () => this.statusModel.frameArrived(),
        frameRejected: (frame, error) =>
          this.logger.warn(
            `Skipped a frame from Twitch that could not be handled (${describeTwitchError(error)}): ${frame.slice(0, 200)}`,
          ),
      });
      if (!ok)
        this.logger.warn(
          'Twurple internals changed: malformed EventSub frames cannot be guarded against.',
        );
    });
    listener.onUserSocketReady((_userId, webSocketSessionId) => this.welcomed(webSocketSessionId));
    listener.onUserSocketDisconnect((_userId, error) => this.dropped(error));
    listener.onSubscriptionCreateSuccess((subscription) => {
      const type = this.typeBySubscriptionId.get(subscription.id);
      if (type) this.statusModel.subscriptionEnabled(type);
    });
    listener.onSubscriptionCreateFailure((subscription, error) =>
      this.subscriptionFailed(subscription, error),
    );
    listener.onRevoke((subscription, status) => this.revoked(subscription, status));

    const wanted = this.config.eventSubEvents;
    const missing = new Set(eventsMissingScope(wanted, twitchSession.scopes));
    for (const type of missing) this.logger.warn(missingScopeMessage(type));
    for (const type of wanted) {
      if (missing.has(type)) continue;
      const subscription = subscribeToEvent(listener, type, twitchSession.broadcaster.id);
      this.typeBySubscriptionId.set(subscription.id, type);
    }
    this.statusModel.starting(
      wanted.map((type) =>
        missing.has(type)
          ? { type, status: 'missing_scope', error: missingScopeMessage(type) }
          : { type, status: 'pending' },
      ),
    );
    listener.start();
    this.supervisor.supervise(listener);
  }

  /** Disconnects and forgets the listener (Twitch session lost, or shutdown). */
  private stop(): void {
    this.supervisor.stop();
    this.listener?.stop();
    this.listener = undefined;
    this.listening = undefined;
    this.typeBySubscriptionId.clear();
    this.webSocketSessionsWelcomed = 0;
  }

  /**
   * Runs once per new WebSocket session, before Twurple creates its subscriptions on it: after a
   * drop, get a fresh token; always, delete the subscriptions our earlier WebSocket sessions left
   * behind.
   */
  private async prepareWebSocketSession(
    twitchSession: ActiveTwitchSession,
    webSocketSessionId: string,
  ): Promise<void> {
    // Before any subscription exists on it: what went by so far, this session never delivers.
    this.ingest.sessionJoined();
    if (this.webSocketSessionsWelcomed > 1) {
      try {
        await twitchSession.authProvider.refreshAccessTokenForUser(twitchSession.userId);
      } catch (error) {
        this.logger.error(
          `Could not refresh the token before resubscribing: ${describeTwitchError(error)}`,
        );
        this.twitch.markUnauthorized(
          `Twitch refused to refresh the token. ${capitalized(this.signInAgain())}.`,
        );
        throw error;
      }
    }
    await this.staleSubscriptions.removeStale(
      new HelixEventSubSubscriptionRepository(twitchSession.apiClient, twitchSession.userId),
      webSocketSessionId,
    );
  }

  private welcomed(webSocketSessionId: string): void {
    const reconnect = this.webSocketSessionsWelcomed > 0;
    this.webSocketSessionsWelcomed++;
    this.staleSubscriptions.webSocketSessionOpened(webSocketSessionId);
    this.logger.log(`Connected to EventSub (WebSocket session ${webSocketSessionId}).`);
    this.statusModel.connected(webSocketSessionId, { reconnect });
  }

  private dropped(error: Error | undefined): void {
    if (!this.listener || this.supervisor.paused) return; // our own stop()
    const { code, reason } = parseCloseError(error);
    const described = code === null ? reason : `${code} (${describeCloseCode(code)})`;
    if (code === 4003 && this.nothingCouldSubscribe()) {
      // Twitch closes a connection left without subscriptions: here because it refused or revoked
      // every one of them, which a new sign-in fixes — not a bug of ours.
      this.logger.warn(
        `EventSub closed the connection with ${described} because Twitch refused or revoked every subscription: ${this.signInAgain()}. Reconnecting.`,
      );
    } else if (isOurBug(code)) {
      this.logger.error(
        `EventSub closed the connection with ${described}: this is a bug in twitch-realtime, please report it. Reconnecting.`,
      );
    } else {
      this.logger.warn(`EventSub connection lost: ${described}. Reconnecting.`);
    }
    this.statusModel.dropped(code, reason);
    this.supervisor.dropped();
  }

  private subscriptionFailed(subscription: EventSubSubscription, error: Error): void {
    const status = (error as { statusCode?: number }).statusCode;
    const message = twitchMessage((error as { body?: unknown }).body) ?? describeTwitchError(error);
    const type = this.typeBySubscriptionId.get(subscription.id);
    const fix =
      status === 403 || status === 401
        ? ` — ${this.signInAgain()}${type && scopeOf(type) ? ` (needs scope ${scopeOf(type)})` : ''}`
        : status === 429
          ? ` — ${this.overLimit()}`
          : '';
    this.logger.error(`Could not subscribe to ${type ?? subscription.id}: ${message}${fix}`);
    if (!type) return;
    this.statusModel.subscriptionFailed(type, `${message}${fix}`, {
      retryable: status === undefined || status === 429 || status >= 500,
    });
  }

  /** No subscription is enabled, and each one was refused for want of access, revoked, or lacks a scope. */
  private nothingCouldSubscribe(): boolean {
    const subscriptions = this.statusModel.status.subscriptions ?? [];
    return (
      subscriptions.length > 0 &&
      subscriptions.every(
        (entry) =>
          entry.status === 'revoked' ||
          entry.status === 'missing_scope' ||
          (entry.status === 'failed' && /sign in again/.test(entry.error ?? '')),
      )
    );
  }

  /** Why Twitch answers 429 to a subscription, and what to do. */
  private overLimit(): string {
    const { redisUrl, standby } = this.config.values;
    const ours =
      redisUrl !== '' && standby
        ? 'this service holds up to 3 of them itself (the leader, the standby, and a reconnect in progress): set STANDBY=false to hold 2 at most'
        : 'this service holds 1 (2 for a moment while it reconnects)';
    return `Twitch allows 3 EventSub WebSocket connections per app and account, and the same type and condition 3 times; ${ours}. Another program or copy of this service using the same app and account holds the rest: stop it, or give it an app of its own`;
  }

  /** How to get a new token: `npm run auth` or the dashboard; in demo mode only the dashboard. */
  private signInAgain(): string {
    return this.config.demo
      ? 'sign in again with the dashboard\'s "Connect Twitch" (demo mode signs in to the built-in simulator), or restart the service'
      : 'sign in again with `npm run auth` or the dashboard\'s "Connect Twitch"';
  }

  private revoked(subscription: EventSubSubscription, reason: string): void {
    const type = this.typeBySubscriptionId.get(subscription.id);
    this.logger.warn(
      `Twitch revoked the ${type ?? subscription.id} subscription (${reason}). If access was removed, ${this.signInAgain()}.`,
    );
    if (type) this.statusModel.subscriptionRevoked(type, reason);
  }
}

function missingScopeMessage(type: TwitchEventType): string {
  return `${type} needs the scope ${scopeOf(type)}, which the token lacks: sign in again with \`npm run auth\`.`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
