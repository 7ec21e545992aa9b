import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import type { PollStatus } from '../contract/sse-contract.js';
import type { ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import { TwitchSession, type ActiveTwitchSession } from '../twitch/twitch-session.js';
import { ChannelStats } from './channel-stats.js';
import { HelixChannelReader, type ChannelReading } from './helix-channel-reader.js';
import { HelixCharityReader } from './helix-charity-reader.js';
import { HelixGoalReader } from './helix-goal-reader.js';

/** A good poll's reading and when it was taken. */
export interface PolledReading {
  readonly reading: ChannelReading;
  readonly polledAt: Date;
}

const INTERVAL_NAME = 'helix-stats-poll';
/** After `stream.online`, Helix lists the stream a little later; look again after this long. */
const REPOLL_AFTER_ONLINE_MS = 5_000;
/**
 * A poll still running after this long marks the numbers stale. Twurple waits out a spent rate limit
 * (429) by itself until `Ratelimit-Reset`, so a rate-limited poll shows up here as a slow one.
 */
const SLOW_POLL_MS = 5_000;
/** The longest a run of failures pushes the next poll back. */
const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Polls Helix for the channel's numbers on a `@nestjs/schedule` interval (`STATS_POLL_INTERVAL`),
 * once for every client, starting as soon as a Twitch session is ready. Failures keep the last good
 * numbers (marked stale) and push the next poll back, doubling each time, and never earlier than
 * Twitch's `Ratelimit-Reset` after a 429.
 */
@Injectable()
export class StatsPoller implements OnModuleInit, OnApplicationShutdown, Projection {
  readonly projection = 'stats-poll';
  private readonly logger = new Logger('StatsPoller');
  private session: ActiveTwitchSession | undefined;
  private inFlight: Promise<void> | undefined;
  private polls = 0;
  private lastDurationMs: number | null = null;
  private failures = 0;
  private notBefore = 0;
  private repollTimer: NodeJS.Timeout | undefined;
  private subscriptions: Subscription[] = [];
  private readonly current: PollStatus = { lastPollAt: null, ok: false, nextPollAt: null };
  private readonly statusSubject = new Subject<PollStatus>();
  private readonly readingSubject = new Subject<PolledReading>();

  /** The poller's status each time it is set (after every poll, and when the session is lost). */
  readonly status$: Observable<PollStatus> = this.statusSubject.asObservable();

  /** Each good poll's reading, after the numbers took it (the streams keep its viewers). */
  readonly readings$: Observable<PolledReading> = this.readingSubject.asObservable();

  constructor(
    private readonly config: AppConfig,
    private readonly twitch: TwitchSession,
    private readonly reader: HelixChannelReader,
    private readonly stats: ChannelStats,
    private readonly scheduler: SchedulerRegistry,
    private readonly projections: ProjectionRunner,
    private readonly goals: HelixGoalReader,
    private readonly charity: HelixCharityReader,
  ) {}

  /** The poller's state as `/api/health` shows it (and how long the last poll took). */
  get status(): PollStatus & { failures: number; polls: number; lastDurationMs: number | null } {
    return {
      ...this.current,
      failures: this.failures,
      polls: this.polls,
      lastDurationMs: this.lastDurationMs,
    };
  }

  onModuleInit(): void {
    const everyMs = this.config.statsPollSeconds * 1000;
    const timer = setInterval(() => void this.tick(), everyMs);
    timer.unref();
    this.scheduler.addInterval(INTERVAL_NAME, timer);
    this.subscriptions.push(
      this.twitch.state$.subscribe((state) => {
        if (state.state === 'ok') {
          this.session = state.session;
          this.failures = 0;
          this.notBefore = 0;
          void this.pollNow(); // first poll at start-up and after each sign-in
          void this.readGoals(state.session);
          void this.readCharity(state.session);
        } else if (state.state !== 'connecting') {
          this.session = undefined;
          this.stats.markStale('detail' in state ? state.detail : 'Not connected to Twitch.');
          this.setStatus({
            ok: false,
            error: 'detail' in state ? state.detail : 'Not connected to Twitch.',
          });
        }
      }),
    );
    this.projections.register(this);
  }

  /** The stream went live: poll again soon for its title, game and first viewers. */
  apply(event: ReceivedTwitchEvent): void {
    if (event.type === 'stream.online') this.repollSoon();
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME))
      this.scheduler.deleteInterval(INTERVAL_NAME);
    clearTimeout(this.repollTimer);
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  /** Polls now unless a poll is already running (then waits for that one). */
  pollNow(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const session = this.session;
    if (!session) return Promise.resolve();
    const slow = setTimeout(() => {
      if (this.session === session) this.stats.markStale(this.slowReason());
    }, SLOW_POLL_MS);
    slow.unref();
    this.inFlight = this.poll(session).finally(() => {
      clearTimeout(slow);
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async tick(): Promise<void> {
    if (this.inFlight) return; // one poll at a time, however slow Helix is
    if (Date.now() < this.notBefore) return; // backing off
    await this.pollNow();
  }

  private async poll(session: ActiveTwitchSession): Promise<void> {
    const started = performance.now();
    try {
      const reading = await this.reader.read(session);
      this.lastDurationMs = performance.now() - started;
      this.polls++;
      if (this.session !== session) return; // signed out meanwhile
      const now = new Date();
      this.failures = 0;
      this.notBefore = 0;
      this.stats.applyReading(reading, now);
      this.setStatus({ ok: true, lastPollAt: now.toISOString() });
      this.readingSubject.next({ reading, polledAt: now });
    } catch (error) {
      this.lastDurationMs = performance.now() - started;
      this.polls++;
      if (this.session !== session) return;
      this.failures++;
      const message = describeTwitchError(error);
      const backoffMs = Math.min(
        this.config.statsPollSeconds * 1000 * 2 ** (this.failures - 1),
        MAX_BACKOFF_MS,
      );
      const resetAt = rateLimitReset(error, session);
      this.notBefore = Math.max(Date.now() + backoffMs - 1000, resetAt ?? 0);
      this.logger.warn(
        `Helix poll failed (${message}); keeping the last numbers, next poll not before ${new Date(this.notBefore).toISOString()}.`,
      );
      this.stats.markStale(message);
      this.setStatus({ ok: false, error: message });
    }
  }

  /**
   * Reads the creator goals running now, once per session, when goal events are subscribed to:
   * after that, the goal events keep them current.
   */
  private async readGoals(session: ActiveTwitchSession): Promise<void> {
    if (!this.config.eventSubEvents.some((type) => type.startsWith('channel.goal.'))) return;
    try {
      const goals = await this.goals.read(session);
      if (goals && this.session === session) this.stats.applyHelixGoals(goals);
    } catch (error) {
      this.logger.warn(
        `Could not read the channel's creator goals from Helix (${describeTwitchError(error)}); a goal bar shows them from the next goal event.`,
      );
    }
  }

  /**
   * Reads the charity campaign running now, once per session, when charity campaign events are
   * subscribed to (they keep it current after that) and the token has `channel:read:charity`.
   */
  private async readCharity(session: ActiveTwitchSession): Promise<void> {
    if (!this.config.eventSubEvents.some((type) => type.startsWith('channel.charity_campaign.'))) {
      return;
    }
    try {
      const campaign = await this.charity.read(session);
      if (campaign !== undefined && this.session === session)
        this.stats.applyHelixCharity(campaign);
    } catch (error) {
      this.logger.warn(
        `Could not read the channel's charity campaign from Helix (${describeTwitchError(error)}); a charity goal bar shows it from the next campaign event.`,
      );
    }
  }

  private repollSoon(): void {
    clearTimeout(this.repollTimer);
    this.repollTimer = setTimeout(() => void this.pollNow(), REPOLL_AFTER_ONLINE_MS);
    this.repollTimer.unref();
  }

  private slowReason(): string {
    const session = this.session;
    const stats = session?.apiClient.rateLimitOf(session.userId);
    const reset = stats?.lastKnownResetDate;
    if (stats?.lastKnownRemainingRequests === 0 && reset && reset.getTime() > Date.now()) {
      return `Twitch's rate limit is spent until ${reset.toISOString()}; waiting for it.`;
    }
    return "Helix is slow to answer (or Twitch's rate limit is spent); waiting for it.";
  }

  private setStatus(update: Partial<PollStatus>): void {
    Object.assign(this.current, update);
    if (update.ok) delete this.current.error;
    const next =
      this.notBefore > Date.now()
        ? this.notBefore
        : Date.now() + this.config.statsPollSeconds * 1000;
    this.current.nextPollAt = new Date(next).toISOString();
    this.statusSubject.next({ ...this.current });
  }
}

/** When Twitch said the rate limit resets, after a 429. */
function rateLimitReset(error: unknown, session: ActiveTwitchSession): number | undefined {
  if ((error as { statusCode?: number }).statusCode !== 429) return undefined;
  return session.apiClient.rateLimitOf(session.userId)?.lastKnownResetDate?.getTime();
}
