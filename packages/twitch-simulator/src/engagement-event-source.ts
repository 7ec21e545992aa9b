import { ChannelPoll, POLL_END_STATUSES, type PollEndStatus } from './channel-poll.js';
import {
  ChannelPrediction,
  PREDICTION_END_STATUSES,
  type PredictionEndStatus,
} from './channel-prediction.js';
import type { ChannelState } from './channel-state.js';
import { CreatorGoal, GOAL_TYPES, isGoalType, type GoalType } from './creator-goal.js';
import { redemptionAddEvent } from './event-payloads.js';
import { SUB_POINTS, type SubTier } from './sub-tier.js';
import type { SimulatedEventType } from './event-types.js';
import { HypeTrain, type HypeTrainContributionType } from './hype-train.js';
import { randomId } from './random-ids.js';
import { eventSubTime } from './twitch-time.js';
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';
import { subTier, wholeNumber } from './trigger-values.js';
import { SimulatorInputError, type SimulatedUser, type UserDirectory } from './user-directory.js';

/** The event types of channel points, hype trains, creator goals, polls and predictions. */
export type EngagementEventType = Exclude<
  SimulatedEventType,
  | 'channel.follow'
  | 'channel.subscribe'
  | 'channel.subscription.gift'
  | 'channel.cheer'
  | 'channel.raid'
  | 'stream.online'
  | 'stream.offline'
>;

/** Hype train points of a sub, by tier (Twitch's: 500, 1 000 and 2 500). */
const HYPE_POINTS: Readonly<Record<SubTier, number>> = { '1000': 500, '2000': 1000, '3000': 2500 };

/**
 * Channel points redemptions, hype trains, creator goals, polls and predictions: what triggering
 * each does to the channel, and what follows, on Twitch, from the follows, subs and cheers of
 * `ChannelEventSource` (a running goal moves, a running hype train climbs).
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

  /**
   * What follows on Twitch from follows, subs and cheers that just happened: one
   * `channel.goal.progress` for each running goal they moved, one `channel.hype_train.progress`
   * when a hype train runs and they contributed to it.
   */
  followUps(channel: ChannelState, happened: readonly ProducedEvent[], now: Date): ProducedEvent[] {
    const moved = new Set<CreatorGoal>();
    let contributed = false;
    const goal = (type: GoalType): CreatorGoal | undefined => channel.goals.get(type);
    const move = (type: GoalType, amount: (g: CreatorGoal) => number): void => {
      const running = goal(type);
      if (!running) return;
      const next = amount(running);
      if (next !== running.currentAmount) {
        running.currentAmount = next;
        moved.add(running);
      }
    };
    const contribute = (userId: unknown, kind: HypeTrainContributionType, points: number) => {
      // Anonymous gifts and cheers count for nobody on the train's board.
      const user = typeof userId === 'string' ? this.users.findById(userId) : undefined;
      if (!channel.hypeTrain || !user || points <= 0) return;
      channel.hypeTrain.contribute(user, kind, points, now);
      contributed = true;
    };
    for (const { type, event } of happened) {
      switch (type) {
        case 'channel.follow':
          move('follower', () => channel.followerCount);
          break;
        case 'channel.subscribe': {
          const points = SUB_POINTS[event.tier as SubTier] ?? 1;
          move('subscription', () => channel.subPoints);
          move('subscription_count', () => channel.subscriberCount);
          move('new_subscription', (g) => g.currentAmount + points);
          move('new_subscription_count', (g) => g.currentAmount + 1);
          // A gifted sub's points go to its gifter, on the gift event.
          if (event.is_gift !== true) {
            contribute(event.user_id, 'subscription', HYPE_POINTS[event.tier as SubTier] ?? 500);
          }
          break;
        }
        case 'channel.subscription.gift':
          contribute(
            event.user_id,
            'subscription',
            (HYPE_POINTS[event.tier as SubTier] ?? 500) * Number(event.total),
          );
          break;
        case 'channel.cheer': {
          const bits = Number(event.bits);
          move('new_bit', (g) => g.currentAmount + bits);
          const cheerer = event.user_id;
          move('new_cheerer', (g) =>
            typeof cheerer === 'string' && g.countCheerer(cheerer)
              ? g.currentAmount + 1
              : g.currentAmount,
          );
          contribute(cheerer, 'bits', bits);
          break;
        }
        default:
          break;
      }
    }
    const broadcaster = channel.broadcaster;
    return [
      ...[...moved].map((g) => ({
        type: 'channel.goal.progress' as const,
        event: g.event(broadcaster),
      })),
      ...(contributed && channel.hypeTrain
        ? [
            {
              type: 'channel.hype_train.progress' as const,
              event: channel.hypeTrain.progressEvent(broadcaster),
            },
          ]
        : []),
    ];
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

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim();
  if (!(choices as readonly string[]).includes(value)) {
    throw new SimulatorInputError(`${name} must be one of ${choices.join(', ')}, not "${value}"`);
  }
  return value as T;
}

/** Titles from a comma-separated string or a list; `fallback` when absent. */
function listOf(raw: string | readonly string[] | undefined, fallback: string[]): string[] {
  if (raw === undefined) return fallback;
  const items = (typeof raw === 'string' ? raw.split(',') : [...raw])
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : fallback;
}
