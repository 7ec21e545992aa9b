import { userFields, type EventObject } from './event-payloads.js';
import { eventSubTime } from './twitch-time.js';
import type { SimulatedUser } from './user-directory.js';

/** The kinds of creator goal Twitch has. */
export const GOAL_TYPES = [
  'follower',
  'subscription',
  'subscription_count',
  'new_subscription',
  'new_subscription_count',
  'new_bit',
  'new_cheerer',
] as const;

/** One kind of creator goal. */
export type GoalType = (typeof GOAL_TYPES)[number];

/** Whether a string names a kind of creator goal. */
export function isGoalType(value: string): value is GoalType {
  return (GOAL_TYPES as readonly string[]).includes(value);
}

/**
 * A creator goal on the channel (one of each type at a time, as on Twitch): how far it is, and the
 * cheerers it has counted (a `new_cheerer` goal counts each viewer once).
 */
export class CreatorGoal {
  private readonly cheerers = new Set<string>();

  constructor(
    readonly id: string,
    readonly type: GoalType,
    readonly description: string,
    public currentAmount: number,
    readonly targetAmount: number,
    readonly startedAt: Date,
  ) {}

  /** Counts a cheer for a `new_cheerer` goal; false when this viewer was counted already. */
  countCheerer(userId: string): boolean {
    if (this.cheerers.has(userId)) return false;
    this.cheerers.add(userId);
    return true;
  }

  private common(broadcaster: SimulatedUser): EventObject {
    return {
      id: this.id,
      ...userFields('broadcaster_', broadcaster),
      type: this.type,
      description: this.description,
    };
  }

  /** `channel.goal.begin` and `channel.goal.progress` v1 (the same fields). */
  event(broadcaster: SimulatedUser): EventObject {
    return {
      ...this.common(broadcaster),
      current_amount: this.currentAmount,
      target_amount: this.targetAmount,
      started_at: eventSubTime(this.startedAt),
    };
  }

  /** `channel.goal.end` v1. */
  endEvent(broadcaster: SimulatedUser, endedAt: Date): EventObject {
    return {
      ...this.common(broadcaster),
      is_achieved: this.currentAmount >= this.targetAmount,
      current_amount: this.currentAmount,
      target_amount: this.targetAmount,
      started_at: eventSubTime(this.startedAt),
      ended_at: eventSubTime(endedAt),
    };
  }
}
