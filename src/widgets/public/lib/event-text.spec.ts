import type { EventMessage } from '../../../contract/sse-contract.js';
import { describeEvent, fillTemplate, templateValues } from './event-text.js';

const message = (event: EventMessage['event'], data: Record<string, unknown>): EventMessage => ({
  type: 'event',
  event,
  data,
});

describe('alert texts', () => {
  it('names who did it: the user, the raider, the broadcaster, or Anonymous', () => {
    expect(templateValues(message('channel.follow', { user_name: 'Ann' })).name).toBe('Ann');
    expect(
      templateValues(message('channel.raid', { from_broadcaster_user_name: 'Raider' })).name,
    ).toBe('Raider');
    expect(
      templateValues(message('stream.online', { broadcaster_user_name: 'Streamer' })).name,
    ).toBe('Streamer');
    expect(
      templateValues(message('channel.cheer', { is_anonymous: true, user_name: null })).name,
    ).toBe('Anonymous');
  });

  it('fills in the amounts: bits, tier, gift count, raid viewers, months', () => {
    const gift = templateValues(
      message('channel.subscription.gift', {
        user_name: 'G',
        total: 5,
        tier: '2000',
        cumulative_total: 1234,
      }),
    );
    expect(gift).toMatchObject({ count: '5', gifts: '5 subs', tier: 'Tier 2', total: '1,234' });
    expect(templateValues(message('channel.subscription.gift', { total: 1 })).gifts).toBe('1 sub');
    expect(templateValues(message('channel.cheer', { bits: 1500 })).bits).toBe('1,500');
    expect(templateValues(message('channel.raid', { viewers: 42 })).viewers).toBe('42');
    expect(templateValues(message('channel.subscribe', { cumulative_months: 7 })).months).toBe('7');
  });

  it('cuts a template into text and values, leaving unknown placeholders as written', () => {
    expect(fillTemplate('{name} gave {bits}! {oops}', { name: 'A', bits: '5' })).toEqual([
      { text: 'A', value: true, name: 'name' },
      { text: ' gave ', value: false },
      { text: '5', value: true, name: 'bits' },
      { text: '! {oops}', value: false },
    ]);
  });

  it('describes each event in one line', () => {
    expect(describeEvent(message('channel.cheer', { user_name: 'Cid', bits: 100 }))).toBe(
      'Cid cheered 100 bits!',
    );
    expect(
      describeEvent(
        message('channel.subscribe', { user_name: 'Bob', tier: '1000', is_gift: false }),
      ),
    ).toBe('Bob subscribed at Tier 1!');
  });
});

describe('texts of channel points, hype trains, goals, polls and predictions', () => {
  it('names the reward, the viewer and what they typed, and never says "undefined"', () => {
    const values = templateValues(
      message('channel.channel_points_custom_reward_redemption.add', {
        user_name: 'Ann',
        user_input: 'hi!',
        reward: { title: 'Hydrate!', cost: 1500 },
      }),
    );
    expect(values).toMatchObject({ name: 'Ann', reward: 'Hydrate!', cost: '1,500', input: 'hi!' });
    const bare = templateValues(
      message('channel.channel_points_custom_reward_redemption.add', {
        user_name: null,
        user_input: null,
        reward: null,
      }),
    );
    expect(bare).toMatchObject({ name: 'Someone', reward: 'a reward', input: '', cost: '' });
    expect(Object.values(bare).join(' ')).not.toMatch(/undefined|null/);
  });

  it('gives a hype train its level, points and top contributor', () => {
    const values = templateValues(
      message('channel.hype_train.progress', {
        level: 3,
        total: 4200,
        broadcaster_user_name: 'Streamer',
        top_contributions: [{ user_name: 'Top', user_login: 'top', type: 'bits', total: 900 }],
      }),
    );
    expect(values).toMatchObject({ level: '3', points: '4,200', name: 'Top', count: '' });
    expect(
      templateValues(
        message('channel.hype_train.begin', { broadcaster_user_name: 'S', top_contributions: [] }),
      ).name,
    ).toBe('S');
  });

  it('describes goals, polls and predictions, with their results', () => {
    expect(
      describeEvent(
        message('channel.goal.progress', {
          type: 'follower',
          description: '',
          current_amount: 120,
          target_amount: 130,
        }),
      ),
    ).toBe('Follower goal: 120 of 130');
    expect(
      describeEvent(message('channel.goal.end', { description: 'New mic', is_achieved: true })),
    ).toBe('New mic: reached!');
    const choices = [
      { title: 'Celeste', votes: 2 },
      { title: 'Hades', votes: 5 },
    ];
    expect(describeEvent(message('channel.poll.progress', { title: 'Next?', choices }))).toBe(
      'Next?: 7 votes',
    );
    expect(describeEvent(message('channel.poll.end', { title: 'Next?', choices }))).toBe(
      'Next?: Hades won',
    );
    expect(
      describeEvent(
        message('channel.poll.end', {
          title: 'Next?',
          choices: [
            { title: 'A', votes: 1 },
            { title: 'B', votes: 1 },
          ],
        }),
      ),
    ).toBe('Next?: a tie: A and B');
    const outcomes = [
      { id: 'y', title: 'Yes', channel_points: 300 },
      { id: 'n', title: 'No', channel_points: 200 },
    ];
    expect(
      describeEvent(
        message('channel.prediction.end', {
          title: 'Win?',
          outcomes,
          winning_outcome_id: 'n',
          status: 'resolved',
        }),
      ),
    ).toBe('Win?: No won');
    expect(
      describeEvent(
        message('channel.prediction.end', {
          title: 'Win?',
          outcomes,
          winning_outcome_id: null,
          status: 'canceled',
        }),
      ),
    ).toBe('Win?: canceled, points refunded');
    expect(describeEvent(message('channel.prediction.progress', { outcomes }))).toBe(
      'Prediction: 500 channel points',
    );
  });
});
