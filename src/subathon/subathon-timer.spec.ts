import { TWITCH_EVENT_TYPES } from '../contract/twitch-events.js';
import {
  DEFAULT_SUBATHON_SETTINGS,
  eventWorthMs,
  MAX_SUBATHON_SECONDS,
  SubathonTimer,
} from './subathon-timer.js';

const MIN = 60_000;

/** A timer on a clock the test moves by hand. */
function setUp(settings: Partial<typeof DEFAULT_SUBATHON_SETTINGS> = {}) {
  let now = Date.parse('2026-11-26T17:00:00Z');
  const timer = new SubathonTimer(() => now);
  timer.updateSettings({ startSeconds: 3600, ...settings });
  return {
    timer,
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

const sub = (tier = '1000', extra: Record<string, unknown> = {}) => ({
  type: 'channel.subscribe' as const,
  data: { user_login: 'ann', tier, is_gift: false, ...extra },
});

describe('SubathonTimer', () => {
  it('waits at the start time until started, then counts down; pause holds it', () => {
    const { timer, advance } = setUp();
    expect(timer.data).toMatchObject({ state: 'idle', remainingMs: 60 * MIN, endsAt: null });
    advance(5 * MIN);
    expect(timer.data.remainingMs).toBe(60 * MIN);
    timer.resume();
    advance(10 * MIN);
    timer.pause();
    expect(timer.data).toMatchObject({
      state: 'paused',
      remainingMs: 50 * MIN,
      elapsedMs: 10 * MIN,
    });
    advance(30 * MIN);
    expect(timer.data.remainingMs).toBe(50 * MIN);
  });

  it('while running, says when it ends; that time does not move as time passes', () => {
    const { timer, advance, now } = setUp();
    timer.resume();
    const endsAt = timer.data.endsAt;
    expect(endsAt).toBe(new Date(now() + 60 * MIN).toISOString());
    advance(12_345);
    timer.settle();
    expect(timer.data.endsAt).toBe(endsAt);
    expect(timer.data.remainingMs).toBe(60 * MIN - 12_345);
  });

  it('ends at zero, and events add nothing after that', () => {
    const { timer, advance } = setUp({ startSeconds: 60 });
    timer.resume();
    advance(61_000);
    expect(timer.settle()).toBe(true);
    expect(timer.data).toMatchObject({ state: 'ended', remainingMs: 0, elapsedMs: 60_000 });
    expect(timer.addForEvent(sub(), TWITCH_EVENT_TYPES)).toBeNull();
    expect(() => timer.resume()).toThrow(/at zero: add time to it, or reset it/);
  });

  it('adds per tier, per gifted sub, per 100 bits and per follow while running or paused; not before it starts', () => {
    const { timer } = setUp({ followSeconds: 10, giftedSubSeconds: 30 });
    expect(timer.addForEvent(sub(), TWITCH_EVENT_TYPES)).toBeNull();
    timer.resume();
    timer.pause();
    const added = (event: Parameters<SubathonTimer['addForEvent']>[0]) =>
      timer.addForEvent(event, TWITCH_EVENT_TYPES)?.addedMs;
    expect(added(sub('1000'))).toBe(60_000);
    expect(added(sub('2000'))).toBe(120_000);
    expect(added(sub('3000'))).toBe(300_000);
    expect(added({ type: 'channel.subscription.gift', data: { total: 5, tier: '3000' } })).toBe(
      150_000,
    );
    // Each gifted sub of that gift comes again as a subscribe: counted by the gift already.
    expect(added(sub('3000', { is_gift: true }))).toBeUndefined();
    expect(added({ type: 'channel.cheer', data: { bits: 250 } })).toBe(30_000);
    expect(added({ type: 'channel.follow', data: {} })).toBe(10_000);
    expect(added({ type: 'channel.raid', data: { viewers: 5 } })).toBeUndefined();
    expect(timer.data.lastChange).toMatchObject({
      ms: 10_000,
      source: 'event',
      event: 'channel.follow',
    });
  });

  it('a resub adds its tier’s time, or the resub time when set; Bits count the same from a cheer or a bits.use', () => {
    const resub = (tier: string) => ({
      type: 'channel.subscription.message' as const,
      data: { user_login: 'ann', tier, cumulative_months: 14, streak_months: 6 },
    });
    const worth = (event: Parameters<typeof eventWorthMs>[0], settings = {}) =>
      eventWorthMs(event, { ...DEFAULT_SUBATHON_SETTINGS, ...settings }, TWITCH_EVENT_TYPES);
    expect(worth(resub('1000'))).toBe(DEFAULT_SUBATHON_SETTINGS.tier1Seconds * 1000);
    expect(worth(resub('3000'))).toBe(DEFAULT_SUBATHON_SETTINGS.tier3Seconds * 1000);
    expect(worth(resub('3000'), { resubSeconds: 45 })).toBe(45_000);
    expect(worth(resub('1000'), { resubSeconds: 0 })).toBe(0);
    const per100 = DEFAULT_SUBATHON_SETTINGS.per100BitsSeconds * 1000;
    expect(worth({ type: 'channel.cheer', data: { bits: 300 } })).toBe(3 * per100);
    for (const kind of ['cheer', 'power_up', 'combo', 'some_new_kind'])
      expect(worth({ type: 'channel.bits.use', data: { bits: 300, type: kind } })).toBe(3 * per100);
    expect(worth({ type: 'channel.bits.use', data: { bits: 'lots' } })).toBe(0);
  });

  it('a recovered gifted sub adds its time (its gift was lost in the gap)', () => {
    const worth = eventWorthMs(
      { ...sub('1000', { is_gift: true }), recovered: true },
      DEFAULT_SUBATHON_SETTINGS,
      TWITCH_EVENT_TYPES,
    );
    expect(worth).toBe(60_000);
  });

  it('never goes past the cap: run time plus time left, pauses not counted', () => {
    const { timer, advance } = setUp({ startSeconds: 600, capSeconds: 900 });
    timer.resume();
    advance(200_000);
    const change = timer.addFromDashboard(10 * MIN);
    expect(change).toEqual({ requestedMs: 600_000, addedMs: 300_000, cappedMs: 300_000 });
    expect(timer.data).toMatchObject({ remainingMs: 700_000, elapsedMs: 200_000, capped: true });
    expect(timer.addForEvent(sub(), TWITCH_EVENT_TYPES)).toEqual({
      requestedMs: 60_000,
      addedMs: 0,
      cappedMs: 60_000,
    });
    // A lower cap takes away what is past it at once.
    timer.updateSettings({ capSeconds: 500 });
    expect(timer.data.remainingMs).toBe(300_000);
  });

  it('holds at most 366 days without a cap, and a reset never starts above the cap', () => {
    const { timer } = setUp({ startSeconds: MAX_SUBATHON_SECONDS });
    const change = timer.addFromDashboard(MAX_SUBATHON_SECONDS * 1000);
    expect(change.addedMs).toBe(0);
    expect(timer.data.remainingMs).toBe(MAX_SUBATHON_SECONDS * 1000);
    timer.updateSettings({ capSeconds: 3600 });
    timer.reset();
    expect(timer.data).toMatchObject({ state: 'idle', remainingMs: 3_600_000, elapsedMs: 0 });
  });

  it('takes time away down to zero at most; a running timer taken to zero has ended', () => {
    const { timer } = setUp({ startSeconds: 120 });
    timer.resume();
    expect(timer.removeFromDashboard(60_000).addedMs).toBe(-60_000);
    expect(timer.removeFromDashboard(600_000).addedMs).toBe(-60_000);
    expect(timer.data).toMatchObject({ state: 'ended', remainingMs: 0 });
    // Time added to an ended timer pauses it with that time, to be resumed.
    timer.addFromDashboard(30_000);
    expect(timer.data).toMatchObject({ state: 'paused', remainingMs: 30_000 });
  });

  it('a kept running timer ran on while the service was down; a kept paused one did not', () => {
    const { timer, advance, now } = setUp();
    timer.resume();
    advance(MIN);
    timer.settle();
    const kept = timer.data;
    advance(5 * MIN);
    const restarted = new SubathonTimer(now, kept);
    expect(restarted.data).toMatchObject({ state: 'running', endsAt: kept.endsAt });
    expect(restarted.data.remainingMs).toBe(54 * MIN);

    restarted.pause();
    const keptPaused = restarted.data;
    advance(60 * MIN);
    expect(new SubathonTimer(now, keptPaused).data).toMatchObject({
      state: 'paused',
      remainingMs: 54 * MIN,
    });
  });

  it('a kept running timer whose end passed while the service was down has ended', () => {
    const { timer, advance, now } = setUp({ startSeconds: 60 });
    timer.resume();
    const kept = timer.data;
    advance(10 * MIN);
    expect(new SubathonTimer(now, kept).data).toMatchObject({
      state: 'ended',
      remainingMs: 0,
      elapsedMs: 60_000,
    });
  });
});
