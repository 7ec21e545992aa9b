import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { CreditsTally } from './credits-tally.js';

const event = (
  type: TwitchEventType,
  data: Record<string, unknown>,
  extra: Partial<EventMessage> = {},
): EventMessage => ({ type: 'event', event: type, data, ...extra });

describe('CreditsTally', () => {
  it('names each viewer once per section, in the order they first appeared, their amounts added up', () => {
    const tally = new CreditsTally('channel.cheer');
    tally.add(event('channel.follow', { user_login: 'ann', user_name: 'Ann' }));
    tally.add(event('channel.follow', { user_login: 'bob', user_name: 'Bob' }));
    tally.add(event('channel.follow', { user_login: 'ANN', user_name: 'Ann' }));
    tally.add(event('channel.cheer', { user_login: 'cat', user_name: 'Cat', bits: 100 }));
    tally.add(event('channel.cheer', { user_login: 'dan', user_name: 'Dan', bits: 5 }));
    tally.add(event('channel.cheer', { user_login: 'cat', user_name: 'Cat', bits: 50 }));
    tally.add(
      event('channel.raid', {
        from_broadcaster_user_login: 'ray',
        from_broadcaster_user_name: 'Ray',
        viewers: 12,
      }),
    );
    tally.add(
      event('channel.channel_points_custom_reward_redemption.add', {
        user_login: 'rita',
        user_name: 'Rita',
        reward: { title: 'Hydrate!' },
      }),
    );
    tally.add(
      event('channel.channel_points_custom_reward_redemption.add', {
        user_login: 'rita',
        user_name: 'Rita',
      }),
    );

    const sections = tally.sections();
    expect(sections.followers).toEqual([
      { name: 'Ann', login: 'ann', amount: 1 },
      { name: 'Bob', login: 'bob', amount: 1 },
    ]);
    expect(sections.cheerers).toEqual([
      { name: 'Cat', login: 'cat', amount: 150 },
      { name: 'Dan', login: 'dan', amount: 5 },
    ]);
    expect(sections.raiders).toEqual([{ name: 'Ray', login: 'ray', amount: 12 }]);
    expect(sections.redeemers).toEqual([{ name: 'Rita', login: 'rita', amount: 2 }]);
    expect(sections.subscribers).toEqual([]);
    expect(sections.gifters).toEqual([]);
  });

  it('counts new subs and resubs (by months), and names a gift bomb’s gifter rather than its recipients', () => {
    const tally = new CreditsTally('channel.cheer');
    tally.add(event('channel.subscribe', { user_login: 'neo', user_name: 'Neo', is_gift: false }));
    tally.add(
      event('channel.subscription.message', {
        user_login: 'old',
        user_name: 'Old',
        cumulative_months: 14,
      }),
    );
    tally.add(
      event('channel.subscription.gift', {
        user_login: 'santa',
        user_name: 'Santa',
        total: 5,
        is_anonymous: false,
      }),
    );
    tally.add(
      event('channel.subscribe', { user_login: 'lucky', user_name: 'Lucky', is_gift: true }),
    );
    tally.add(
      event('channel.subscription.gift', {
        user_login: 'santa',
        user_name: 'Santa',
        total: 1,
        is_anonymous: false,
      }),
    );
    tally.add(
      event('channel.subscription.gift', {
        user_login: null,
        user_name: null,
        total: 3,
        is_anonymous: true,
      }),
    );
    tally.add(
      event('channel.subscription.gift', {
        user_login: null,
        user_name: null,
        total: 2,
        is_anonymous: true,
      }),
    );

    const sections = tally.sections();
    expect(sections.subscribers).toEqual([
      { name: 'Neo', login: 'neo', amount: 1 },
      { name: 'Old', login: 'old', amount: 14 },
    ]);
    expect(sections.gifters).toEqual([
      { name: 'Santa', login: 'santa', amount: 6 },
      { name: null, login: null, amount: 5 },
    ]);
  });

  it('counts Bits from the one type subscribed to, so a cheer sent as both counts once', () => {
    const cheer = { user_login: 'cat', user_name: 'Cat', bits: 100 };
    for (const bitsFrom of ['channel.cheer', 'channel.bits.use'] as const) {
      const tally = new CreditsTally(bitsFrom);
      tally.add(event('channel.cheer', cheer));
      tally.add(event('channel.bits.use', { ...cheer, type: 'cheer' }));
      tally.add(event('channel.cheer', { is_anonymous: true, user_login: null, bits: 10 }));
      expect({ bitsFrom, cheerers: tally.sections().cheerers }).toEqual({
        bitsFrom,
        cheerers:
          bitsFrom === 'channel.cheer'
            ? [
                { name: 'Cat', login: 'cat', amount: 100 },
                { name: null, login: null, amount: 10 },
              ]
            : [{ name: 'Cat', login: 'cat', amount: 100 }],
      });
    }
  });

  it('leaves out test alerts, replays, nameless events and the types the credits do not name', () => {
    const tally = new CreditsTally('channel.cheer');
    tally.add(event('channel.follow', { user_login: 'tester' }, { test: true }));
    tally.add(event('channel.follow', { user_login: 'again' }, { replayOf: 4 }));
    tally.add(event('channel.follow', { user_login: '' }));
    tally.add(event('channel.follow', { user_name: 'No login' }));
    tally.add(event('stream.online', { broadcaster_user_login: 'streamer' }));
    tally.add(event('channel.hype_train.begin', { level: 1 }));
    // A recovered event is the stream's: gap recovery found it.
    tally.add(event('channel.follow', { user_login: 'found' }, { recovered: true }));
    expect(tally.sections().followers).toEqual([{ name: 'found', login: 'found', amount: 1 }]);
  });
});
