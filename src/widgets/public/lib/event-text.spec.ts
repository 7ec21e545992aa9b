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
      { text: 'A', value: true },
      { text: ' gave ', value: false },
      { text: '5', value: true },
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
