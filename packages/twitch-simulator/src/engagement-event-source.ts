import { ChannelPoll, POLL_END_STATUSES, type PollEndStatus } from './channel-poll.js';
import {
  ChannelPrediction,
  PREDICTION_END_STATUSES,
  type PredictionEndStatus,
} from './channel-prediction.js';
import type { ChannelState } from './channel-state.js';
import { CreatorGoal, GOAL_TYPES, isGoalType, type GoalType } from './creator-goal.js';
import { redemptionAddEvent } from './event-payloads.js';
import type { SimulatedEventType } from './event-types.js';
import { HYPE_POINTS, HypeTrain, type HypeTrainContributionType } from './hype-train.js';
import { randomId } from './random-ids.js';
import { eventSubTime } from './twitch-time.js';
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';
import { oneOf, subTier, wholeNumber } from './trigger-values.js';
import { SimulatorInputError, type SimulatedUser, type UserDirectory } from './user-directory.js';

/** The event types of channel points, hype trains, creator goals, polls and predictions. */
export const ENGAGEMENT_EVENT_TYPES = [
  'channel.channel_points_custom_reward_redemption.add',
  'channel.hype_train.begin',
  'channel.hype_train.progress',
  'channel.hype_train.end',
  'channel.goal.begin',
  'channel.goal.progress',
  'channel.goal.end',
  'channel.poll.begin',
  'channel.poll.progress',
  'channel.poll.end',
  'channel.prediction.begin',
  'channel.prediction.progress',
  'channel.prediction.lock',
  'channel.prediction.end',
] as const satisfies readonly SimulatedEventType[];

/** One of the event types of channel points, hype trains, creator goals, polls and predictions. */
export type EngagementEventType = (typeof ENGAGEMENT_EVENT_TYPES)[number];

/** Whether `type` is one of the engagement event types. */
export function isEngagementEventType(type: string): type is EngagementEventType {
  return (ENGAGEMENT_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * Channel points redemptions, hype trains, creator goals, polls and predictions: what triggering
 * each does to the channel (what follows from follows, subs and Bits is `FollowUpEvents`').
 */
export class EngagementEventSource {
  constructor(private readonly users: UserDirectory) {}

  /** Applies one happening of an engagement type and returns its events, in Twitch's order. */
  produce(
    type: EngagementEventType,
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent[] {
    const broadcaster = channel.broadcaster;
    switch (type) {
      case 'channel.channel_points_custom_reward_redemption.add':
        return [{ type, event: this.redemption(channel, options, now) }];

      case 'channel.hype_train.begin': {
        if (channel.hypeTrain) {
          throw new SimulatorInputError(
            'a hype train is running already: end it first (channel.hype_train.end)',
          );
        }
        return this.beginHypeTrain(channel, options, now);
      }
      case 'channel.hype_train.progress': {
        const started = channel.hypeTrain ? [] : this.beginHypeTrain(channel, {}, now);
        const train = channel.hypeTrain as unknown as HypeTrain;
        const { user, kind, points } = this.contribution(options);
        train.contribute(user, kind, points, now);
        return [...started, { type, event: train.progressEvent(broadcaster) }];
      }
      case 'channel.hype_train.end': {
        const started = channel.hypeTrain ? [] : this.beginHypeTrain(channel, {}, now);
        const train = channel.hypeTrain as unknown as HypeTrain;
        channel.hypeTrain = null;
        channel.hypeTrainRecord = {
          level: Math.max(channel.hypeTrainRecord.level, train.level),
          total: Math.max(channel.hypeTrainRecord.total, train.total),
        };
        return [...started, { type, event: train.endEvent(broadcaster, now) }];
      }

      case 'channel.goal.begin': {
        const goalType = goalTypeOf(options.goalType) ?? 'follower';
        if (channel.goals.has(goalType)) {
          throw new SimulatorInputError(
            `a ${goalType} goal is running already: end it first (channel.goal.end --goal-type ${goalType})`,
          );
        }
        return [this.beginGoal(channel, goalType, options, now)];
      }
      case 'channel.goal.progress': {
        const { goal, started } = this.runningGoal(channel, options, now);
        const step = goal.type === 'new_bit' ? 100 : 1;
        goal.currentAmount =
          options.amount === undefined
            ? goal.currentAmount + step
            : wholeNumber('amount', options.amount, 0, 0, 1_000_000_000);
        return [...started, { type, event: goal.event(broadcaster) }];
      }
      case 'channel.goal.end': {
        const { goal, started } = this.runningGoal(channel, options, now);
        channel.goals.delete(goal.type);
        return [...started, { type, event: goal.endEvent(broadcaster, now) }];
      }

      case 'channel.poll.begin':
        if (channel.poll) {
          throw new SimulatorInputError(
            'a poll is running already: end it first (channel.poll.end)',
          );
        }
        return [this.beginPoll(channel, options, now)];
      case 'channel.poll.progress': {
        const started = channel.poll ? [] : [this.beginPoll(channel, {}, now)];
        const poll = channel.poll as unknown as ChannelPoll;
        poll.vote(options.choice, wholeNumber('votes', options.votes, 1, 1, 1_000_000));
        return [...started, { type, event: poll.progressEvent(broadcaster) }];
      }
      case 'channel.poll.end': {
        const status = oneOf<PollEndStatus>('status', options.status, POLL_END_STATUSES);
        const started = channel.poll ? [] : [this.beginPoll(channel, {}, now)];
        const poll = channel.poll as unknown as ChannelPoll;
        channel.poll = null;
        return [
          ...started,
          { type, event: poll.endEvent(broadcaster, status ?? 'completed', now) },
        ];
      }

      case 'channel.prediction.begin':
        if (channel.prediction) {
          throw new SimulatorInputError(
            'a prediction is running already: end it first (channel.prediction.end)',
          );
        }
        return [this.beginPrediction(channel, options, now)];
      case 'channel.prediction.progress': {
        const started = channel.prediction ? [] : [this.beginPrediction(channel, {}, now)];
        const prediction = channel.prediction as unknown as ChannelPrediction;
        const points = wholeNumber('points', options.points, 100, 1, 250_000);
        prediction.predict(this.users.resolve(options.user), options.outcome, points);
        return [...started, { type, event: prediction.progressEvent(broadcaster) }];
      }
      case 'channel.prediction.lock': {
        const started = channel.prediction ? [] : [this.beginPrediction(channel, {}, now)];
        const prediction = channel.prediction as unknown as ChannelPrediction;
        return [...started, { type, event: prediction.lock(broadcaster, now) }];
      }
      case 'channel.prediction.end': {
        const status = oneOf<PredictionEndStatus>(
          'status',
          options.status,
          PREDICTION_END_STATUSES,
        );
        const started = channel.prediction ? [] : [this.beginPrediction(channel, {}, now)];
        const prediction = channel.prediction as unknown as ChannelPrediction;
        const event = prediction.endEvent(broadcaster, status ?? 'resolved', options.outcome, now);
        channel.prediction = null;
        return [...started, { type, event }];
      }
    }
  }

  private redemption(channel: ChannelState, options: TriggerOptions, now: Date) {
    const title = (options.reward ?? 'Hydrate!').trim();
    if (title === '' || title.length > 45) {
      throw new SimulatorInputError('reward must be a title of 1 to 45 characters');
    }
    let reward = channel.rewards.get(title.toLowerCase());
    if (!reward || options.cost !== undefined) {
      reward = {
        id: reward?.id ?? randomId(),
        title,
        cost: wholeNumber('cost', options.cost, reward?.cost ?? 100, 1, 1_000_000_000),
        prompt: reward?.prompt ?? '',
      };
      channel.rewards.set(title.toLowerCase(), reward);
    }
    const user = this.users.resolve(options.user);
    return redemptionAddEvent(
      randomId(),
      user,
      channel.broadcaster,
      reward,
      options.input ?? '',
      eventSubTime(now),
    );
  }

  /** Starts a hype train: `channel.hype_train.begin`, then one progress for the contribution that started it. */
  private beginHypeTrain(
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent[] {
    const train = new HypeTrain(randomId(), now);
    const { user, kind, points } = this.contribution(options);
    train.contribute(user, kind, points, now);
    channel.hypeTrain = train;
    const broadcaster = channel.broadcaster;
    return [
      {
        type: 'channel.hype_train.begin',
        event: train.beginEvent(broadcaster, channel.hypeTrainRecord),
      },
      { type: 'channel.hype_train.progress', event: train.progressEvent(broadcaster) },
    ];
  }

  /** A hype train contribution: bits when `bits` is given, else a sub of `tier` (tier 1). */
  private contribution(options: TriggerOptions): {
    user: SimulatedUser;
    kind: HypeTrainContributionType;
    points: number;
  } {
    const user = this.users.resolve(options.user);
    if (options.bits !== undefined) {
      return { user, kind: 'bits', points: wholeNumber('bits', options.bits, 100, 1, 1_000_000) };
    }
    return { user, kind: 'subscription', points: HYPE_POINTS[subTier(options.tier)] };
  }

  private beginGoal(
    channel: ChannelState,
    goalType: GoalType,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent {
    const current =
      goalType === 'follower'
        ? channel.followerCount
        : goalType === 'subscription'
          ? channel.subPoints
          : goalType === 'subscription_count'
            ? channel.subscriberCount
            : 0;
    const step = goalType === 'new_bit' ? 1000 : 10;
    const target = wholeNumber('target', options.target, current + step, 1, 1_000_000_000);
    const goal = new CreatorGoal(
      randomId(),
      goalType,
      options.description ?? '',
      current,
      target,
      now,
    );
    channel.goals.set(goalType, goal);
    return { type: 'channel.goal.begin', event: goal.event(channel.broadcaster) };
  }

  /** The goal of `goalType` (or the newest running one), begun now when none runs. */
  private runningGoal(
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): { goal: CreatorGoal; started: ProducedEvent[] } {
    const asked = goalTypeOf(options.goalType);
    const goalType = asked ?? [...channel.goals.keys()].at(-1) ?? 'follower';
    const running = channel.goals.get(goalType);
    if (running) return { goal: running, started: [] };
    const started = [this.beginGoal(channel, goalType, {}, now)];
    return { goal: channel.goals.get(goalType) as CreatorGoal, started };
  }

  private beginPoll(channel: ChannelState, options: TriggerOptions, now: Date): ProducedEvent {
    const seconds = wholeNumber('seconds', options.seconds, 60, 15, 1800);
    const poll = new ChannelPoll(
      randomId(),
      options.title ?? 'What should we play next?',
      listOf(options.choices, ['Yes', 'No']),
      now,
      new Date(now.getTime() + seconds * 1000),
    );
    channel.poll = poll;
    return { type: 'channel.poll.begin', event: poll.beginEvent(channel.broadcaster) };
  }

  private beginPrediction(
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent {
    const seconds = wholeNumber('seconds', options.seconds, 120, 30, 1800);
    const prediction = new ChannelPrediction(
      randomId(),
      options.title ?? 'Will we win this round?',
      listOf(options.outcomes, ['Yes', 'No']),
      now,
      new Date(now.getTime() + seconds * 1000),
    );
    channel.prediction = prediction;
    return {
      type: 'channel.prediction.begin',
      event: prediction.beginEvent(channel.broadcaster),
    };
  }
}

function goalTypeOf(raw: string | undefined): GoalType | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim();
  if (!isGoalType(value)) {
    throw new SimulatorInputError(`goal type "${value}" is not one of ${GOAL_TYPES.join(', ')}`);
  }
  return value;
}

/** Titles from a comma-separated string or a list; `fallback` when absent. */
function listOf(raw: string | readonly string[] | undefined, fallback: string[]): string[] {
  if (raw === undefined) return fallback;
  const items = (typeof raw === 'string' ? raw.split(',') : [...raw])
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : fallback;
}
