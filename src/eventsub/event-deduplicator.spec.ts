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

  it('forgets an identity after its window', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(dedupe.repeatOf('channel.follow', follow('1', 'x'), 'a')).toBeUndefined();
    now += IDENTITY_WINDOW_MS - 1;
    expect(dedupe.repeatOf('channel.follow', follow('1', 'x'), 'b')).toBeDefined();
    now += 2;
    expect(dedupe.repeatOf('channel.follow', follow('1', 'x'), 'c')).toBeUndefined();
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
    expect(dedupe.repeatOf('channel.follow', follow('7', 'T'), 'late')).toBeDefined();
    expect(dedupe.recoveredRepeatOf('channel.subscribe', sub)).toBeUndefined();
    expect(dedupe.repeatsRecovered('channel.subscribe', sub)).toBe(true);
    // One late delivery matched the recovered sub; a later one is a new sub.
    expect(dedupe.repeatsRecovered('channel.subscribe', sub)).toBe(false);
  });

  it('matches a follow Helix lists (whole seconds) with the one EventSub sent (fractions of a second)', () => {
    const dedupe = new EventDeduplicator(clock);
    dedupe.remember('channel.follow', follow('7', '2026-12-01T15:50:00.17106713Z'));
    expect(
      dedupe.recoveredRepeatOf('channel.follow', follow('7', '2026-12-01T15:50:00Z')),
    ).toBeDefined();
  });

  it('never recovers what was published before (remembered after a restart)', () => {
    const dedupe = new EventDeduplicator(clock);
    dedupe.remember('channel.subscribe', { user_id: '42' });
    dedupe.remember('channel.follow', follow('7', 'T'));
    expect(dedupe.recoveredRepeatOf('channel.subscribe', { user_id: '42' })).toBeDefined();
    expect(dedupe.recoveredRepeatOf('channel.follow', follow('7', 'T'))).toBeDefined();
    // A live sub of that user is not taken for a repeat of the remembered one.
    expect(dedupe.repeatsRecovered('channel.subscribe', { user_id: '42' })).toBe(false);
  });
});
