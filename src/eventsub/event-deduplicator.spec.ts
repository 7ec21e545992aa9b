import { EventDeduplicator } from './event-deduplicator.js';
import { TIMESTAMPED_WINDOW_MS, UNTIMESTAMPED_WINDOW_MS } from './event-identity.js';

const follow = (user: string, at: string) => ({ user_id: user, user_login: user, followed_at: at });
const cheer = (user: string, bits: number, message = 'Cheer100') => ({
  user_id: user,
  bits,
  message,
  is_anonymous: false,
});

describe('EventDeduplicator', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('lets an event through once, however often it is delivered', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(dedupe.firstSighting('channel.follow', follow('1', '2026-11-26T17:00:00Z'))).toBe(true);
    expect(dedupe.firstSighting('channel.follow', follow('1', '2026-11-26T17:00:00Z'))).toBe(false);
  });

  it('tells different events apart by user, timestamp and amounts', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(dedupe.firstSighting('channel.follow', follow('1', '2026-11-26T17:00:00Z'))).toBe(true);
    expect(dedupe.firstSighting('channel.follow', follow('2', '2026-11-26T17:00:00Z'))).toBe(true);
    expect(dedupe.firstSighting('channel.follow', follow('1', '2026-11-26T17:05:00Z'))).toBe(true);
    expect(dedupe.firstSighting('channel.cheer', cheer('1', 100))).toBe(true);
    expect(dedupe.firstSighting('channel.cheer', cheer('1', 500))).toBe(true);
    expect(
      dedupe.firstSighting('channel.raid', { from_broadcaster_user_id: '9', viewers: 10 }),
    ).toBe(true);
    expect(
      dedupe.firstSighting('channel.raid', { from_broadcaster_user_id: '9', viewers: 11 }),
    ).toBe(true);
  });

  it('forgets an identity after its window, so a real repeat later is shown', () => {
    const dedupe = new EventDeduplicator(clock);
    expect(dedupe.firstSighting('channel.cheer', cheer('1', 100))).toBe(true);
    now += UNTIMESTAMPED_WINDOW_MS + 1;
    expect(dedupe.firstSighting('channel.cheer', cheer('1', 100))).toBe(true);
    expect(dedupe.firstSighting('channel.follow', follow('1', 'x'))).toBe(true);
    now += TIMESTAMPED_WINDOW_MS - 1;
    expect(dedupe.firstSighting('channel.follow', follow('1', 'x'))).toBe(false);
    now += 2;
    expect(dedupe.firstSighting('channel.follow', follow('1', 'x'))).toBe(true);
  });

  it('keeps memory bounded: expired identities are dropped', () => {
    const dedupe = new EventDeduplicator(clock);
    for (let i = 0; i < 100; i++) dedupe.firstSighting('channel.follow', follow(String(i), 'x'));
    expect(dedupe.size).toBe(100);
    now += TIMESTAMPED_WINDOW_MS + 2000;
    dedupe.firstSighting('channel.follow', follow('new', 'x'));
    expect(dedupe.size).toBe(1);
  });
});
