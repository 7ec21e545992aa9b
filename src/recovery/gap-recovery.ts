import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import {
  EVENT_NOUNS,
  type EventSubGap,
  type EventSubStatus,
  type RecoveryReport,
} from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { bitsSpent } from '../eventsub/bits-spent.js';
import { EventSubConnection } from '../eventsub/eventsub-connection.js';
import { TwitchEventIngest, type ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import { Leadership } from '../leadership/leadership.js';
import type { Projection, RestoreOccasion } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { TwitchSession } from '../twitch/twitch-session.js';
import { reconcileGap } from './gap-reconciler.js';
import { HelixGapReader } from './helix-gap-reader.js';
import { lostInAGap } from './not-in-helix.js';
import { gapAtTakeover } from './takeover-gap.js';
import { emptyRecoveryState, RecoveryStateStore, type RecoveryState } from './recovery-state.js';

/** How often the time EventSub was last receiving is written down (a crash loses at most this). */
const HEARTBEAT_MS = 10_000;

/** How many published events are checked for ones a recovery would repeat (after a restart). */
const RECENT_EVENTS_CHECKED = 1_000;

/**
 * Recovers what Twitch sent while EventSub was not receiving. EventSub is receiving from the moment
 * every subscription is created on a WebSocket session until that session drops; the service being
 * down is a gap too (the last moment it was receiving is written down every few seconds). When
 * receiving resumes after a gap, Helix is asked what happened meanwhile (see `reconcileGap`), and
 * each event found is published once, marked `recovered` with its gap — never one EventSub
 * delivered, before the gap or late. `report$` says what was recovered and what may be missing.
 *
 * Among several instances the leader recovers. The standby's EventSub receives too, but only the
 * leader's counts here: a standby that takes the lead while receiving lost nothing since its
 * session began, so only a time before that (the old leader had stopped receiving first) is a gap.
 */
@Injectable()
export class GapRecovery implements OnModuleInit, OnApplicationShutdown, Projection {
  readonly projection = 'gap-recovery';
  private readonly logger = new Logger('Recovery');
  private readonly reports = new Subject<RecoveryReport>();
  private state: RecoveryState = emptyRecoveryState();
  /** Whether EventSub is receiving while this instance leads. */
  private receiving = false;
  /** Since when EventSub has been receiving (ms), on the leader or the standby; null while not. */
  private receivingSince: number | null = null;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly subscriptions: Subscription[] = [];
  private running: Promise<void> = Promise.resolve();
  /** The live events delivered while a look at Helix is under way (see `recover`). */
  private notedDuringLook: ReceivedTwitchEvent[] | undefined;
  /** Why the last save failed, while saves fail: the warning is said once, not every 10 s. */
  private saveFailure: string | undefined;

  /** Each recovery as it starts and ends. */
  readonly report$: Observable<RecoveryReport> = this.reports.asObservable();

  constructor(
    private readonly eventSub: EventSubConnection,
    private readonly twitch: TwitchSession,
    private readonly ingest: TwitchEventIngest,
    private readonly bus: EventBus,
    private readonly reader: HelixGapReader,
    private readonly store: RecoveryStateStore,
    private readonly projections: ProjectionRunner,
    private readonly config: AppConfig,
    private readonly leadership: Leadership,
  ) {}

  onModuleInit(): void {
    // Restores the state first: EventSub's status may already say it is receiving.
    this.projections.register(this);
    this.subscriptions.push(
      this.eventSub.status$.subscribe((status) => this.statusChanged(status)),
    );
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
    // A clean stop is a gap too: it ends now.
    if (this.receiving) this.stopReceiving(Date.now());
  }

  /** Resolves when the recovery under way (if any) has finished: for tests and shutdown. */
  settled(): Promise<void> {
    return this.running;
  }

  private statusChanged(status: EventSubStatus): void {
    const receiving =
      status.state === 'connected' &&
      (status.subscriptions ?? []).every((entry) => entry.status !== 'pending');
    if (!receiving) this.receivingSince = null;
    else this.receivingSince ??= Date.now();
    if (this.leadership.role !== 'leader') {
      // The state is the leader's (shared among instances): a standby only notes since when.
      this.receiving = false;
      return;
    }
    if (receiving === this.receiving) return;
    if (!receiving) {
      // The last frame before the drop is the last moment anything could have arrived.
      const last = Date.parse(this.eventSub.status.lastMessageAt ?? '');
      this.stopReceiving(Number.isFinite(last) ? last : Date.now());
      return;
    }
    this.receiving = true;
    const gapStart = this.state.receivingUntil;
    const now = Date.now();
    this.state.receivingUntil = now;
    this.save();
    if (gapStart !== null && this.ingest.standbyReceivedSince(gapStart)) {
      // The standby's session received meanwhile, and what it received went out live: no gap. (A
      // look at Helix now would also count the cheers still on their way as missed.)
      this.logger.log(
        `EventSub was not receiving from ${new Date(gapStart).toISOString()} to ${new Date(now).toISOString()}, but the standby's session was: nothing to recover.`,
      );
      return;
    }
    this.running = this.running.then(() =>
      this.recover(gapStart === null ? null : { start: new Date(gapStart), end: new Date(now) }),
    );
  }

  private stopReceiving(at: number): void {
    this.receiving = false;
    this.state.receivingUntil = Math.max(this.state.receivingUntil ?? 0, at);
    this.save();
  }

  /** While receiving, writes down that it still is (the start of the next gap, should one come). */
  private beat(): void {
    if (!this.receiving) return;
    this.state.receivingUntil = Date.now();
    this.save();
  }

  /** Each event received keeps what the next recovery compares against in step (`noteLiveEvent`). */
  apply(event: ReceivedTwitchEvent): void {
    this.noteLiveEvent(event);
  }

  /**
   * Starts from the state kept: this instance's own before a restart, or, for an instance that
   * takes the lead, where the last leader stopped receiving.
   */
  restore(occasion: RestoreOccasion): void {
    if (occasion === 'start') {
      if (!this.receiving) this.state = this.store.load();
      return;
    }
    this.state = this.store.load();
    this.catchUp();
    const since = this.receivingSince;
    if (since === null) return; // not receiving yet: the gap ends when it is
    // The standby takes the lead with its EventSub session receiving since `since`: only a time
    // before that, after the old leader stopped receiving, is a gap (see `gapAtTakeover`).
    // Without one, a look at Helix only takes a fresh baseline.
    const gap = gapAtTakeover(this.state, since, this.ingest.leaderReceivedSinceJoin);
    this.receiving = true;
    this.state.receivingUntil = Date.now();
    this.save();
    this.running = this.running.then(() => this.recover(gap));
  }

  /** Keeps the known subscribers, bits and live state in step with what EventSub delivers. */
  private noteLiveEvent(event: ReceivedTwitchEvent): void {
    const { type, data, recovered } = event;
    if (recovered) return;
    this.notedDuringLook?.push(event);
    const userId = typeof data.user_id === 'string' ? data.user_id : undefined;
    const subscribes = isSubscription(type);
    const bits = bitsSpent(type, data);
    if (subscribes && userId && this.state.subscribers) {
      if (!this.state.subscribers.includes(userId)) this.state.subscribers.push(userId);
    } else if (bits > 0 && userId && this.state.bits && data.is_anonymous !== true) {
      // Cheers, Power-ups and Combos all count on the leaderboard the next recovery compares.
      this.state.bits[userId] = (this.state.bits[userId] ?? 0) + bits;
    } else if (type === 'stream.online') {
      this.state.live = true;
    } else if (type === 'stream.offline') {
      this.state.live = false;
    }
  }

  /** Looks at Helix after `gap` (null: the first look, a baseline only) and publishes what it finds. */
  private async recover(gap: { start: Date; end: Date } | null): Promise<void> {
    const twitch = this.twitch.current;
    if (twitch.state !== 'ok') return;
    const session = twitch.session;
    const window: EventSubGap | null = gap
      ? { start: gap.start.toISOString(), end: gap.end.toISOString() }
      : null;
    if (window) this.reports.next({ ...window, state: 'recovering', recovered: {}, missing: [] });
    try {
      const noted: ReceivedTwitchEvent[] = [];
      this.notedDuringLook = noted;
      let found: Awaited<ReturnType<typeof reconcileGap>>;
      try {
        found = await reconcileGap(this.reader, session, gap?.start ?? null, this.state);
      } finally {
        this.notedDuringLook = undefined;
      }
      found.missing.push(...lostInAGap(this.config.eventSubEvents));
      this.state = { ...found.state, receivingUntil: this.state.receivingUntil };
      // A sub delivered live while Helix was read must not be lost with the old state, or it would
      // come back as "recovered" after the next gap. (Bits are not noted again: the leaderboard
      // read may already count them, and counting twice would hide a later cheer.)
      for (const event of noted) if (isSubscription(event.type)) this.noteLiveEvent(event);
      this.save();
      if (!window) {
        this.logger.log('Took a baseline of followers, subscribers and bits for gap recovery.');
        return;
      }
      this.rememberPublished();
      const recovered: Partial<Record<TwitchEventType, number>> = {};
      for (const event of found.events) {
        if (this.ingest.receiveRecovered(event.type, event.data, window))
          recovered[event.type] = (recovered[event.type] ?? 0) + 1;
      }
      const count = Object.values(recovered).reduce((sum, n) => sum + (n ?? 0), 0);
      this.logger.log(
        `EventSub was not receiving from ${window.start} to ${window.end}; recovered ${count} ${count === 1 ? 'event' : 'events'} through Helix${count ? ` (${describeCounts(recovered)})` : ''}. Cannot be recovered: ${found.missing.join('; ')}.`,
      );
      this.reports.next({ ...window, state: 'done', recovered, missing: found.missing });
    } catch (error) {
      const detail = `Could not ask Helix what happened while EventSub was away: ${describeTwitchError(error)}`;
      this.logger.warn(detail);
      if (window)
        this.reports.next({ ...window, state: 'failed', recovered: {}, missing: [], detail });
    }
  }

  /**
   * Tells the de-duplication what was already published, so a recovery after a restart (whose
   * memory of identities is gone) does not publish a follow again that went out just before.
   */
  private rememberPublished(): void {
    for (const published of this.bus.recentEvents(RECENT_EVENTS_CHECKED)) {
      const { message } = published;
      if (message.type === 'event' && !message.test && message.replayOf === undefined)
        this.ingest.rememberPublished(message.event, message.data);
    }
  }

  /** Keeps the state; a failure is logged once until saving works again (and said when it does). */
  /**
   * Brings a state the last leader saved up to date with the live events it logged afterwards
   * (it saves every few seconds): what they moved would otherwise look missed to the next look.
   */
  private catchUp(): void {
    const savedAt = this.state.savedAt;
    if (savedAt === undefined) return;
    for (const published of this.bus.recentEvents(RECENT_EVENTS_CHECKED)) {
      const { message } = published;
      if (message.type !== 'event' || message.test || message.recovered) continue;
      if (message.replayOf !== undefined || !(Date.parse(message.sentAt ?? '') > savedAt)) continue;
      this.noteLiveEvent({ type: message.event, data: message.data, publishedId: published.id });
    }
  }

  private save(): void {
    this.state.receiving = this.receiving;
    this.state.savedAt = Date.now();
    try {
      this.store.save(this.state);
    } catch (error) {
      const reason = (error as Error).message;
      if (this.saveFailure === undefined) {
        this.logger.warn(
          `Could not write the gap recovery state: ${reason}. Free some disk space, or check that DATA_DIR is writable; until then a restart recovers from an older state. Said once until it works again.`,
        );
      }
      this.saveFailure = reason;
      return;
    }
    if (this.saveFailure !== undefined) {
      this.logger.log('The gap recovery state is written again.');
      this.saveFailure = undefined;
    }
  }
}

/** A new sub or a resub: the viewer is a subscriber now. */
function isSubscription(type: TwitchEventType): boolean {
  return type === 'channel.subscribe' || type === 'channel.subscription.message';
}

/** "3 follows (channel.follow), 1 sub (channel.subscribe)": words for the streamer, types to grep. */
function describeCounts(counts: Partial<Record<TwitchEventType, number>>): string {
  return Object.entries(counts)
    .map(([type, n = 0]) => {
      const [one, many] = EVENT_NOUNS[type as TwitchEventType] ?? [type, type];
      return `${n} ${n === 1 ? one : many} (${type})`;
    })
    .join(', ');
}
