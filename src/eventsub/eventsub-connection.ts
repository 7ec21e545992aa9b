import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { getRawData } from '@twurple/common';
import type { EventSubSubscription } from '@twurple/eventsub-base';
import type { Subscription } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import type { EventSubState, EventSubStatus } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { EVENT_SCOPES, eventsMissingScope } from '../twitch/required-scopes.js';
import { TwitchSession, type ActiveTwitchSession } from '../twitch/twitch-session.js';
import { describeTwitchError, twitchMessage } from '../twitch/twitch-errors.js';
import { twurpleLogger } from '../twitch/twurple-logger.js';
import { describeCloseCode, isOurBug, parseCloseError } from './close-codes.js';
import { subscribeToEvent } from './event-subscription-catalog.js';
import { guardFrames } from './frame-guard.js';
import { SupervisedEventSubWsListener } from './supervised-listener.js';
import { TwitchEventIngest } from './twitch-event-ingest.js';

type SubscriptionStatus = NonNullable<EventSubStatus['subscriptions']>[number];

/** Drops within this window that make the service pause reconnecting (Twitch keeps closing on us). */
const DROP_STORM = { count: 10, windowMs: 60_000, pauseMs: 30_000 };

/**
 * When the watchdog restarts the listener: a subscription still not created this long after the
 * welcome, or no welcome for this long. Twurple can end up connected with nothing subscribed after
 * a keepalive timeout during a `session_reconnect`, and it gives up after three failed first
 * connects; the watchdog gets both going again.
 */
const WATCHDOG = { everyMs: 5_000, pendingMs: 20_000, unconnectedMs: 60_000 };

/**
 * The one EventSub WebSocket connection: subscribes to the configured event types for the
 * broadcaster, feeds notifications to the bus, and keeps its state visible (health and SSE status).
 *
 * Twurple reconnects by itself (immediately, then with growing delays); before it resubscribes on a
 * new session this class refreshes the token and deletes the service's own stale subscriptions, so
 * Twitch's "3 connections / 300 subscriptions" limits are never hit by leftovers.
 */
@Injectable()
export class EventSubConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventSub');
  private listener: SupervisedEventSubWsListener | undefined;
  private session: ActiveTwitchSession | undefined;
  private sessionSubscription: Subscription | undefined;
  private readonly typeBySubscriptionId = new Map<string, TwitchEventType>();
  /** WebSocket session ids this process opened: their subscriptions are ours to delete. */
  private readonly ownSessionIds = new Set<string>();
  private sessionsWelcomed = 0;
  private recentDrops: number[] = [];
  private pauseTimer: NodeJS.Timeout | undefined;
  /** True while reconnecting is paused after a storm of drops. */
  private paused = false;
  private watchdogTimer: NodeJS.Timeout | undefined;
  /** When the state last changed (the watchdog measures from it). */
  private stateSince = Date.now();
  /** Types whose subscription failed for a passing reason (429, 5xx, network): worth another try. */
  private readonly retryableFailures = new Set<string>();
  private lastPublished = '';
  private reconnectCount = 0;
  private readonly current: EventSubStatus = {
    state: 'starting',
    sessionId: null,
    lastCloseCode: null,
    lastCloseReason: null,
    lastMessageAt: null,
    subscriptions: [],
  };

  constructor(
    private readonly config: AppConfig,
    private readonly twitch: TwitchSession,
    private readonly ingest: TwitchEventIngest,
    private readonly bus: EventBus,
  ) {}

  /** The connection's state as `/api/health` shows it. */
  get status(): EventSubStatus & { reconnects: number } {
    return {
      ...this.current,
      subscriptions: [...(this.current.subscriptions ?? [])],
      reconnects: this.reconnectCount,
    };
  }

  onModuleInit(): void {
    this.sessionSubscription = this.twitch.state$.subscribe((state) => {
      if (state.state === 'ok') {
        this.start(state.session);
      } else if (state.state !== 'connecting' || this.listener) {
        this.stop();
        const detail = 'detail' in state ? state.detail : undefined;
        this.setState(
          state.state === 'unauthorized' || state.state === 'signed-out' ? 'unauthorized' : 'down',
          detail,
        );
      }
    });
  }

  onApplicationShutdown(): void {
    this.sessionSubscription?.unsubscribe();
    this.stop();
  }

  /** Connects for `session` and subscribes to every configured type it has the scopes for. */
  private start(session: ActiveTwitchSession): void {
    this.stop();
    this.session = session;
    const listener = new SupervisedEventSubWsListener(
      { apiClient: session.apiClient, logger: twurpleLogger('Twurple:EventSub') },
      {
        prepare: (sessionId) => this.prepareSession(session, sessionId),
        notificationArrived: (subscription, messageId, redelivered) => {
          const type = this.typeBySubscriptionId.get(subscription.id);
          if (type) this.ingest.notificationArrived(type, messageId, redelivered);
        },
      },
    );
    this.listener = listener;
    listener.onUserSocketConnect((userId) => {
      const ok = guardFrames(listener, userId, {
        frameReceived: () => {
          this.ingest.frameArrived();
          this.current.lastMessageAt = new Date().toISOString();
        },
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
    listener.onUserSocketReady((_userId, sessionId) => this.welcomed(sessionId));
    listener.onUserSocketDisconnect((_userId, error) => this.dropped(error));
    listener.onSubscriptionCreateSuccess((subscription) =>
      this.setSubscription(subscription, { status: 'enabled' }),
    );
    listener.onSubscriptionCreateFailure((subscription, error) =>
      this.subscriptionFailed(subscription, error),
    );
    listener.onRevoke((subscription, status) => this.revoked(subscription, status));

    const wanted = this.config.values.eventSubEvents;
    const missing = new Set(eventsMissingScope(wanted, session.scopes));
    this.current.subscriptions = wanted.map((type) =>
      missing.has(type)
        ? { type, status: 'missing_scope', error: missingScopeMessage(type) }
        : { type, status: 'pending' },
    );
    for (const type of missing) this.logger.warn(missingScopeMessage(type));
    for (const type of wanted) {
      if (missing.has(type)) continue;
      const subscription = subscribeToEvent(
        listener,
        type,
        session.broadcaster.id,
        (eventType, data) => this.ingest.receive(eventType, data),
      );
      this.typeBySubscriptionId.set(subscription.id, type);
    }
    this.setState('starting');
    listener.start();
    this.watchdogTimer = setInterval(() => this.watch(listener), WATCHDOG.everyMs);
    this.watchdogTimer.unref();
  }

  /** Restarts a listener that is stuck: connected with subscriptions missing, or not connecting. */
  private watch(listener: SupervisedEventSubWsListener): void {
    if (this.listener !== listener || this.paused) return;
    const stuckFor = Date.now() - this.stateSince;
    const { state, subscriptions = [] } = this.current;
    const pending = subscriptions.some(
      (entry) =>
        entry.status === 'pending' ||
        (entry.status === 'failed' && this.retryableFailures.has(entry.type)),
    );
    const stuck =
      (state === 'connected' && pending && stuckFor > WATCHDOG.pendingMs) ||
      ((state === 'starting' || state === 'reconnecting') && stuckFor > WATCHDOG.unconnectedMs);
    if (!stuck) return;
    this.logger.warn(
      state === 'connected'
        ? 'EventSub is connected but some subscriptions were never created; reconnecting to create them.'
        : `EventSub has not connected for ${Math.round(stuckFor / 1000)} s; starting over.`,
    );
    listener.stop();
    this.setState('reconnecting');
    listener.start();
  }

  /** Disconnects and forgets the listener (session lost, or shutdown). */
  private stop(): void {
    clearTimeout(this.pauseTimer);
    this.paused = false;
    clearInterval(this.watchdogTimer);
    this.listener?.stop();
    this.listener = undefined;
    this.session = undefined;
    this.typeBySubscriptionId.clear();
    this.retryableFailures.clear();
    this.sessionsWelcomed = 0;
    this.recentDrops = [];
  }

  /**
   * Runs once per new WebSocket session, before Twurple creates its subscriptions on it: after a
   * drop, get a fresh token; always, delete the subscriptions our earlier sessions left behind.
   */
  private async prepareSession(session: ActiveTwitchSession, sessionId: string): Promise<void> {
    if (this.sessionsWelcomed > 1) {
      try {
        await session.authProvider.refreshAccessTokenForUser(session.userId);
      } catch (error) {
        this.logger.error(
          `Could not refresh the token before resubscribing: ${describeTwitchError(error)}`,
        );
        this.twitch.markUnauthorized(
          'Twitch refused to refresh the token. Sign in again with `npm run auth` or the dashboard.',
        );
        throw error;
      }
    }
    await this.removeStaleSubscriptions(session, sessionId);
  }

  /**
   * Deletes this client's WebSocket subscriptions that cannot deliver any more: disabled ones
   * (their socket is gone) and enabled ones on sessions this process opened before (Twitch has not
   * noticed the drop yet). Enabled subscriptions on sessions we never opened may belong to another
   * running copy; they are left alone.
   */
  private async removeStaleSubscriptions(
    session: ActiveTwitchSession,
    currentSessionId: string,
  ): Promise<void> {
    let stale: { id: string; type: string }[];
    try {
      const all = await session.apiClient.asUser(session.userId, (ctx) =>
        ctx.eventSub.getSubscriptionsPaginated().getAll(),
      );
      stale = all
        .filter((subscription) => subscription.transportMethod === 'websocket')
        .filter((subscription) => {
          const sessionId =
            (getRawData(subscription).transport as { session_id?: string }).session_id ?? '';
          if (sessionId === currentSessionId) return false;
          return subscription.status !== 'enabled' || this.ownSessionIds.has(sessionId);
        })
        .map((subscription) => ({ id: subscription.id, type: subscription.type }));
    } catch (error) {
      this.logger.warn(
        `Could not list EventSub subscriptions to clean up: ${describeTwitchError(error)}`,
      );
      return;
    }
    for (const { id, type } of stale) {
      try {
        await session.apiClient.asUser(session.userId, (ctx) =>
          ctx.eventSub.deleteSubscription(id),
        );
      } catch (error) {
        this.logger.warn(
          `Could not delete stale ${type} subscription ${id}: ${describeTwitchError(error)}`,
        );
      }
    }
    if (stale.length > 0)
      this.logger.log(
        `Deleted ${stale.length} stale EventSub subscription(s) before resubscribing.`,
      );
  }

  private welcomed(sessionId: string): void {
    if (this.sessionsWelcomed > 0) this.reconnectCount++;
    this.sessionsWelcomed++;
    this.ownSessionIds.add(sessionId);
    this.current.sessionId = sessionId;
    this.logger.log(`Connected to EventSub (session ${sessionId}).`);
    this.setState('connected');
  }

  private dropped(error: Error | undefined): void {
    if (!this.listener || this.paused) return; // our own stop()
    const { code, reason } = parseCloseError(error);
    this.current.lastCloseCode = code;
    this.current.lastCloseReason = reason;
    this.current.sessionId = null;
    for (const entry of this.current.subscriptions ?? []) {
      if (entry.status === 'enabled' || entry.status === 'pending') entry.status = 'pending';
    }
    const described = code === null ? reason : `${code} (${describeCloseCode(code)})`;
    if (isOurBug(code)) {
      this.logger.error(
        `EventSub closed the connection with ${described}: this is a bug in twitch-realtime, please report it. Reconnecting.`,
      );
    } else {
      this.logger.warn(`EventSub connection lost: ${described}. Reconnecting.`);
    }
    this.setState('reconnecting');
    this.pauseIfStorming();
  }

  /** Twitch closing on us again and again: stop hammering it for a while. */
  private pauseIfStorming(): void {
    const now = Date.now();
    this.recentDrops = [...this.recentDrops.filter((at) => now - at < DROP_STORM.windowMs), now];
    const listener = this.listener;
    if (this.recentDrops.length < DROP_STORM.count || !listener) return;
    this.recentDrops = [];
    this.logger.error(
      `EventSub dropped ${DROP_STORM.count} times within a minute; pausing ${DROP_STORM.pauseMs / 1000} s before reconnecting.`,
    );
    // Deferred: Twurple is still inside its disconnect handling and is about to reconnect.
    setTimeout(() => {
      if (this.listener !== listener) return;
      listener.stop();
      this.setState(
        'down',
        `Twitch keeps closing the connection; retrying in ${DROP_STORM.pauseMs / 1000} s.`,
      );
      this.pauseTimer = setTimeout(() => {
        if (this.listener !== listener) return;
        this.setState('reconnecting');
        listener.start();
      }, DROP_STORM.pauseMs);
      this.pauseTimer.unref();
    }, 0);
  }

  private subscriptionFailed(subscription: EventSubSubscription, error: Error): void {
    const status = (error as { statusCode?: number }).statusCode;
    const message = twitchMessage((error as { body?: unknown }).body) ?? describeTwitchError(error);
    const type = this.typeBySubscriptionId.get(subscription.id);
    const fix =
      status === 403 || status === 401
        ? ` — sign in again with \`npm run auth\`${type && EVENT_SCOPES[type] ? ` (needs scope ${EVENT_SCOPES[type]})` : ''}`
        : status === 429
          ? ' — another program or copy of this service holds EventSub connections for this account and app'
          : '';
    this.logger.error(`Could not subscribe to ${type ?? subscription.id}: ${message}${fix}`);
    if (type && (status === undefined || status === 429 || status >= 500))
      this.retryableFailures.add(type);
    this.setSubscription(subscription, { status: 'failed', error: `${message}${fix}` });
  }

  private revoked(subscription: EventSubSubscription, reason: string): void {
    const type = this.typeBySubscriptionId.get(subscription.id);
    this.logger.warn(
      `Twitch revoked the ${type ?? subscription.id} subscription (${reason}). Sign in again with \`npm run auth\` if access was removed.`,
    );
    this.setSubscription(subscription, { status: 'revoked', error: reason });
  }

  private setSubscription(
    subscription: EventSubSubscription,
    update: Omit<SubscriptionStatus, 'type'>,
  ): void {
    const type = this.typeBySubscriptionId.get(subscription.id);
    const entry = this.current.subscriptions?.find((candidate) => candidate.type === type);
    if (!entry) return;
    entry.status = update.status;
    if (update.error) entry.error = update.error;
    else delete entry.error;
    this.publishIfChanged();
  }

  private setState(state: EventSubState, detail?: string): void {
    if (state !== this.current.state) this.stateSince = Date.now();
    this.current.state = state;
    if (detail) this.current.detail = detail;
    else delete this.current.detail;
    this.publishIfChanged();
  }

  /** Pushes the status to SSE clients when something other than the last-message time changed. */
  private publishIfChanged(): void {
    const { lastMessageAt: _ignored, ...significant } = this.current;
    const text = JSON.stringify(significant);
    if (text === this.lastPublished) return;
    this.lastPublished = text;
    this.bus.publish({ type: 'status', data: { eventsub: structuredClone(this.current) } });
  }
}

function missingScopeMessage(type: TwitchEventType): string {
  return `${type} needs the scope ${EVENT_SCOPES[type]}, which the token lacks: sign in again with \`npm run auth\`.`;
}
