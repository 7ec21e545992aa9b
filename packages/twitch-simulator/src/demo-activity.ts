import { DemoChat } from './demo-chat.js';
import { VIEWER_NAMES } from './demo-material.js';
import { DemoMoments } from './demo-moments.js';
import { DemoSequences } from './demo-sequences.js';
import type { DemoStage } from './demo-stage.js';
import { DemoSupporters } from './demo-supporters.js';
import {
  DEFAULT_DEMO_TIMINGS,
  type DemoActivityKind,
  type DemoTiming,
  type DemoTimings,
} from './demo-timings.js';
import type { SimulatedEventType } from './event-types.js';
import type { SimulatedTrigger, TriggerResult } from './simulator-types.js';
import type { TwitchSimulator } from './twitch-simulator.js';

/** How the demo can be tuned (tests make it fast and predictable). */
export interface DemoActivityOptions {
  /** Faster or slower timings; unspecified ones keep their defaults. */
  readonly timings?: Partial<DemoTimings>;
  /** A source of numbers in [0, 1) (default Math.random). */
  readonly random?: () => number;
  /** The channel (login or id; default: the simulator's broadcaster). */
  readonly broadcaster?: string;
  /** Where failures are reported (none by default). */
  readonly log?: (message: string) => void;
}

/**
 * Drives a simulator on timers so a stream looks alive in demo mode: it goes online, then a trickle
 * of follows, subs, resubs and cheers (and Power-ups when `channel.bits.use` is subscribed), a gift
 * bomb, a raid, and viewer counts that move; channel points
 * redemptions, a follower goal, now and then a hype train, a poll and a prediction, ad breaks,
 * shoutouts both ways and donations to a charity campaign; a lively chat (see `DemoChat`); until
 * stopped.
 * Every happening goes through `TwitchSimulator.trigger`, so it reaches the service over EventSub.
 * This class keeps the schedule and the channel's own state (going live, its viewers, the follower
 * goal); its parts play the rest (`DemoSupporters`, `DemoChat`, `DemoMoments`, `DemoSequences`).
 */
export class DemoActivity {
  private readonly timings: DemoTimings;
  private readonly random: () => number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly happened: Record<DemoActivityKind, number> = {
    online: 0,
    follow: 0,
    subscribe: 0,
    resub: 0,
    cheer: 0,
    powerUp: 0,
    giftBomb: 0,
    raid: 0,
    viewers: 0,
    redemption: 0,
    goal: 0,
    hypeTrain: 0,
    poll: 0,
    prediction: 0,
    adBreak: 0,
    shoutout: 0,
    charity: 0,
    chat: 0,
    chatModeration: 0,
    chatNotice: 0,
  };
  /** What the parts use of this demo: its chance, names, clock and triggers. */
  private readonly stage: DemoStage = {
    trigger: (kind, type, options) => this.trigger(kind, type, options),
    random: () => this.random(),
    pick: (items) => this.pick(items),
    between: (min, max) => this.between(min, max),
    viewerName: () => this.viewerName(),
    now: () => Date.now(),
    after: (ms, action) => this.once(ms, action),
  };
  private readonly chat = new DemoChat(this.stage);
  private readonly supporters = new DemoSupporters(this.stage, this.chat, () =>
    this.bitsUseWatched(),
  );
  private readonly moments = new DemoMoments(this.stage);
  private readonly sequences: DemoSequences;
  /** The follower goal's target while one runs. */
  private goalTarget: number | null = null;
  private nextViewer = 0;
  private active = false;

  constructor(
    private readonly simulator: TwitchSimulator,
    private readonly options: DemoActivityOptions = {},
  ) {
    this.timings = { ...DEFAULT_DEMO_TIMINGS, ...options.timings };
    this.random = options.random ?? Math.random;
    this.sequences = new DemoSequences(this.stage, this.timings.stepMs);
  }

  /** Whether the demo is playing. */
  get running(): boolean {
    return this.active;
  }

  /** How many times each kind of activity has happened since construction. */
  get counts(): Readonly<Record<DemoActivityKind, number>> {
    return { ...this.happened };
  }

  /** Starts playing (no-op when already playing). */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.once(this.timings.goLiveAfterMs, () => this.goLive());
    this.repeat(this.timings.follow, () => this.supporters.follow());
    this.repeat(this.timings.subscribe, () => this.supporters.subscribe());
    this.repeat(this.timings.resub, () => this.supporters.resub());
    this.repeat(this.timings.cheer, () => this.supporters.cheer());
    this.repeat(this.timings.powerUp, () => this.supporters.powerUp());
    this.repeat(this.timings.giftBomb, () => this.supporters.giftBomb());
    this.repeat(this.timings.raid, () => this.supporters.raid());
    this.repeat(this.timings.viewers, () => this.driftViewers());
    this.repeat(this.timings.redemption, () => this.supporters.redeem());
    this.repeat(this.timings.goal, () => this.followerGoal());
    this.repeat(this.timings.hypeTrain, () => this.sequences.hypeTrain());
    this.repeat(this.timings.poll, () => this.sequences.poll());
    this.repeat(this.timings.prediction, () => this.sequences.prediction());
    this.repeat(this.timings.adBreak, () => this.moments.adBreak());
    this.repeat(this.timings.shoutout, () => this.moments.shoutout());
    this.repeat(this.timings.charity, () => this.moments.donate());
    this.repeat(this.timings.chat, () => this.chat.say());
    this.repeat(this.timings.chatModeration, () => this.chat.moderate());
    this.repeat(this.timings.chatNotice, () => this.chat.notice());
  }

  /** Stops playing; nothing more happens until `start`. */
  stop(): void {
    this.active = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private goLive(): void {
    if (this.simulator.channel(this.options.broadcaster).live) return;
    this.trigger('online', 'stream.online', {
      viewers: 12 + this.between(0, 20),
      title: 'Building stream alerts live (demo mode)',
      game: 'Software and Game Development',
    });
  }

  /** Whether a subscription to `channel.bits.use` of this channel would see a Power-up. */
  private bitsUseWatched(): boolean {
    const broadcasterId = this.simulator.channel(this.options.broadcaster).broadcasterId;
    return this.simulator
      .subscriptions({ status: 'enabled', type: 'channel.bits.use' })
      .some(
        (sub) => (sub.condition as Record<string, string>).broadcaster_user_id === broadcasterId,
      );
  }

  /** Keeps a follower goal running: a new one (ten more followers) once the last was reached. */
  private followerGoal(): void {
    const followers = this.simulator.channel(this.options.broadcaster).followers;
    if (this.goalTarget !== null && followers < this.goalTarget) return;
    if (this.goalTarget !== null) {
      this.trigger('goal', 'channel.goal.end', { goalType: 'follower' });
    }
    this.goalTarget = followers + 10;
    this.trigger('goal', 'channel.goal.begin', {
      goalType: 'follower',
      target: this.goalTarget,
      description: 'Ten more followers',
    });
  }

  private driftViewers(): void {
    const channel = this.simulator.channel(this.options.broadcaster);
    if (!channel.live) return;
    const next = Math.max(1, channel.viewers + this.between(-3, 5));
    this.simulator.setViewerCount(next, this.options.broadcaster);
    this.happened.viewers++;
  }

  private trigger(
    kind: DemoActivityKind,
    type: SimulatedEventType,
    options: SimulatedTrigger,
  ): TriggerResult | undefined {
    try {
      const result = this.simulator.trigger(type, {
        broadcaster: this.options.broadcaster,
        ...options,
      });
      this.happened[kind]++;
      return result;
    } catch (error) {
      this.options.log?.(`Demo activity: ${type} failed: ${String(error)}`);
      return undefined;
    }
  }

  /** A viewer name not used before in this demo, so every follow is a new follower. */
  private viewerName(): string {
    const index = this.nextViewer++;
    const base = VIEWER_NAMES[index % VIEWER_NAMES.length];
    const round = Math.floor(index / VIEWER_NAMES.length);
    return round === 0 ? base : `${base}_${round + 1}`;
  }

  private once(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.active) action();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private repeat(timing: DemoTiming, action: () => void): void {
    const next = (delay: number): void =>
      this.once(delay, () => {
        action();
        next(this.between(timing.everyMs[0], timing.everyMs[1]));
      });
    next(timing.firstAfterMs);
  }

  /** A whole number in [min, max]. */
  private between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}
