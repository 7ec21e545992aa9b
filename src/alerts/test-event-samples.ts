import { Injectable } from '@nestjs/common';
import type { TwitchEventType } from '../contract/sse-contract.js';
import type { TwitchEventData } from './alerts-api.js';

/** The channel a test event is about: a stand-in, since a test alert never reaches Twitch. */
const BROADCASTER = { id: '1000', login: 'test_broadcaster', name: 'TestBroadcaster' };

/** Viewers the samples take turns with, so a run of test alerts is easy to tell apart. */
const VIEWERS = [
  { id: '5001', login: 'pixelpanda', name: 'PixelPanda' },
  { id: '5002', login: 'nightowl_42', name: 'NightOwl_42' },
  { id: '5003', login: 'sunnyraccoon', name: 'SunnyRaccoon' },
  { id: '5004', login: 'quietcomet', name: 'QuietComet' },
  { id: '5005', login: 'mossyknight', name: 'MossyKnight' },
];

const RAIDER = { id: '7001', login: 'cozycastle', name: 'CozyCastle' };

/** Ids that stay the same across test events, so a test poll's progress and end are the same poll. */
const SAMPLE_IDS = {
  reward: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0001',
  hypeTrain: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0002',
  goal: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0003',
  poll: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0004',
  prediction: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0005',
  choices: ['5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0011', '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0012'],
};

/**
 * Event objects for the dashboard's test buttons, shaped as Twitch's EventSub sends them: every
 * field Twitch documents for the type, snake_case. Each call takes the next sample viewer.
 */
@Injectable()
export class TestEventSamples {
  private count = 0;

  /** A sample event object for `event`, with `overrides` put over its fields. */
  create(event: TwitchEventType, overrides: TwitchEventData = {}): TwitchEventData {
    const viewer = VIEWERS[this.count++ % VIEWERS.length] as (typeof VIEWERS)[number];
    return { ...sample(event, viewer, new Date().toISOString()), ...overrides };
  }
}

function sample(
  event: TwitchEventType,
  viewer: { id: string; login: string; name: string },
  now: string,
): TwitchEventData {
  const user = { user_id: viewer.id, user_login: viewer.login, user_name: viewer.name };
  const broadcaster = {
    broadcaster_user_id: BROADCASTER.id,
    broadcaster_user_login: BROADCASTER.login,
    broadcaster_user_name: BROADCASTER.name,
  };
  switch (event) {
    case 'channel.follow':
      return { ...user, ...broadcaster, followed_at: now };
    case 'channel.subscribe':
      return { ...user, ...broadcaster, tier: '1000', is_gift: false };
    case 'channel.subscription.gift':
      return {
        ...user,
        ...broadcaster,
        total: 5,
        tier: '1000',
        cumulative_total: 12,
        is_anonymous: false,
      };
    case 'channel.cheer':
      return {
        is_anonymous: false,
        ...user,
        ...broadcaster,
        message: 'Cheer100 Loving the stream!',
        bits: 100,
      };
    case 'channel.raid':
      return {
        from_broadcaster_user_id: RAIDER.id,
        from_broadcaster_user_login: RAIDER.login,
        from_broadcaster_user_name: RAIDER.name,
        to_broadcaster_user_id: BROADCASTER.id,
        to_broadcaster_user_login: BROADCASTER.login,
        to_broadcaster_user_name: BROADCASTER.name,
        viewers: 42,
      };
    case 'stream.online':
      return { id: `test-${Date.now()}`, ...broadcaster, type: 'live', started_at: now };
    case 'stream.offline':
      return { ...broadcaster };
    case 'channel.channel_points_custom_reward_redemption.add':
      return {
        id: `test-redemption-${Date.now()}`,
        ...broadcaster,
        ...user,
        user_input: 'Play the boss theme, please!',
        status: 'unfulfilled',
        reward: { id: SAMPLE_IDS.reward, title: 'Pick the next song', cost: 500, prompt: '' },
        redeemed_at: now,
      };
    case 'channel.hype_train.begin':
    case 'channel.hype_train.progress':
    case 'channel.hype_train.end':
      return hypeTrainSample(event, broadcaster, user, now);
    case 'channel.goal.begin':
    case 'channel.goal.progress':
    case 'channel.goal.end': {
      const goal = {
        id: SAMPLE_IDS.goal,
        ...broadcaster,
        type: 'follower',
        description: 'Ten more followers',
        current_amount: event === 'channel.goal.begin' ? 120 : 125,
        target_amount: 130,
        started_at: minutesBefore(now, 30),
      };
      return event === 'channel.goal.end' ? { ...goal, is_achieved: false, ended_at: now } : goal;
    }
    case 'channel.poll.begin':
    case 'channel.poll.progress':
    case 'channel.poll.end':
      return pollSample(event, broadcaster, now);
    case 'channel.prediction.begin':
    case 'channel.prediction.progress':
    case 'channel.prediction.lock':
    case 'channel.prediction.end':
      return predictionSample(event, broadcaster, user, now);
  }
}

type Broadcaster = Record<
  'broadcaster_user_id' | 'broadcaster_user_login' | 'broadcaster_user_name',
  string
>;
type Viewer = Record<'user_id' | 'user_login' | 'user_name', string>;

function hypeTrainSample(
  event: 'channel.hype_train.begin' | 'channel.hype_train.progress' | 'channel.hype_train.end',
  broadcaster: Broadcaster,
  user: Viewer,
  now: string,
): TwitchEventData {
  const level = event === 'channel.hype_train.begin' ? 1 : 2;
  const train = {
    id: SAMPLE_IDS.hypeTrain,
    ...broadcaster,
    type: 'regular',
    level,
    total: level === 1 ? 600 : 1700,
    top_contributions: [{ ...user, type: 'bits', total: 600 }],
    is_shared_train: false,
    shared_train_participants: null,
    started_at: minutesBefore(now, level === 1 ? 0 : 2),
  };
  if (event === 'channel.hype_train.end') {
    return { ...train, ended_at: now, cooldown_ends_at: minutesBefore(now, -60) };
  }
  const running = {
    ...train,
    progress: level === 1 ? 600 : 700,
    goal: level === 1 ? 1000 : 1500,
    expires_at: minutesBefore(now, -5),
  };
  return event === 'channel.hype_train.begin'
    ? { ...running, all_time_high_level: 3, all_time_high_total: 4200 }
    : running;
}

function pollSample(
  event: 'channel.poll.begin' | 'channel.poll.progress' | 'channel.poll.end',
  broadcaster: Broadcaster,
  now: string,
): TwitchEventData {
  const titles = ['Celeste', 'Hades'];
  const votes = [7, 4];
  const poll = {
    id: SAMPLE_IDS.poll,
    ...broadcaster,
    title: 'What do we play next?',
    bits_voting: { is_enabled: false, amount_per_vote: 0 },
    channel_points_voting: { is_enabled: false, amount_per_vote: 0 },
    started_at: minutesBefore(now, 1),
  };
  if (event === 'channel.poll.begin') {
    return {
      ...poll,
      choices: titles.map((title, i) => ({ id: SAMPLE_IDS.choices[i], title })),
      ends_at: minutesBefore(now, -1),
    };
  }
  const choices = titles.map((title, i) => ({
    id: SAMPLE_IDS.choices[i],
    title,
    bits_votes: 0,
    channel_points_votes: 0,
    votes: votes[i],
  }));
  return event === 'channel.poll.progress'
    ? { ...poll, choices, ends_at: minutesBefore(now, -1) }
    : { ...poll, choices, status: 'completed', ended_at: now };
}

function predictionSample(
  event:
    | 'channel.prediction.begin'
    | 'channel.prediction.progress'
    | 'channel.prediction.lock'
    | 'channel.prediction.end',
  broadcaster: Broadcaster,
  user: Viewer,
  now: string,
): TwitchEventData {
  const prediction = {
    id: SAMPLE_IDS.prediction,
    ...broadcaster,
    title: 'Do we beat the boss first try?',
    started_at: minutesBefore(now, 2),
  };
  const outcomes = [
    { id: SAMPLE_IDS.choices[0], title: 'Yes', color: 'blue' },
    { id: SAMPLE_IDS.choices[1], title: 'No', color: 'pink' },
  ];
  if (event === 'channel.prediction.begin') {
    return { ...prediction, outcomes, locks_at: minutesBefore(now, -2) };
  }
  const ended = event === 'channel.prediction.end';
  const withPoints = outcomes.map((outcome, i) => ({
    ...outcome,
    users: i === 0 ? 1 : 0,
    channel_points: i === 0 ? 500 : 0,
    top_predictors:
      i === 0
        ? [{ ...user, channel_points_won: ended ? 500 : null, channel_points_used: 500 }]
        : [],
  }));
  if (event === 'channel.prediction.progress') {
    return { ...prediction, outcomes: withPoints, locks_at: minutesBefore(now, -2) };
  }
  if (event === 'channel.prediction.lock') {
    return { ...prediction, outcomes: withPoints, locked_at: now };
  }
  return {
    ...prediction,
    winning_outcome_id: SAMPLE_IDS.choices[0],
    outcomes: withPoints,
    status: 'resolved',
    ended_at: now,
  };
}

/** The ISO time `minutes` before `iso` (after it, for a negative number). */
function minutesBefore(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}
