import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { NotTheLeaderError } from '../leadership/leadership.js';
import { AppConfig } from '../config/app-config.js';
import type { SubathonData, SubathonMessage, SubathonSettings } from '../contract/sse-contract.js';
import { systemClock, type CancelTimer, type Clock } from '../eventsub/clock.js';
import type { ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { SubathonTimer, type TimeAdded } from './subathon-timer.js';

/** The injection token of the clock the subathon timer runs on (the system's by default). */
export const SUBATHON_CLOCK = Symbol('SubathonClock');

/**
 * The longest single wait for the timer's end. Node runs a longer `setTimeout` (past about 24.8
 * days) at once, and the clock can hold 366 days: a long wait is taken in steps.
 */
const LONGEST_WAIT_MS = 3_600_000;

/**
 * The subathon timer as the service runs it: one `SubathonTimer`, moved by the events received
 * from Twitch (live and recovered — each once, as the ingest publishes each once) and by the
 * dashboard's admin routes, and set as the bus's `subathon` state after every change. The event
 * log keeps that state, so a reload, a second widget and a restart of the service show the same
 * time; a timer that was running when the service stopped ran on meanwhile (its end is a time of
 * day).
 */
@Injectable()
export class SubathonCountdown implements OnModuleInit, OnModuleDestroy, Projection {
  readonly projection = 'subathon';
  private readonly logger = new Logger('Subathon');
  private timer!: SubathonTimer;
  private cancelEndWatch: CancelTimer | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
    private readonly projections: ProjectionRunner,
    @Optional() @Inject(SUBATHON_CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  onModuleInit(): void {
    this.projections.register(this);
  }

  onModuleDestroy(): void {
    this.cancelEndWatch?.();
  }

  /** An event received from Twitch adds the time its settings give it. */
  apply(event: ReceivedTwitchEvent): void {
    const added = this.timer.addForEvent(event, this.config.eventSubEvents);
    if (added || this.timer.settle()) this.publish();
  }

  /** Goes on from the timer the event log kept (before a restart, or by the last leader). */
  restore(): void {
    this.restoreKept();
  }

  /**
   * The timer's latest reading. An instance that does not lead (REDIS_URL) shows the leader's, as
   * it was last published: its own timer is only where a new leader goes on from.
   */
  get data(): SubathonData {
    if (!this.bus.publishing) {
      const published = this.bus.snapshot('subathon')?.message;
      if (published?.type === 'subathon') return published.data;
    }
    return this.timer.data;
  }

  /** Starts or resumes the countdown. */
  resume(): SubathonData {
    return this.change(() => this.timer.resume());
  }

  /** Pauses the countdown. */
  pause(): SubathonData {
    return this.change(() => this.timer.pause());
  }

  /** Back to the start time, not running. */
  reset(): SubathonData {
    return this.change(() => this.timer.reset());
  }

  /** Adds `seconds`, up to the cap. */
  add(seconds: number): { data: SubathonData; change: TimeAdded } {
    let change!: TimeAdded;
    const data = this.change(() => (change = this.timer.addFromDashboard(seconds * 1000)));
    return { data, change };
  }

  /** Takes `seconds` away, never below zero. */
  remove(seconds: number): { data: SubathonData; change: TimeAdded } {
    let change!: TimeAdded;
    const data = this.change(() => (change = this.timer.removeFromDashboard(seconds * 1000)));
    return { data, change };
  }

  /** Changes some settings. */
  updateSettings(settings: Partial<SubathonSettings>): SubathonData {
    return this.change(() => this.timer.updateSettings(settings));
  }

  private change(action: () => void): SubathonData {
    if (!this.bus.publishing) throw new NotTheLeaderError('the subathon timer');
    action();
    this.publish();
    return this.timer.data;
  }

  /** The timer as the event log kept it (before a restart, or by the last leader), or a new one. */
  private restoreKept(): void {
    const kept = this.bus.snapshot('subathon')?.message;
    this.timer = new SubathonTimer(
      () => this.clock.now(),
      kept?.type === 'subathon' ? kept.data : undefined,
    );
    if (
      kept?.type === 'subathon' &&
      kept.data.state === 'running' &&
      this.timer.data.state === 'ended'
    ) {
      this.logger.log('The subathon timer reached zero while the service was stopped.');
    }
    this.publish();
  }

  /** Sets the `subathon` state (when it changed), and watches for the end of a running timer. */
  private publish(): void {
    const message: SubathonMessage = { type: 'subathon', data: this.timer.data };
    this.bus.setState('subathon', message, significantSubathon);
    this.watchForEnd();
  }

  private watchForEnd(): void {
    this.cancelEndWatch?.();
    this.cancelEndWatch = undefined;
    const left = this.timer.msUntilEnd;
    if (left === null) return;
    this.cancelEndWatch = this.clock.setTimeout(
      () => {
        if (this.timer.settle()) this.publish();
        else this.watchForEnd();
      },
      Math.min(left, LONGEST_WAIT_MS),
    );
  }
}

/**
 * What makes a new reading news: not the reading's time, and while running not the time left at
 * it either (the end time says it all), so settling a running timer publishes nothing.
 */
function significantSubathon({ data }: SubathonMessage): unknown {
  const { at: _at, remainingMs, elapsedMs, ...rest } = data;
  return data.state === 'running' ? rest : { ...rest, remainingMs, elapsedMs };
}
