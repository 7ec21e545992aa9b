import { jest } from '@jest/globals';
import type { EventMessage, TwitchEventType } from '../../contract/sse-contract.js';
import { PrimeNotices } from './prime-notices.js';

const event = (name: TwitchEventType, data: Record<string, unknown>): EventMessage => ({
  type: 'event',
  event: name,
  data,
});
const notice = (kind: 'sub' | 'resub', user: string, prime: boolean, extra = {}) =>
  event('channel.chat.notification', {
    chatter_user_id: user,
    notice_type: kind,
    [kind]: { is_prime: prime, sub_tier: '1000' },
    ...extra,
  });
const sub = (user: string, extra = {}) =>
  event('channel.subscribe', { user_id: user, tier: '1000', is_gift: false, ...extra });
const resub = (user: string) => event('channel.subscription.message', { user_id: user });

describe('PrimeNotices: the chat’s notice of a sub, matched to the sub’s own event', () => {
  afterEach(() => jest.useRealTimers());

  it('matches a notice that came first by kind and viewer, once', () => {
    const notices = new PrimeNotices();
    notices.take(notice('resub', 'ann', true));
    notices.take(notice('sub', 'bob', false));
    expect(notices.primeOf(sub('ann'))).toBeNull(); // ann's notice is of a resub
    expect(notices.primeOf(resub('ann'))).toBe(true);
    expect(notices.primeOf(resub('ann'))).toBeNull(); // used up
    expect(notices.primeOf(sub('bob'))).toBe(false);
  });

  it('hands a notice that comes second to the alert waiting for it, or says none came', async () => {
    jest.useFakeTimers();
    const notices = new PrimeNotices();
    const waiting = notices.waitFor(sub('cy'), 1500);
    notices.take(notice('sub', 'cy', true));
    await expect(waiting).resolves.toBe(true);
    const nobody = notices.waitFor(sub('dee'), 1500);
    jest.advanceTimersByTime(1500);
    await expect(nobody).resolves.toBeNull();
  });

  it('finds no notice for a gifted sub, a test alert, a replay or a recovered sub, nor for other events', () => {
    const notices = new PrimeNotices();
    notices.take(notice('sub', 'eve', true));
    expect(notices.primeOf(sub('eve', { is_gift: true }))).toBeUndefined();
    expect(notices.primeOf({ ...sub('eve'), test: true })).toBeUndefined();
    expect(notices.primeOf({ ...sub('eve'), replayOf: 3 })).toBeUndefined();
    expect(notices.primeOf(event('channel.follow', { user_id: 'eve' }))).toBeUndefined();
    expect(notices.primeOf(sub('eve'))).toBe(true);
  });

  it('lets a notice go after a minute', () => {
    let now = 0;
    const notices = new PrimeNotices(() => now);
    notices.take(notice('sub', 'old', true));
    now = 61_000;
    notices.take(notice('sub', 'new', true));
    expect(notices.primeOf(sub('old'))).toBeNull();
    expect(notices.primeOf(sub('new'))).toBe(true);
  });
});
