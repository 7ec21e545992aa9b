import { pick } from './channel-poll.js';
import { userFields, type EventObject } from './event-payloads.js';
import { randomId } from './random-ids.js';
import { eventSubTime } from './twitch-time.js';
import { SimulatorInputError, type SimulatedUser } from './user-directory.js';

/** How a prediction ended, as Twitch says it. */
export const PREDICTION_END_STATUSES = ['resolved', 'canceled'] as const;
export type PredictionEndStatus = (typeof PREDICTION_END_STATUSES)[number];

interface Predictor {
  readonly user: SimulatedUser;
  used: number;
}

interface Outcome {
  readonly id: string;
  readonly title: string;
  readonly color: 'blue' | 'pink';
  readonly predictors: Map<string, Predictor>;
}

/** How the prediction came out, for the points won. */
type Result = { status: 'open' } | { status: 'canceled' } | { status: 'resolved'; winner: Outcome };

/** A prediction on the channel: its outcomes and who put how many channel points on which. */
export class ChannelPrediction {
  private readonly outcomes: Outcome[];
  lockedAt: Date | null = null;

  constructor(
    readonly id: string,
    readonly title: string,
    outcomeTitles: readonly string[],
    readonly startedAt: Date,
    readonly locksAt: Date,
  ) {
    if (outcomeTitles.length < 2 || outcomeTitles.length > 10) {
      throw new SimulatorInputError(
        `a prediction has 2 to 10 outcomes, not ${outcomeTitles.length} (e.g. outcomes "Win,Lose")`,
      );
    }
    // Twitch shows two outcomes blue and pink, and more all blue.
    this.outcomes = outcomeTitles.map((title, index) => ({
      id: randomId(),
      title,
      color: outcomeTitles.length === 2 && index === 1 ? 'pink' : 'blue',
      predictors: new Map(),
    }));
  }

  /** `user` puts `points` on an outcome (by number or title); a viewer predicts one outcome only. */
  predict(user: SimulatedUser, outcome: string | undefined, points: number): void {
    if (this.lockedAt)
      throw new SimulatorInputError('the prediction is locked: no more predictions');
    const chosen = pick(this.outcomes, outcome, 'outcome');
    const elsewhere = this.outcomes.find((o) => o !== chosen && o.predictors.has(user.id));
    if (elsewhere) {
      throw new SimulatorInputError(`${user.login} already predicted "${elsewhere.title}"`);
    }
    const predictor = chosen.predictors.get(user.id) ?? { user, used: 0 };
    predictor.used += points;
    chosen.predictors.set(user.id, predictor);
  }

  private outcomesWithPredictions(result: Result): EventObject[] {
    const pot = this.outcomes.reduce((sum, o) => sum + pointsOn(o), 0);
    return this.outcomes.map((outcome) => {
      const top = [...outcome.predictors.values()].sort((a, b) => b.used - a.used).slice(0, 10);
      const onOutcome = pointsOn(outcome);
      return {
        id: outcome.id,
        title: outcome.title,
        color: outcome.color,
        users: outcome.predictors.size,
        channel_points: onOutcome,
        top_predictors: top.map((p) => ({
          ...userFields('', p.user),
          // Twitch: null until the prediction ends; 0 for a losing outcome or a refund.
          channel_points_won:
            result.status === 'open'
              ? null
              : result.status === 'resolved' && result.winner === outcome
                ? Math.floor((p.used * pot) / Math.max(onOutcome, 1))
                : 0,
          channel_points_used: p.used,
        })),
      };
    });
  }

  private common(broadcaster: SimulatedUser): EventObject {
    return { id: this.id, ...userFields('broadcaster_', broadcaster), title: this.title };
  }

  /** `channel.prediction.begin` v1: the outcomes without predictions. */
  beginEvent(broadcaster: SimulatedUser): EventObject {
    return {
      ...this.common(broadcaster),
      outcomes: this.outcomes.map((o) => ({ id: o.id, title: o.title, color: o.color })),
      started_at: eventSubTime(this.startedAt),
      locks_at: eventSubTime(this.locksAt),
    };
  }

  /** `channel.prediction.progress` v1. */
  progressEvent(broadcaster: SimulatedUser): EventObject {
    return {
      ...this.common(broadcaster),
      outcomes: this.outcomesWithPredictions({ status: 'open' }),
      started_at: eventSubTime(this.startedAt),
      locks_at: eventSubTime(this.locksAt),
    };
  }

  /** `channel.prediction.lock` v1: locks it now. */
  lock(broadcaster: SimulatedUser, at: Date): EventObject {
    this.lockedAt ??= at;
    return {
      ...this.common(broadcaster),
      outcomes: this.outcomesWithPredictions({ status: 'open' }),
      started_at: eventSubTime(this.startedAt),
      locked_at: eventSubTime(this.lockedAt),
    };
  }

  /** `channel.prediction.end` v1: resolved with a winning outcome (by number or title), or canceled. */
  endEvent(
    broadcaster: SimulatedUser,
    status: PredictionEndStatus,
    winner: string | undefined,
    endedAt: Date,
  ): EventObject {
    const winning = status === 'resolved' ? pick(this.outcomes, winner, 'outcome') : null;
    return {
      ...this.common(broadcaster),
      winning_outcome_id: winning?.id ?? null,
      outcomes: this.outcomesWithPredictions(
        winning ? { status: 'resolved', winner: winning } : { status: 'canceled' },
      ),
      status,
      started_at: eventSubTime(this.startedAt),
      ended_at: eventSubTime(endedAt),
    };
  }
}

function pointsOn(outcome: Outcome): number {
  let sum = 0;
  for (const predictor of outcome.predictors.values()) sum += predictor.used;
  return sum;
}
