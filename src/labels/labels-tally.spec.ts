import type { TwitchEventType } from '../contract/twitch-events.js';
import { TWITCH_EVENT_TYPES } from '../contract/twitch-events.js';
import { emptyLabels, LabelsTally } from './labels-tally.js';

let nextId = 100;
const event = (type: TwitchEventType, data: Record<string, unknown> = {}, recovered = false) => ({
  type,
  data,
  recovered,
  publishedId: nextId++,
});
const viewer = (name: string) => ({ user_name: name, user_login: name.toLowerCase() });

describe('LabelsTally', () => {
  it('starts with no one and nothing counted', () => {
    const tally = new LabelsTally(TWITCH_EVENT_TYPES);
    expect(tally.labels).toEqual(emptyLabels());
  });

  it('names the latest follower, sub, gift, cheer and raid', () => {
    const tally = new LabelsTally(TWITCH_EVENT_TYPES);
    tally.apply(event('channel.follow', viewer('Ann')));
    tally.apply(event('channel.follow', viewer('Bea')));
    tally.apply(event('channel.subscribe', { ...viewer('Cid'), tier: '2000', is_gift: false }));
    tally.apply(event('channel.subscription.gift', { ...viewer('Dee'), total: 5, tier: '1000' }));
    tally.apply(event('channel.cheer', { ...viewer('Eve'), bits: 250, is_anonymous: false }));
    tally.apply(
      event('channel.raid', {
        from_broadcaster_user_name: 'CozyCastle',
        from_broadcaster_user_login: 'cozycastle',
        viewers: 42,
      }),
    );
    expect(tally.labels).toMatchObject({
      latestFollower: { name: 'Bea', login: 'bea' },
      latestSub: { name: 'Cid', login: 'cid', tier: '2000' },
      latestGift: { name: 'Dee', login: 'dee', subs: 5, tier: '1000' },
      latestCheer: { name: 'Eve', login: 'eve', bits: 250 },
      latestRaid: { name: 'CozyCastle', login: 'cozycastle', viewers: 42 },
      session: { follows: 2, subs: 6, giftedSubs: 5, bits: 250, raids: 1 },
    });
  });

  it('takes a resub as the latest sub and a sub of the session; Bits from channel.bits.use like a cheer', () => {
    const tally = new LabelsTally([
      'channel.subscribe',
      'channel.subscription.message',
      'channel.bits.use',
    ]);
    tally.apply(
      event('channel.subscription.message', {
        ...viewer('Fay'),
        tier: '3000',
        message: { text: 'hi', emotes: null },
        cumulative_months: 14,
        streak_months: null,
      }),
    );
    tally.apply(event('channel.bits.use', { ...viewer('Gus'), bits: 100, type: 'cheer' }));
    tally.apply(event('channel.bits.use', { ...viewer('Gus'), bits: 50, type: 'power_up' }));
    tally.apply(event('channel.bits.use', { ...viewer('Hal'), bits: 120, type: 'combo' }));
    expect(tally.labels).toMatchObject({
      latestSub: { name: 'Fay', login: 'fay', tier: '3000' },
      latestCheer: { name: 'Hal', bits: 120 },
      topCheerer: { name: 'Gus', bits: 150 },
      session: { subs: 1, giftedSubs: 0, bits: 270 },
    });
  });

  it('counts a gift bomb once: its gifted subs that follow it are not counted again', () => {
    const tally = new LabelsTally(TWITCH_EVENT_TYPES);
    tally.apply(event('channel.subscription.gift', { ...viewer('Dee'), total: 2, tier: '1000' }));
    expect(tally.apply(event('channel.subscribe', { ...viewer('R1'), is_gift: true }))).toBe(false);
    expect(tally.apply(event('channel.subscribe', { ...viewer('R2'), is_gift: true }))).toBe(false);
    expect(tally.labels.session).toMatchObject({ subs: 2, giftedSubs: 2 });
    // A gifted sub is not "the latest sub": the gifter is named by the gift.
    expect(tally.labels.latestSub).toBeNull();
  });

  it('counts gifted subs one by one when no gift event comes: recovered, or gifts not subscribed', () => {
    const recovered = new LabelsTally(TWITCH_EVENT_TYPES);
    recovered.apply(event('channel.subscribe', { ...viewer('R1'), is_gift: true }, true));
    expect(recovered.labels.session).toMatchObject({ subs: 1, giftedSubs: 1 });

    const noGifts = new LabelsTally(['channel.subscribe']);
    noGifts.apply(event('channel.subscribe', { ...viewer('R1'), is_gift: true }));
    expect(noGifts.labels.session).toMatchObject({ subs: 1, giftedSubs: 1 });
  });

  it('finds the top cheerer and gifter of the stream by their totals; anonymous ones are never named', () => {
    const tally = new LabelsTally(TWITCH_EVENT_TYPES);
    const cheer = (name: string, bits: number) =>
      tally.apply(event('channel.cheer', { ...viewer(name), bits, is_anonymous: false }));
    cheer('Ann', 300);
    cheer('Bea', 200);
    expect(tally.labels.topCheerer).toEqual({ name: 'Ann', login: 'ann', bits: 300 });
    cheer('Bea', 100); // a tie: Ann got there first
    expect(tally.labels.topCheerer).toEqual({ name: 'Ann', login: 'ann', bits: 300 });
    cheer('Bea', 1);
    expect(tally.labels.topCheerer).toEqual({ name: 'Bea', login: 'bea', bits: 301 });
    tally.apply(
      event('channel.cheer', { user_name: null, user_login: null, bits: 5000, is_anonymous: true }),
    );
    expect(tally.labels.topCheerer?.name).toBe('Bea');
    expect(tally.labels.latestCheer).toEqual({ name: 'Anonymous', login: null, bits: 5000 });
    expect(tally.labels.session.bits).toBe(5601);

    tally.apply(event('channel.subscription.gift', { ...viewer('Cid'), total: 3, tier: '1000' }));
    tally.apply(
      event('channel.subscription.gift', {
        user_name: null,
        user_login: null,
        is_anonymous: true,
        total: 10,
        tier: '1000',
      }),
    );
    expect(tally.labels.topGifter).toEqual({ name: 'Cid', login: 'cid', subs: 3 });
  });

  it('starts a new session when the stream goes live: counts and tops start over, the latest viewers stay', () => {
    const tally = new LabelsTally(TWITCH_EVENT_TYPES);
    tally.apply(event('channel.follow', viewer('Ann')));
    tally.apply(event('channel.cheer', { ...viewer('Bea'), bits: 100, is_anonymous: false }));
    const online = event('stream.online', { started_at: '2026-11-26T17:00:00Z' });
    tally.apply(online);
    expect(tally.labels).toMatchObject({
      sessionStartedAt: '2026-11-26T17:00:00.000Z',
      sessionSinceId: online.publishedId - 1,
      latestFollower: { name: 'Ann' },
      latestCheer: { name: 'Bea', bits: 100 },
      topCheerer: null,
      session: { follows: 0, subs: 0, giftedSubs: 0, bits: 0, raids: 0 },
    });
    // Bea's bits of the last stream do not count towards this one's top.
    tally.apply(event('channel.cheer', { ...viewer('Cid'), bits: 10, is_anonymous: false }));
    tally.apply(event('channel.cheer', { ...viewer('Bea'), bits: 5, is_anonymous: false }));
    expect(tally.labels.topCheerer).toEqual({ name: 'Cid', login: 'cid', bits: 10 });
  });

  it('rebuilds the totals behind the tops from a session’s events, without counting them again', () => {
    const before = new LabelsTally(TWITCH_EVENT_TYPES);
    const events = [
      event('channel.cheer', { ...viewer('Ann'), bits: 300, is_anonymous: false }),
      event('channel.cheer', { ...viewer('Bea'), bits: 250, is_anonymous: false }),
    ];
    events.forEach((e) => before.apply(e));
    const after = new LabelsTally(TWITCH_EVENT_TYPES, before.labels);
    events.forEach((e) => after.recount(e));
    expect(after.labels).toEqual(before.labels);
    after.apply(event('channel.cheer', { ...viewer('Bea'), bits: 100, is_anonymous: false }));
    expect(after.labels.topCheerer).toEqual({ name: 'Bea', login: 'bea', bits: 350 });
    expect(after.labels.session.bits).toBe(650);
  });

  it('a reset starts the session over from an id', () => {
    const tally = new LabelsTally(TWITCH_EVENT_TYPES);
    tally.apply(event('channel.follow', viewer('Ann')));
    tally.resetSession(555);
    expect(tally.labels).toMatchObject({
      sessionStartedAt: null,
      sessionSinceId: 555,
      latestFollower: { name: 'Ann' },
      session: { follows: 0 },
    });
  });

  it('reads odd payloads without "undefined": missing names and amounts', () => {
    const tally = new LabelsTally(TWITCH_EVENT_TYPES);
    tally.apply(event('channel.follow', {}));
    tally.apply(event('channel.cheer', { bits: 'lots' }));
    expect(tally.labels.latestFollower).toEqual({ name: 'Someone', login: null });
    expect(tally.labels.latestCheer).toEqual({ name: 'Someone', login: null, bits: 0 });
    expect(JSON.stringify(tally.labels)).not.toMatch(/undefined/);
  });
});
