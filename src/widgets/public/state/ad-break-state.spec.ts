import type { AdBreakState, StreamMessage } from '../../../contract/sse-contract.js';
import { adBreakReading, adBreakTimes, reduceAdBreak } from './ad-break-state.js';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');
const adBreak = (data: Record<string, unknown>) =>
  ({
    event: 'channel.ad_break.begin',
    data: {
      duration_seconds: 90,
      started_at: '2026-01-01T00:00:00.000Z',
      is_automatic: false,
      ...data,
    },
  }) as AdBreakState;
const stats = (kept?: AdBreakState): StreamMessage => ({
  type: 'stats',
  data: { live: true, viewers: 1, followers: 1, subs: 0, ...(kept && { adBreak: kept }) },
});

describe('the ad break widget', () => {
  it('takes the break from each stats message, and none when the stats have none', () => {
    const running = adBreak({});
    expect(reduceAdBreak(null, stats(running))).toBe(running);
    expect(reduceAdBreak(running, stats())).toBeNull();
    expect(reduceAdBreak(running, { type: 'control', data: { action: 'skip' } })).toBe(running);
  });

  it('keeps its state when stats that moved other numbers tell the same break again', () => {
    const running = adBreak({});
    expect(reduceAdBreak(running, stats(adBreak({})))).toBe(running);
    const next = adBreak({ started_at: '2026-01-01T00:10:00.000Z' });
    expect(reduceAdBreak(running, stats(next))).toBe(next);
  });

  it('counts the length down from the start, then shows nothing from the end on', () => {
    const running = adBreak({ duration_seconds: 90 });
    expect(adBreakReading(running, NOW)).toEqual({
      phase: 'running',
      leftMs: 90_000,
      durationMs: 90_000,
      automatic: false,
    });
    expect(adBreakReading(running, NOW + 67_000)).toMatchObject({ leftMs: 23_000 });
    expect(adBreakReading(running, NOW + 90_000)).toEqual({ phase: 'none' });
    expect(adBreakReading(running, NOW + 3_600_000)).toEqual({ phase: 'none' });
  });

  it('says whether Twitch’s ad schedule started the break', () => {
    expect(adBreakReading(adBreak({ is_automatic: true }), NOW)).toMatchObject({
      automatic: true,
    });
  });

  it('reads Twitch’s nanosecond times', () => {
    const running = adBreak({ started_at: '2026-01-01T00:00:00.123456789Z', duration_seconds: 30 });
    expect(adBreakReading(running, NOW + 10_123)).toMatchObject({ leftMs: 20_000 });
  });

  it.each([
    ['0', 0],
    ['missing', undefined],
    ['text', '90'],
    ['not a number', Number.NaN],
    ['negative', -30],
    ['hours long', 86_400],
  ])('shows no countdown for a length that is %s, never one stuck on screen', (_, seconds) => {
    const broken = adBreak({ duration_seconds: seconds });
    for (const at of [NOW - 1000, NOW, NOW + 1000]) {
      expect(adBreakReading(broken, at)).toEqual({ phase: 'none' });
    }
    expect(adBreakTimes(broken)).toBeNull();
  });

  it.each([['not a time'], [''], [undefined], [42]])(
    'shows no countdown for a start of %p',
    (started_at) => {
      expect(adBreakReading(adBreak({ started_at }), NOW)).toEqual({ phase: 'none' });
    },
  );

  it('shows the full length for a start a little ahead of this clock, and ignores one far ahead', () => {
    const ahead = adBreak({ started_at: '2026-01-01T00:00:10.000Z', duration_seconds: 60 });
    expect(adBreakReading(ahead, NOW)).toMatchObject({ phase: 'running', leftMs: 60_000 });
    expect(adBreakReading(ahead, NOW + 40_000)).toMatchObject({ leftMs: 30_000 });
    const future = adBreak({ started_at: '2026-01-01T01:00:00.000Z', duration_seconds: 60 });
    expect(adBreakReading(future, NOW)).toEqual({ phase: 'none' });
  });

  it('shows nothing without a break', () => {
    expect(adBreakReading(null, NOW)).toEqual({ phase: 'none' });
  });
});
