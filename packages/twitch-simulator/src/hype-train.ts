import { userFields, type EventObject } from './event-payloads.js';
import { eventSubTime } from './twitch-time.js';
import type { SubTier } from './sub-tier.js';
import type { SimulatedUser } from './user-directory.js';

/** What a hype train contribution was, as Twitch names it. */
export type HypeTrainContributionType = 'bits' | 'subscription' | 'other';

/** Hype train points of a sub, by tier (Twitch's: 500, 1 000 and 2 500). */
export const HYPE_POINTS: Readonly<Record<SubTier, number>> = {
  '1000': 500,
  '2000': 1000,
  '3000': 2500,
};

/** How long a hype train runs without reaching the next level (Twitch: about five minutes). */
const LEVEL_WINDOW_MS = 5 * 60_000;
/** How long after a hype train ends before another can start (Twitch: an hour or so). */
const COOLDOWN_MS = 60 * 60_000;

/** Points needed to pass `level` (the simulator's own scale; Twitch's depends on the channel). */
export function hypeTrainLevelGoal(level: number): number {
  return 1000 + 500 * (level - 1);
}

interface Contributor {
  readonly user: SimulatedUser;
  readonly type: HypeTrainContributionType;
  total: number;
}

/**
 * A running hype train: its level, points, contributors and timers. It runs until it is ended
 * (the simulator starts no timer of its own); each level reached moves `expiresAt` on.
 */
export class HypeTrain {
  level = 1;
  total = 0;
  progress = 0;
  goal = hypeTrainLevelGoal(1);
  expiresAt: Date;
  private readonly contributors = new Map<string, Contributor>();

  constructor(
    readonly id: string,
    readonly startedAt: Date,
  ) {
    this.expiresAt = new Date(startedAt.getTime() + LEVEL_WINDOW_MS);
  }

  /** Adds a contribution; returns how many levels it climbed (0 for none). */
  contribute(
    user: SimulatedUser,
    type: HypeTrainContributionType,
    points: number,
    at: Date,
  ): number {
    const key = `${user.id}|${type}`;
    const contributor = this.contributors.get(key) ?? { user, type, total: 0 };
    contributor.total += points;
    this.contributors.set(key, contributor);
    this.total += points;
    this.progress += points;
    let climbed = 0;
    while (this.progress >= this.goal) {
      this.progress -= this.goal;
      this.level += 1;
      this.goal = hypeTrainLevelGoal(this.level);
      climbed += 1;
    }
    if (climbed > 0) this.expiresAt = new Date(at.getTime() + LEVEL_WINDOW_MS);
    return climbed;
  }

  /** The top contributor of each kind (bits, subscription, other), most points first. */
  topContributions(): EventObject[] {
    const best = new Map<HypeTrainContributionType, Contributor>();
    for (const contributor of this.contributors.values()) {
      const current = best.get(contributor.type);
      if (!current || contributor.total > current.total) best.set(contributor.type, contributor);
    }
    return [...best.values()]
      .sort((a, b) => b.total - a.total)
      .map((c) => ({ ...userFields('', c.user), type: c.type, total: c.total }));
  }

  /** The fields begin, progress and end share (v2). */
  private common(broadcaster: SimulatedUser): EventObject {
    return {
      id: this.id,
      ...userFields('broadcaster_', broadcaster),
      type: 'regular',
      level: this.level,
      total: this.total,
    };
  }

  /** `channel.hype_train.begin` v2; `record` is the channel's all-time high before this train. */
  beginEvent(broadcaster: SimulatedUser, record: { level: number; total: number }): EventObject {
    return {
      ...this.common(broadcaster),
      progress: this.progress,
      goal: this.goal,
      top_contributions: this.topContributions(),
      is_shared_train: false,
      shared_train_participants: null,
      all_time_high_level: Math.max(record.level, this.level),
      all_time_high_total: Math.max(record.total, this.total),
      started_at: eventSubTime(this.startedAt),
      expires_at: eventSubTime(this.expiresAt),
    };
  }

  /** `channel.hype_train.progress` v2. */
  progressEvent(broadcaster: SimulatedUser): EventObject {
    return {
      ...this.common(broadcaster),
      progress: this.progress,
      goal: this.goal,
      top_contributions: this.topContributions(),
      is_shared_train: false,
      shared_train_participants: null,
      started_at: eventSubTime(this.startedAt),
      expires_at: eventSubTime(this.expiresAt),
    };
  }

  /** `channel.hype_train.end` v2, ended at `endedAt`. */
  endEvent(broadcaster: SimulatedUser, endedAt: Date): EventObject {
    return {
      ...this.common(broadcaster),
      top_contributions: this.topContributions(),
      is_shared_train: false,
      shared_train_participants: null,
      started_at: eventSubTime(this.startedAt),
      ended_at: eventSubTime(endedAt),
      cooldown_ends_at: eventSubTime(new Date(endedAt.getTime() + COOLDOWN_MS)),
    };
  }
}
