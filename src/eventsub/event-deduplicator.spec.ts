import type { TwitchEventType } from '../contract/twitch-events.js';
import { EventDeduplicator } from './event-deduplicator.js';
import { eventIdentity } from '../event-types/event-types.js';
import { IDENTITY_WINDOW_MS } from './event-identity.js';

const follow = (user: string, at: string) => ({ user_id: user, user_login: user, followed_at: at });
const online = (streamId: string) => ({
  id: streamId,
  type: 'live',
  started_at: '2026-12-01T10:00:00Z',
});
const anonymous = { user_id: null, user_login: null, user_name: null, is_anonymous: true };

describe('EventDeduplicator', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('merges a follow or a stream.online sent again under a new message_id, and names the first id', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(
      dedupe.repeatOf('channel.follow', follow('1', '2026-11-26T17:00:00Z'), 'm1'),
    ).toBeUndefined();
    expect(dedupe.repeatOf('channel.follow', follow('1', '2026-11-26T17:00:00Z'), 'm2')).toEqual({
      messageId: 'm1',
    });
    expect(dedupe.repeatOf('stream.online', online('s1'), 'm3')).toBeUndefined();
    expect(dedupe.repeatOf('stream.online', online('s1'), 'm4')).toEqual({ messageId: 'm3' });
  });

  it('forgets identities as their window ends, oldest first: one seen again after its window counts from then', () => {
    let time = 0;
    const dedupe = new EventDeduplicator(() => time);
    const a = follow('a', '2026-11-26T17:00:00Z');
    const b = follow('b', '2026-11-26T17:00:00Z');
    dedupe.repeatOf('channel.follow', a, 'a1');
    time = IDENTITY_WINDOW_MS / 2;
    dedupe.repeatOf('channel.follow', b, 'b1');
    time = IDENTITY_WINDOW_MS + 1;
    // `a`'s window is over: seen again, it is new, and remembered from now.
    expect(dedupe.repeatOf('channel.follow', a, 'a2')).toBeUndefined();
    time = IDENTITY_WINDOW_MS * 1.5 + 2;
    // `b`'s window is over too; `a`'s second one is not.
    expect(dedupe.repeatOf('channel.follow', a, 'a3')).toEqual({ messageId: 'a2' });
    expect(dedupe.size).toBe(1);
  });

  it('tells follows apart by user and followed_at, and broadcasts by stream id', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(
      dedupe.repeatOf('channel.follow', follow('1', '2026-11-26T17:00:00Z'), 'a'),
    ).toBeUndefined();
    expect(
      dedupe.repeatOf('channel.follow', follow('2', '2026-11-26T17:00:00Z'), 'b'),
    ).toBeUndefined();
    // Unfollowed and followed again: a new followed_at, a new follow.
    expect(
      dedupe.repeatOf('channel.follow', follow('1', '2026-11-26T17:05:00Z'), 'c'),
    ).toBeUndefined();
    expect(dedupe.repeatOf('stream.online', online('s2'), 'd')).toBeUndefined();
    expect(dedupe.repeatOf('stream.online', online('s3'), 'e')).toBeUndefined();
  });

  it('never merges cheers, gift bombs, subs, raids or offlines, however alike (they carry no identity)', () => {
    const dedupe = new EventDeduplicator(clock);
    const alike: [TwitchEventType, Record<string, unknown>][] = [
      ['channel.cheer', { ...anonymous, bits: 100, message: 'Cheer100' }],
      ['channel.cheer', { user_id: '7', bits: 100, message: 'Cheer100 hype', is_anonymous: false }],
      [
        'channel.subscription.gift',
        { ...anonymous, total: 5, tier: '1000', cumulative_total: null },
      ],
      ['channel.subscribe', { user_id: '7', tier: '1000', is_gift: false }],
      ['channel.raid', { from_broadcaster_user_id: '9', viewers: 10 }],
      ['stream.offline', { broadcaster_user_id: '1' }],
    ];
    for (const [type, data] of alike) {
      expect(eventIdentity(type, data)).toBeUndefined();
      expect(dedupe.repeatOf(type, data, 'x')).toBeUndefined();
      expect(dedupe.repeatOf(type, data, 'y')).toBeUndefined();
    }
    expect(dedupe.size).toBe(0);
  });

  it('does not merge a follow or stream.online whose identifying field is missing', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(eventIdentity('channel.follow', { user_id: '1' })).toBeUndefined();
    expect(eventIdentity('channel.follow', { user_id: '1', followed_at: '' })).toBeUndefined();
    expect(eventIdentity('stream.online', { id: null })).toBeUndefined();
    expect(dedupe.repeatOf('channel.follow', { user_id: '1' }, 'a')).toBeUndefined();
    expect(dedupe.repeatOf('channel.follow', { user_id: '1' }, 'b')).toBeUndefined();
  });

  it('keeps naming the first message_id for every later repeat within the window', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(dedupe.repeatOf('stream.online', online('s9'), 'first')).toBeUndefined();
    expect(dedupe.repeatOf('stream.online', online('s9'), 'second')).toEqual({
      messageId: 'first',
    });
    expect(dedupe.repeatOf('stream.online', online('s9'), 'third')).toEqual({ messageId: 'first' });
    expect(dedupe.size).toBe(1);
  });

  it('forgets an identity after its window, and the next sighting starts a new one', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(dedupe.repeatOf('channel.follow', follow('1', 'x'), 'a')).toBeUndefined();
    now += IDENTITY_WINDOW_MS - 1;
    expect(dedupe.repeatOf('channel.follow', follow('1', 'x'), 'b')).toEqual({ messageId: 'a' });
    now += 2;
    // A repeat does not stretch the window: 'b' came inside it, and 'c' comes after it.
    expect(dedupe.repeatOf('channel.follow', follow('1', 'x'), 'c')).toBeUndefined();
    expect(dedupe.repeatOf('channel.follow', follow('1', 'x'), 'd')).toEqual({ messageId: 'c' });
  });

  it('keeps memory bounded: expired identities are dropped', () => {
    const dedupe = new EventDeduplicator(clock);
    for (let i = 0; i < 100; i++)
      dedupe.repeatOf('channel.follow', follow(String(i), 'x'), `m${i}`);
    expect(dedupe.size).toBe(100);
    now += IDENTITY_WINDOW_MS + 2000;
    dedupe.repeatOf('channel.follow', follow('new', 'x'), 'm');
    expect(dedupe.size).toBe(1);
  });

  it('keeps a recovered event and its late live delivery to one: by identity, or by user for a sub', () => {
    const dedupe = new EventDeduplicator(clock);
    const sub = { user_id: '42', tier: '1000', is_gift: false };
    expect(dedupe.recoveredRepeatOf('channel.follow', follow('7', 'T'))).toBeUndefined();
    // The late live delivery repeats the recovered follow, which came with no message_id.
    expect(dedupe.repeatOf('channel.follow', follow('7', 'T'), 'late')).toEqual({
      messageId: undefined,
    });
    // Recovered twice (a second gap's Helix list still shows it): published once.
    expect(dedupe.recoveredRepeatOf('channel.follow', follow('7', 'T'))).toEqual({
      messageId: undefined,
    });
    expect(dedupe.recoveredRepeatOf('channel.subscribe', sub)).toBeUndefined();
    expect(dedupe.repeatsRecovered('channel.subscribe', sub)).toBe(true);
    // One late delivery matched the recovered sub; a later one is a new sub.
    expect(dedupe.repeatsRecovered('channel.subscribe', sub)).toBe(false);
    // Another user's sub, or the same user's after the window, is not the recovered one.
    expect(
      dedupe.recoveredRepeatOf('channel.subscribe', { ...sub, user_id: '43' }),
    ).toBeUndefined();
    expect(dedupe.repeatsRecovered('channel.subscribe', sub)).toBe(false);
    now += IDENTITY_WINDOW_MS;
    expect(dedupe.repeatsRecovered('channel.subscribe', { ...sub, user_id: '43' })).toBe(false);
  });

  it('a follow published live is not recovered again, and names its message_id', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(dedupe.repeatOf('channel.follow', follow('8', 'T'), 'live-1')).toBeUndefined();
    expect(dedupe.recoveredRepeatOf('channel.follow', follow('8', 'T'))).toEqual({
      messageId: 'live-1',
    });
  });

  it('matches a follow Helix lists (whole seconds) with the one EventSub sent (fractions of a second)', () => {
    const dedupe = new EventDeduplicator(clock);
    dedupe.remember('channel.follow', follow('7', '2026-12-01T15:50:00.17106713Z'));
    expect(dedupe.recoveredRepeatOf('channel.follow', follow('7', '2026-12-01T15:50:00Z'))).toEqual(
      { messageId: undefined },
    );
    // The next second is another follow.
    expect(
      dedupe.recoveredRepeatOf('channel.follow', follow('7', '2026-12-01T15:50:01Z')),
    ).toBeUndefined();
  });

  it('never recovers what was published before (remembered after a restart)', () => {
    const dedupe = new EventDeduplicator(clock);
    dedupe.remember('channel.subscribe', { user_id: '42' });
    dedupe.remember('channel.follow', follow('7', 'T'));
    expect(dedupe.recoveredRepeatOf('channel.subscribe', { user_id: '42' })).toEqual({
      messageId: undefined,
    });
    expect(dedupe.recoveredRepeatOf('channel.follow', follow('7', 'T'))).toEqual({
      messageId: undefined,
    });
    // Remembering does not take the place of a live sighting: a live delivery still passes once.
    expect(dedupe.repeatOf('channel.follow', follow('9', 'T'), 'live')).toBeUndefined();
    dedupe.remember('channel.follow', follow('9', 'T'));
    expect(dedupe.repeatOf('channel.follow', follow('9', 'T'), 'again')).toEqual({
      messageId: 'live',
    });
    // A live sub of that user is not taken for a repeat of the remembered one.
    expect(dedupe.repeatsRecovered('channel.subscribe', { user_id: '42' })).toBe(false);
  });
});
