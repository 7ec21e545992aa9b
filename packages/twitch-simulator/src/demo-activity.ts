import type { SimulatedEventType } from './event-types.js';
import type { SimulatedTrigger, TriggerResult } from './simulator-types.js';
import {
  CHEER_MESSAGES,
  EFFECT_MESSAGES,
  POLLS,
  PREDICTIONS,
  RAIDERS,
  RESUB_MESSAGES,
  REWARDS,
  VIEWER_NAMES,
} from './demo-material.js';
import {
  DEFAULT_DEMO_TIMINGS,
  type DemoActivityKind,
  type DemoTiming,
  type DemoTimings,
} from './demo-timings.js';
import { DemoChat } from './demo-chat.js';
import { DemoMoments } from './demo-moments.js';
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
  private readonly moments = new DemoMoments({
    trigger: (kind, type, options) => this.trigger(kind, type, options),
    pick: (items) => this.pick(items),
    between: (min, max) => this.between(min, max),
    viewerName: () => this.viewerName(),
    now: () => Date.now(),
  });
  private readonly chat = new DemoChat({
    trigger: (kind, type, options) => this.trigger(kind, type, options),
    pick: (items) => this.pick(items),
    between: (min, max) => this.between(min, max),
  });
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
    this.repeat(this.timings.follow, () => this.follow());
    this.repeat(this.timings.subscribe, () => this.subscribe());
    this.repeat(this.timings.resub, () => this.resub());
    this.repeat(this.timings.cheer, () => this.cheer());
    this.repeat(this.timings.powerUp, () => this.powerUp());
    this.repeat(this.timings.giftBomb, () => this.giftBomb());
    this.repeat(this.timings.raid, () => this.raid());
    this.repeat(this.timings.viewers, () => this.driftViewers());
    this.repeat(this.timings.redemption, () => this.redeem());
    this.repeat(this.timings.goal, () => this.followerGoal());
    this.repeat(this.timings.hypeTrain, () => this.hypeTrain());
    this.repeat(this.timings.poll, () => this.poll());
    this.repeat(this.timings.prediction, () => this.prediction());
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

  private follow(): void {
    this.trigger('follow', 'channel.follow', { user: this.viewerName() });
  }

  private subscribe(): void {
    const roll = this.random();
    const tier = roll < 0.8 ? '1000' : roll < 0.95 ? '2000' : '3000';
    const user = this.viewerName();
    if (this.trigger('subscribe', 'channel.subscribe', { user, tier })) {
      this.chat.announce('sub', { user, tier, prime: tier === '1000' && this.random() < 0.3 });
    }
  }

  private resub(): void {
    const roll = this.random();
    const tier = roll < 0.8 ? '1000' : roll < 0.95 ? '2000' : '3000';
    const months = this.between(2, 36);
    const hideStreak = this.random() < 0.15;
    const resub = {
      user: this.viewerName(),
      tier,
      months,
      ...(hideStreak ? { hideStreak } : { streak: this.between(1, months) }),
      message: this.pick(RESUB_MESSAGES),
    };
    if (this.trigger('resub', 'channel.subscription.message', resub)) {
      // Only the chat's notice says whether it was Prime.
      this.chat.announce('resub', { ...resub, prime: tier === '1000' && this.random() < 0.3 });
    }
  }

  /** A Power-up, when a subscription to `channel.bits.use` would see it (nothing otherwise). */
  private powerUp(): void {
    const broadcasterId = this.simulator.channel(this.options.broadcaster).broadcasterId;
    const watched = this.simulator
      .subscriptions({ status: 'enabled', type: 'channel.bits.use' })
      .some(
        (sub) => (sub.condition as Record<string, string>).broadcaster_user_id === broadcasterId,
      );
    if (!watched) return;
    const powerUp = this.pick(['message_effect', 'gigantify_an_emote', 'celebration']);
    this.trigger('powerUp', 'channel.bits.use', {
      user: this.viewerName(),
      bitsType: 'power_up',
      powerUp,
      ...(powerUp === 'message_effect' ? { message: this.pick(EFFECT_MESSAGES) } : {}),
      ...(powerUp === 'gigantify_an_emote' ? { emote: this.pick(['demostHype', 'PogChamp']) } : {}),
    });
  }

  private cheer(): void {
    const bits = this.pick([1, 50, 100, 100, 250, 500, 1000]);
    const anonymous = this.random() < 0.1;
    const message = this.pick(CHEER_MESSAGES).replace('{bits}', String(bits));
    const user = anonymous ? undefined : this.viewerName();
    if (this.trigger('cheer', 'channel.cheer', { user, anonymous, bits, message }) && user) {
      this.chat.cheered(user, message);
    }
  }

  private giftBomb(): void {
    const anonymous = this.random() < 0.2;
    const gift = {
      user: anonymous ? undefined : this.viewerName(),
      anonymous,
      total: this.pick([5, 5, 10]),
    };
    if (this.trigger('giftBomb', 'channel.subscription.gift', gift)) {
      this.chat.announce('community_sub_gift', gift);
    }
  }

  private raid(): void {
    const raid = { user: this.pick(RAIDERS), viewers: this.between(8, 80) };
    if (this.trigger('raid', 'channel.raid', raid)) this.chat.announce('raid', raid);
  }

  private redeem(): void {
    const { reward, cost, inputs } = this.pick(REWARDS);
    this.trigger('redemption', 'channel.channel_points_custom_reward_redemption.add', {
      user: this.viewerName(),
      reward,
      cost,
      input: this.pick(inputs),
    });
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

  /** Begin, three contributions a step apart, end. */
  private hypeTrain(): void {
    const step = this.timings.stepMs;
    this.trigger('hypeTrain', 'channel.hype_train.begin', { user: this.viewerName(), bits: 500 });
    for (let i = 1; i <= 3; i++) {
      this.once(i * step, () =>
        this.trigger('hypeTrain', 'channel.hype_train.progress', {
          user: this.viewerName(),
          ...(i % 2 === 0 ? { tier: '1' } : { bits: this.pick([300, 500, 1000]) }),
        }),
      );
    }
    this.once(4 * step, () => this.trigger('hypeTrain', 'channel.hype_train.end', {}));
  }

  /** Begin, four votes a step apart, end. */
  private poll(): void {
    const step = this.timings.stepMs;
    const { title, choices } = this.pick(POLLS);
    const count = choices.split(',').length;
    this.trigger('poll', 'channel.poll.begin', { title, choices, seconds: 60 });
    for (let i = 1; i <= 4; i++) {
      this.once(i * step, () =>
        this.trigger('poll', 'channel.poll.progress', {
          choice: String(this.between(1, count)),
          votes: this.between(1, 6),
        }),
      );
    }
    this.once(5 * step, () => this.trigger('poll', 'channel.poll.end', {}));
  }

  /** Begin, four predictions a step apart, lock, end with a winner. */
  private prediction(): void {
    const step = this.timings.stepMs;
    const { title, outcomes } = this.pick(PREDICTIONS);
    this.trigger('prediction', 'channel.prediction.begin', { title, outcomes, seconds: 60 });
    for (let i = 1; i <= 4; i++) {
      this.once(i * step, () =>
        this.trigger('prediction', 'channel.prediction.progress', {
          user: this.viewerName(),
          outcome: String(this.between(1, 2)),
          points: this.pick([50, 100, 250, 1000]),
        }),
      );
    }
    this.once(5 * step, () => this.trigger('prediction', 'channel.prediction.lock', {}));
    this.once(6 * step, () =>
      this.trigger('prediction', 'channel.prediction.end', {
        outcome: String(this.between(1, 2)),
      }),
    );
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
