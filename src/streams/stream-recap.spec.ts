import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { StreamRecapTally, summaryOf } from './stream-recap.js';
import type { StreamSpan } from './stream-span.js';

const span: StreamSpan = {
  id: 3,
  startedAt: '2026-12-01T18:00:00.000Z',
  startSource: 'stream.online',
  firstId: 100,
  endedAt: '2026-12-01T20:30:00.000Z',
  endSource: 'stream.offline',
  lastId: 200,
  lastLivePollAt: '2026-12-01T20:29:00.000Z',
  viewers: { polls: 4, peak: 90, sum: 250, last: 30 },
};

const context = {
  series: [],
  now: Date.parse('2026-12-02T00:00:00Z'),
  incomplete: [],
  mayBeMissing: [],
};

function event(
  type: TwitchEventType,
  data: Record<string, unknown>,
  extra: Partial<EventMessage> = {},
): EventMessage {
  return { type: 'event', event: type, data, ...extra };
}

const sub = (login: string, tier: string, isGift = false) =>
  event('channel.subscribe', { user_login: login, user_name: login, tier, is_gift: isGift });
const gift = (login: string | null, total: number, tier = '1000') =>
  event('channel.subscription.gift', {
    user_login: login,
    user_name: login === null ? null : login.toUpperCase(),
    total,
    tier,
    is_anonymous: login === null,
  });
const cheer = (login: string, bits: number) =>
  event('channel.cheer', { user_login: login, user_name: login, bits, is_anonymous: false });
const bitsUse = (login: string, bits: number, type: string) =>
  event('channel.bits.use', { user_login: login, user_name: login, bits, type });

const HYPE_START = '2026-12-01T19:10:00.000Z';
const HYPE_SEEN = '2026-12-01T19:40:00.000Z';

function tally(types: TwitchEventType[], events: EventMessage[]) {
  const recap = new StreamRecapTally(types);
  events.forEach((message) => recap.add(message));
  return recap.recap(span, context);
}

const WITH_GIFTS: TwitchEventType[] = [
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.message',
  'channel.subscription.gift',
  'channel.cheer',
  'channel.raid',
];

describe('A stream’s recap', () => {
  it('gives start, end, duration and the polls’ peak, average and last viewers', () => {
    const recap = tally(WITH_GIFTS, []);
    expect(recap).toMatchObject({
      id: 3,
      live: false,
      durationSeconds: 9_000,
      viewers: { polls: 4, peak: 90, average: 63, last: 30 },
    });
    expect(summaryOf({ ...span, viewers: { polls: 0, peak: 0, sum: 0, last: 0 } }).viewers).toEqual(
      {
        polls: 0,
        peak: null,
        average: null,
        last: null,
      },
    );
  });

  it('splits subs into new, resub and gifted, by tier, and counts a gift bomb’s subs once', () => {
    const recap = tally(WITH_GIFTS, [
      sub('ana', '1000'),
      sub('bo', '2000'),
      event('channel.subscription.message', {
        user_login: 'cy',
        tier: '3000',
        cumulative_months: 7,
      }),
      gift('gifty', 5),
      // The five gifted subs Twitch announces after the gift: its total counted them.
      ...Array.from({ length: 5 }, (_, i) => sub(`lucky${i}`, '1000', true)),
      gift(null, 2, '2000'),
    ]);
    expect(recap.subs).toEqual({
      new: 2,
      resub: 1,
      gifted: 7,
      byTier: { '1000': 6, '2000': 3, '3000': 1 },
    });
    expect(recap.giftBombs).toEqual({
      count: 2,
      subs: 7,
      gifters: [
        { name: 'GIFTY', login: 'gifty', gifts: 1, subs: 5 },
        { name: null, login: null, gifts: 1, subs: 2 },
      ],
    });
    expect(recap.topGifter).toEqual({ name: 'GIFTY', login: 'gifty', amount: 5 });
  });

  it('counts each gifted sub when gift events are not subscribed to', () => {
    const types = WITH_GIFTS.filter((type) => type !== 'channel.subscription.gift');
    const recap = tally(types, [sub('a', '1000', true), sub('b', '1000', true)]);
    expect(recap.subs).toMatchObject({ new: 0, gifted: 2 });
  });

  it('counts cheers from channel.cheer, with no Power-ups or Combos split, and names the top cheerer', () => {
    const recap = tally(WITH_GIFTS, [cheer('ana', 100), cheer('bo', 300), cheer('ana', 250)]);
    expect(recap.bits).toEqual({ total: 650, cheers: 650, powerUps: null, combos: null });
    expect(recap.topCheerer).toEqual({ name: 'ana', login: 'ana', amount: 350 });
  });

  it('splits Bits into cheers, Power-ups and Combos from channel.bits.use, and counts a cheer once', () => {
    const types: TwitchEventType[] = ['channel.bits.use'];
    const recap = tally(types, [
      bitsUse('ana', 100, 'cheer'),
      // Twitch sends the same cheer as channel.cheer too: not counted again.
      cheer('ana', 100),
      bitsUse('bo', 50, 'power_up'),
      bitsUse('cy', 20, 'combo'),
    ]);
    expect(recap.bits).toEqual({ total: 170, cheers: 100, powerUps: 50, combos: 20 });
  });

  it('names the top cheerer by cheers alone: Power-ups and Combos are Bits, not cheers', () => {
    const recap = tally(
      ['channel.bits.use'],
      [bitsUse('ana', 100, 'cheer'), bitsUse('bo', 500, 'power_up'), bitsUse('cy', 300, 'combo')],
    );
    expect(recap.topCheerer).toEqual({ name: 'ana', login: 'ana', amount: 100 });
  });

  it('lists raids, redemptions by reward, hype train levels and goals reached', () => {
    const recap = tally(WITH_GIFTS, [
      event(
        'channel.raid',
        {
          from_broadcaster_user_name: 'Raider',
          from_broadcaster_user_login: 'raider',
          viewers: 42,
        },
        { sentAt: '2026-12-01T19:00:00.000Z' },
      ),
      ...['Hydrate', 'Hydrate', 'Song'].map((title) =>
        event('channel.channel_points_custom_reward_redemption.add', { reward: { title } }),
      ),
      event('channel.hype_train.begin', { id: 'h1', level: 1, started_at: HYPE_START }),
      event('channel.hype_train.progress', { id: 'h1', level: 3, started_at: HYPE_START }),
      event('channel.hype_train.end', { id: 'h1', level: 3, started_at: HYPE_START }),
      // A train whose events do not say when it began: when its first event arrived.
      event('channel.hype_train.progress', { id: 'h2', level: 1 }, { sentAt: HYPE_SEEN }),
      event('channel.goal.end', {
        type: 'follower',
        description: 'Big goal',
        target_amount: 10,
        is_achieved: true,
      }),
      event('channel.goal.end', {
        type: 'subscription',
        description: 'Missed',
        target_amount: 99,
        is_achieved: false,
      }),
      event('channel.follow', { user_login: 'f1' }),
      event('channel.follow', { user_login: 'f2' }),
    ]);
    expect(recap.raids).toEqual([
      { from: 'Raider', login: 'raider', viewers: 42, at: '2026-12-01T19:00:00.000Z' },
    ]);
    expect(recap.redemptions).toEqual([
      { reward: 'Hydrate', count: 2 },
      { reward: 'Song', count: 1 },
    ]);
    expect(recap.hypeTrains).toEqual([
      { id: 'h1', level: 3, ended: true, startedAt: HYPE_START },
      { id: 'h2', level: 1, ended: false, startedAt: HYPE_SEEN },
    ]);
    expect(recap.goalsReached).toEqual([{ type: 'follower', description: 'Big goal', target: 10 }]);
    expect(recap.followers).toBe(2);
    expect(recap.events).toBe(12);
  });

  it('leaves out test alerts and replays, and says what gap recovery added', () => {
    const gap = { start: '2026-12-01T19:00:00.000Z', end: '2026-12-01T19:05:00.000Z' };
    const recap = new StreamRecapTally(WITH_GIFTS);
    recap.add(event('channel.follow', { user_login: 'real' }));
    recap.add(event('channel.follow', { user_login: 'test' }, { test: true }));
    recap.add(event('channel.follow', { user_login: 'again' }, { replayOf: 5 }));
    recap.add(event('channel.follow', { user_login: 'late' }, { recovered: true, gap }));
    recap.add(sub('late_sub', '1000'));
    const result = recap.recap(span, {
      ...context,
      incomplete: ['raids'],
      mayBeMissing: ['channel.raid'],
    });
    expect(result.followers).toBe(2);
    expect(result.recovery).toEqual({
      recovered: { 'channel.follow': 1 },
      gaps: [gap],
      mayBeMissing: ['channel.raid'],
    });
    expect(result.incomplete).toEqual(['raids']);
  });

  it('times a live stream up to now', () => {
    const live = { ...span, endedAt: null, endSource: null, lastId: null };
    const recap = new StreamRecapTally(WITH_GIFTS).recap(live, {
      ...context,
      now: Date.parse('2026-12-01T18:10:00.000Z'),
    });
    expect(recap).toMatchObject({ live: true, durationSeconds: 600, endedAt: null });
  });
});
