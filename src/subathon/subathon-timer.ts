import type {
  SubathonChange,
  SubathonData,
  SubathonSettings,
  SubathonState,
  SubTier,
} from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { bitsSpent } from '../eventsub/bits-spent.js';
import { countedByItsGift } from '../eventsub/gifted-subs.js';

/** The most time the clock holds, cap or no cap: 366 days (the settings' maximum, too). */
export const MAX_SUBATHON_SECONDS = 366 * 24 * 3600;
const MAX_MS = MAX_SUBATHON_SECONDS * 1000;

/** What a new timer adds per sub, gift, 100 bits and follow: a common subathon's rates. */
export const DEFAULT_SUBATHON_SETTINGS: Readonly<SubathonSettings> = {
  startSeconds: 3600,
  tier1Seconds: 60,
  tier2Seconds: 120,
  tier3Seconds: 300,
  giftedSubSeconds: null,
  resubSeconds: null,
  per100BitsSeconds: 12,
  followSeconds: 0,
  capSeconds: null,
};

/** An event as the timer reads it. */
export interface TimedEvent {
  readonly type: TwitchEventType;
  readonly data: Record<string, unknown>;
  readonly recovered?: boolean;
}

/** What an add asked for and what the clock took. */
export interface TimeAdded {
  readonly requestedMs: number;
  readonly addedMs: number;
  /** What the cap (or the clock's 366 days) kept out. */
  readonly cappedMs: number;
}

/** A timer action the timer's state does not allow, with what to do instead. */
export class SubathonActionError extends Error {
  override readonly name = 'SubathonActionError';
}

/**
 * The subathon timer: a countdown that events and the dashboard add time to, held by the service.
 * Its reading is kept as "so many milliseconds left at `anchorAt`"; while it runs, the time left at
 * any moment follows from the clock, so it needs no ticking — only `settle()` before each change,
 * which also notices when it has reached zero. Every change is one synchronous step, so an add
 * from the dashboard and one from an event at the same moment both count.
 */
export class SubathonTimer {
  private state: SubathonState = 'idle';
  private remainingMs: number;
  private elapsedMs = 0;
  private anchorAt: number;
  private lastChange: SubathonChange | null = null;
  private settings: SubathonSettings;

  /** `kept`: the timer as it was published last (before a restart), if it was. */
  constructor(
    private readonly now: () => number,
    kept?: SubathonData,
  ) {
    this.anchorAt = now();
    this.settings = { ...DEFAULT_SUBATHON_SETTINGS, ...kept?.settings };
    this.remainingMs = this.clamp(this.settings.startSeconds * 1000, 0);
    if (kept) {
      this.state = kept.state;
      this.remainingMs = kept.remainingMs;
      this.elapsedMs = kept.elapsedMs;
      this.lastChange = kept.lastChange ?? null;
      // Kept while running, it ran on while the service was down: the end is a time of day.
      this.anchorAt = Date.parse(kept.at);
      this.settle();
    }
  }

  /** The timer's latest reading (time left at `at`; while running, the end is what counts). */
  get data(): SubathonData {
    const running = this.state === 'running';
    const cap = this.capMs();
    return {
      state: this.state,
      remainingMs: this.remainingMs,
      endsAt: running ? new Date(this.anchorAt + this.remainingMs).toISOString() : null,
      elapsedMs: this.elapsedMs,
      at: new Date(this.anchorAt).toISOString(),
      capped: cap !== null && this.elapsedMs + this.remainingMs >= cap,
      lastChange: this.lastChange,
      settings: { ...this.settings },
    };
  }

  /** Milliseconds until it reaches zero while running; null when it is not running. */
  get msUntilEnd(): number | null {
    if (this.state !== 'running') return null;
    return Math.max(0, this.anchorAt + this.remainingMs - this.now());
  }

  /**
   * Brings the reading to now: a running timer has run since the last one, and ends at zero.
   * Returns whether it ended just now.
   */
  settle(): boolean {
    const now = this.now();
    if (this.state === 'running') {
      const ran = Math.max(0, now - this.anchorAt);
      const step = Math.min(ran, this.remainingMs);
      this.elapsedMs += step;
      this.remainingMs -= step;
      if (this.remainingMs === 0) {
        this.state = 'ended';
        this.anchorAt = now;
        return true;
      }
    }
    this.anchorAt = now;
    return false;
  }

  /** Starts the countdown (from idle) or resumes it (from paused); running already is fine. */
  resume(): void {
    this.settle();
    if (this.state === 'running') return;
    if (this.state === 'ended' || this.remainingMs === 0) {
      throw new SubathonActionError(
        'The subathon timer is at zero: add time to it, or reset it, before resuming.',
      );
    }
    this.state = 'running';
  }

  /** Stops the countdown until resumed (events still add time); not running already is fine. */
  pause(): void {
    this.settle();
    if (this.state === 'running') this.state = 'paused';
  }

  /** Back to the start time, not running; what ran and was added is forgotten. */
  reset(): void {
    this.settle();
    this.state = 'idle';
    this.elapsedMs = 0;
    this.remainingMs = 0;
    this.lastChange = null;
    this.remainingMs = this.clamp(this.settings.startSeconds * 1000, 0);
  }

  /**
   * Adds time from the dashboard, up to the cap. A timer that had ended is paused with the time
   * added (resume it to go on).
   */
  addFromDashboard(ms: number): TimeAdded {
    this.settle();
    const result = this.addUpToCap(ms);
    if (this.state === 'ended' && this.remainingMs > 0) this.state = 'paused';
    this.lastChange = {
      ms: result.addedMs,
      source: 'dashboard',
      ...capped(result),
      at: this.nowText(),
    };
    return result;
  }

  /** Takes time away (never below zero); a running timer taken to zero has ended. */
  removeFromDashboard(ms: number): TimeAdded {
    this.settle();
    const removed = Math.min(Math.round(ms), this.remainingMs);
    this.remainingMs -= removed;
    if (this.remainingMs === 0 && this.state === 'running') this.state = 'ended';
    this.lastChange = { ms: -removed, source: 'dashboard', at: this.nowText() };
    return { requestedMs: Math.round(ms), addedMs: -removed, cappedMs: 0 };
  }

  /**
   * Adds what an event is worth (the settings' rates) while the subathon runs or is paused;
   * nothing before it starts or after it ended. Returns what was added, or null for nothing.
   */
  addForEvent(event: TimedEvent, subscribedTypes: readonly TwitchEventType[]): TimeAdded | null {
    this.settle();
    if (this.state !== 'running' && this.state !== 'paused') return null;
    const worth = eventWorthMs(event, this.settings, subscribedTypes);
    if (worth <= 0) return null;
    const result = this.addUpToCap(worth);
    this.lastChange = {
      ms: result.addedMs,
      source: 'event',
      event: event.type,
      ...capped(result),
      at: this.nowText(),
    };
    return result;
  }

  /**
   * Changes some settings. A lower cap takes away the time past it at once; a new start time
   * sets the clock of a timer that has not started.
   */
  updateSettings(changes: Partial<SubathonSettings>): void {
    this.settle();
    const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
    this.settings = { ...this.settings, ...Object.fromEntries(defined) };
    if (this.state === 'idle' && changes.startSeconds !== undefined) {
      this.remainingMs = this.clamp(this.settings.startSeconds * 1000, 0);
    }
    const cap = this.capMs();
    if (cap !== null && this.elapsedMs + this.remainingMs > cap) {
      this.remainingMs = Math.max(0, cap - this.elapsedMs);
      if (this.remainingMs === 0 && this.state === 'running') this.state = 'ended';
    }
  }

  private addUpToCap(ms: number): TimeAdded {
    const requestedMs = Math.round(ms);
    const before = this.remainingMs;
    this.remainingMs = this.clamp(before + requestedMs, this.elapsedMs);
    const addedMs = this.remainingMs - before;
    return { requestedMs, addedMs, cappedMs: requestedMs - addedMs };
  }

  /** `ms` of time left, within the cap (given what already ran) and the clock's 366 days. */
  private clamp(ms: number, elapsedMs: number): number {
    const cap = this.capMs();
    const room = cap === null ? MAX_MS : Math.min(MAX_MS, Math.max(0, cap - elapsedMs));
    return Math.max(0, Math.min(Math.round(ms), room));
  }

  private nowText(): string {
    return new Date(this.anchorAt).toISOString();
  }

  private capMs(): number | null {
    return this.settings.capSeconds === null ? null : this.settings.capSeconds * 1000;
  }
}

/**
 * What an event adds, in milliseconds: a sub its tier's time; a resub the resub time (or its
 * tier's); each gifted sub the gifted-sub time (or its tier's); Bits (a cheer, a Power-up, a Combo)
 * bits / 100 times the time per 100 bits; a follow the follow time.
 * A gifted sub that its gift event already counted adds nothing (see `countedByItsGift`).
 */
export function eventWorthMs(
  event: TimedEvent,
  settings: SubathonSettings,
  subscribedTypes: readonly TwitchEventType[],
): number {
  const { data } = event;
  const tierSeconds = (tier: SubTier) =>
    tier === '3000'
      ? settings.tier3Seconds
      : tier === '2000'
        ? settings.tier2Seconds
        : settings.tier1Seconds;
  const giftedSeconds = (tier: SubTier) => settings.giftedSubSeconds ?? tierSeconds(tier);
  switch (event.type) {
    case 'channel.follow':
      return settings.followSeconds * 1000;
    case 'channel.subscribe':
      if (countedByItsGift(event, subscribedTypes)) return 0;
      return (
        (data.is_gift === true ? giftedSeconds(tierOf(data)) : tierSeconds(tierOf(data))) * 1000
      );
    case 'channel.subscription.message':
      return (settings.resubSeconds ?? tierSeconds(tierOf(data))) * 1000;
    case 'channel.subscription.gift':
      return count(data.total, 1) * giftedSeconds(tierOf(data)) * 1000;
    case 'channel.cheer':
    case 'channel.bits.use':
      return (bitsSpent(event.type, data) / 100) * settings.per100BitsSeconds * 1000;
    default:
      return 0;
  }
}

function tierOf(data: Record<string, unknown>): SubTier {
  return data.tier === '2000' || data.tier === '3000' ? data.tier : '1000';
}

function count(value: unknown, min: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(min, Math.floor(value))
    : min;
}

function capped(result: TimeAdded): { cappedMs?: number } {
  return result.cappedMs > 0 ? { cappedMs: result.cappedMs } : {};
}
