import { Logger } from '@nestjs/common';
import { systemClock, type CancelTimer, type Clock } from './clock.js';
import type { EventSubStatusModel } from './eventsub-status.js';

/** What the supervisor restarts: Twurple's listener. */
export interface RestartableListener {
  start(): void;
  stop(): void;
}

/**
 * When the watchdog restarts the listener: a subscription still not created `pendingMs` after the
 * welcome, or no welcome for `unconnectedMs`. It looks every `everyMs`.
 */
export interface WatchdogTimings {
  everyMs: number;
  pendingMs: number;
  unconnectedMs: number;
}

/** `count` drops within `windowMs` make the supervisor stop the listener for `pauseMs`. */
export interface DropStormTimings {
  count: number;
  windowMs: number;
  pauseMs: number;
}

/** The watchdog's timings in service. */
export const WATCHDOG_TIMINGS: Readonly<WatchdogTimings> = {
  everyMs: 5_000,
  pendingMs: 20_000,
  unconnectedMs: 60_000,
};

/** The drop-storm back-off's timings in service. */
export const DROP_STORM_TIMINGS: Readonly<DropStormTimings> = {
  count: 10,
  windowMs: 60_000,
  pauseMs: 30_000,
};

/** How a supervisor keeps time; every timing defaults to the one in service. */
export interface ReconnectSupervisorOptions {
  clock?: Clock;
  watchdog?: Partial<WatchdogTimings>;
  dropStorm?: Partial<DropStormTimings>;
}

/**
 * Gets a stuck EventSub listener going again, and stops one that Twitch keeps closing on.
 *
 * Twurple reconnects by itself, but it can end up connected with nothing subscribed after a
 * keepalive timeout during a `session_reconnect`, and it gives up after three failed first
 * connects: the watchdog restarts the listener in both cases. When Twitch closes the connection
 * again and again, reconnecting at once only hammers it: the back-off stops the listener for a
 * while instead. Both read and set the state in the `EventSubStatusModel`.
 */
export class ReconnectSupervisor {
  private readonly logger = new Logger('EventSub');
  private readonly clock: Clock;
  private readonly watchdog: Readonly<WatchdogTimings>;
  private readonly dropStorm: Readonly<DropStormTimings>;
  private listener: RestartableListener | undefined;
  private cancelWatchdog: CancelTimer | undefined;
  /** Cancels the pending pause, or the end of the current one. */
  private cancelPause: CancelTimer | undefined;
  private recentDrops: number[] = [];
  private pausedNow = false;
  /** When the watchdog last restarted the listener: it gives each restart its full time. */
  private restartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly status: EventSubStatusModel,
    options: ReconnectSupervisorOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.watchdog = { ...WATCHDOG_TIMINGS, ...options.watchdog };
    this.dropStorm = { ...DROP_STORM_TIMINGS, ...options.dropStorm };
  }

  /** True while the listener is stopped after a storm of drops (its disconnects are our own). */
  get paused(): boolean {
    return this.pausedNow;
  }

  /** Watches `listener` from now on, instead of any earlier one. */
  supervise(listener: RestartableListener): void {
    this.stop();
    this.listener = listener;
    this.cancelWatchdog = this.clock.setInterval(() => this.watch(listener), this.watchdog.everyMs);
  }

  /** Counts a drop of the supervised listener; after a storm of them, pauses it. */
  dropped(): void {
    const listener = this.listener;
    if (!listener || this.pausedNow) return;
    const now = this.clock.now();
    const { count, windowMs, pauseMs } = this.dropStorm;
    this.recentDrops = [...this.recentDrops.filter((at) => now - at < windowMs), now];
    if (this.recentDrops.length < count) return;
    this.recentDrops = [];
    this.logger.error(
      `EventSub dropped ${count} times within ${windowMs / 1000} s; pausing ${pauseMs / 1000} s before reconnecting.`,
    );
    // Deferred: Twurple is still inside its disconnect handling and is about to reconnect.
    this.cancelPause = this.clock.setTimeout(() => {
      if (this.listener !== listener) return;
      this.pausedNow = true;
      listener.stop();
      this.status.setState(
        'down',
        `Twitch keeps closing the connection; retrying in ${pauseMs / 1000} s.`,
      );
      this.cancelPause = this.clock.setTimeout(() => {
        if (this.listener !== listener) return;
        this.pausedNow = false;
        this.status.setState('reconnecting');
        listener.start();
      }, pauseMs);
    }, 0);
  }

  /** Stops watching: cancels the watchdog and any pause, and forgets the listener and its drops. */
  stop(): void {
    this.cancelPause?.();
    this.cancelPause = undefined;
    this.cancelWatchdog?.();
    this.cancelWatchdog = undefined;
    this.pausedNow = false;
    this.listener = undefined;
    this.recentDrops = [];
    this.restartedAt = Number.NEGATIVE_INFINITY;
  }

  /** Restarts a listener that is stuck: connected with subscriptions missing, or not connecting. */
  private watch(listener: RestartableListener): void {
    if (this.listener !== listener || this.pausedNow) return;
    const stuckFor = this.clock.now() - Math.max(this.status.stateSince, this.restartedAt);
    const { state } = this.status;
    const stuck =
      (state === 'connected' &&
        this.status.hasSubscriptionsToCreate &&
        stuckFor > this.watchdog.pendingMs) ||
      ((state === 'starting' || state === 'reconnecting') &&
        stuckFor > this.watchdog.unconnectedMs);
    if (!stuck) return;
    this.logger.warn(
      state === 'connected'
        ? 'EventSub is connected but some subscriptions were never created; reconnecting to create them.'
        : `EventSub has not connected for ${Math.round(stuckFor / 1000)} s; starting over.`,
    );
    this.restartedAt = this.clock.now();
    listener.stop();
    this.status.setState('reconnecting');
    listener.start();
  }
}
