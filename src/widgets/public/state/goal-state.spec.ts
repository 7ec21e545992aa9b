import type { GoalState, StatsData, StreamMessage } from '../../../contract/sse-contract.js';
import {
  goalProgress,
  nextMilestone,
  reduceGoalBar,
  restoreGoalBar,
  shownCharity,
  shownTwitchGoal,
} from './goal-state.js';

const stats = (data: Partial<StatsData> = {}): StreamMessage => ({
  type: 'stats',
  data: {
    live: true,
    viewers: 3,
    followers: 86,
    subs: 12,
    polledAt: '2026-01-01T00:00:00.000Z',
    ...data,
  },
});
const follow: StreamMessage = { type: 'event', event: 'channel.follow', data: {} };

const goal = (
  event: GoalState['event'],
  type: string,
  description: string,
  extra: Record<string, unknown> = {},
) =>
  ({
    event,
    data: { type, description, current_amount: 1, target_amount: 10, ...extra },
  }) as GoalState;

describe('the goal bar', () => {
  it('fixes its own target at the next round number above the first count, and keeps it', () => {
    let state = restoreGoalBar('followers', null);
    expect(goalProgress(state, 'followers', NaN)).toBeNull();
    state = reduceGoalBar(state, stats(), 1, 'followers');
    expect(state.autoTarget).toBe(90);
    expect(goalProgress(state, 'followers', NaN)).toEqual({
      value: 86,
      target: 90,
      reached: false,
    });
    for (let id = 2; id <= 6; id++) state = reduceGoalBar(state, follow, id, 'followers');
    expect(goalProgress(state, 'followers', NaN)).toEqual({ value: 91, target: 90, reached: true });
  });

  it('takes ?target= over its own', () => {
    const state = reduceGoalBar(restoreGoalBar('subs', null), stats(), 1, 'subs');
    expect(state.autoTarget).toBe(20);
    expect(goalProgress(state, 'subs', 50)).toEqual({ value: 12, target: 50, reached: false });
  });

  it('fixes no target while the numbers are placeholders, nor for a Twitch goal', () => {
    const placeholders = reduceGoalBar(
      restoreGoalBar('followers', null),
      stats({ polledAt: null }),
      1,
      'followers',
    );
    expect(placeholders.autoTarget).toBeNull();
    expect(
      reduceGoalBar(restoreGoalBar('twitch', null), stats(), 1, 'twitch').autoTarget,
    ).toBeNull();
  });

  it('keeps the target an earlier load fixed, and gives the same state back for other messages', () => {
    const kept = JSON.parse(
      JSON.stringify(reduceGoalBar(restoreGoalBar('followers', null), stats(), 1, 'followers')),
    );
    const state = restoreGoalBar('followers', { ...kept, autoTarget: 200 });
    expect(goalProgress(state, 'followers', NaN)?.target).toBe(200);
    const cheer: StreamMessage = { type: 'event', event: 'channel.cheer', data: { bits: 1 } };
    expect(reduceGoalBar(state, cheer, 2, 'followers')).toBe(state);
  });

  it('shows the Twitch goal asked for: of its type, or the newest one running, else the newest', () => {
    const goals = [
      goal('channel.goal.progress', 'follower', 'Followers'),
      goal('channel.goal.begin', 'new_bit', 'Bits'),
      goal('channel.goal.end', 'subscription', 'Subs'),
    ];
    const state = reduceGoalBar(restoreGoalBar('twitch', null), stats({ goals }), 1, 'twitch');
    expect(shownTwitchGoal(state, 'any')?.data.description).toBe('Bits');
    expect(shownTwitchGoal(state, 'follower')?.data.description).toBe('Followers');
    expect(shownTwitchGoal(state, 'subscription')?.event).toBe('channel.goal.end');
    expect(shownTwitchGoal(state, 'new_cheerer')).toBeNull();
    expect(shownTwitchGoal(restoreGoalBar('twitch', null), 'any')).toBeNull();
  });

  it.each([
    [0, 10],
    [86, 90],
    [150, 200],
    [1234, 1500],
    [99_999, 100_000],
  ])('counts %i towards %i', (count, milestone) => {
    expect(nextMilestone(count)).toBe(milestone);
  });
});

describe('the goal bar with metric=charity', () => {
  const money = (value: number, currency = 'USD', places = 2) => ({
    value,
    decimal_places: places,
    currency,
  });
  const withCharity = (event: string, raised: ReturnType<typeof money>, target = money(150_000)) =>
    stats({
      charity: {
        event,
        data: {
          id: 'c1',
          charity_name: 'Example Friends',
          current_amount: raised,
          target_amount: target,
        },
      } as StatsData['charity'],
    });

  it('shows nothing until a campaign is known, then raised of target, then ended', () => {
    let state = restoreGoalBar('charity', null);
    state = reduceGoalBar(state, stats(), 1, 'charity');
    expect(shownCharity(state)).toBeNull();
    expect(state.autoTarget).toBeNull();
    state = reduceGoalBar(
      state,
      withCharity('channel.charity_campaign.progress', money(37_500)),
      2,
      'charity',
    );
    expect(shownCharity(state)).toMatchObject({
      charity: 'Example Friends',
      share: 0.25,
      ended: false,
      reached: false,
    });
    state = reduceGoalBar(
      state,
      withCharity('channel.charity_campaign.stop', money(160_000)),
      3,
      'charity',
    );
    expect(shownCharity(state)).toMatchObject({ share: 1, ended: true, reached: true });
  });

  it('fills the bar when raised and target cannot be compared (another currency, no target)', () => {
    const odd = reduceGoalBar(
      restoreGoalBar('charity', null),
      withCharity('channel.charity_campaign.progress', money(10, 'EUR'), money(100, 'USD')),
      1,
      'charity',
    );
    expect(shownCharity(odd)).toMatchObject({ share: 1, reached: false });
    const none = reduceGoalBar(
      restoreGoalBar('charity', null),
      withCharity('channel.charity_campaign.progress', money(10), money(0)),
      1,
      'charity',
    );
    expect(shownCharity(none)).toMatchObject({ share: 1, reached: false });
  });
});
