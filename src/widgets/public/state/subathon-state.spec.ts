import type { StreamMessage, SubathonData } from '../../../contract/sse-contract.js';
import { NO_SUBATHON, reduceSubathon, subathonReading } from './subathon-state.js';

const AT = '2026-01-01T00:00:00.000Z';
const timer = (data: Partial<SubathonData> = {}) =>
  ({
    state: 'running',
    remainingMs: 60_000,
    endsAt: '2026-01-01T00:01:00.000Z',
    elapsedMs: 0,
    at: AT,
    capped: false,
    lastChange: null,
    ...data,
  }) as SubathonData;
const message = (data: Partial<SubathonData> = {}): StreamMessage => ({
  type: 'subathon',
  data: timer(data),
});
const change = (ms: number, at: string) => ({ ms, at, source: 'event' as const });

describe("the subathon widget's state", () => {
  it('takes the timer, but not a change from before the widget opened as news', () => {
    const state = reduceSubathon(NO_SUBATHON, message({ lastChange: change(60_000, AT) }));
    expect(state.timer?.remainingMs).toBe(60_000);
    expect(state.added).toBeNull();
  });

  it('shows a change that comes while it is open once, even when the state comes again', () => {
    let state = reduceSubathon(NO_SUBATHON, message());
    const added = change(30_000, '2026-01-01T00:00:10.000Z');
    state = reduceSubathon(state, message({ lastChange: added }));
    expect(state.added).toEqual(added);
    const shown = state.added;
    state = reduceSubathon(state, message({ lastChange: { ...added }, remainingMs: 1 }));
    expect(state.added).toBe(shown);
    state = reduceSubathon(
      state,
      message({ lastChange: change(-5_000, '2026-01-01T00:00:20.000Z') }),
    );
    expect(state.added?.ms).toBe(-5_000);
  });

  it('takes no change of zero as news, and leaves the state for other messages', () => {
    const state = reduceSubathon(NO_SUBATHON, message());
    expect(reduceSubathon(state, message({ lastChange: change(0, AT) })).added).toBeNull();
    expect(reduceSubathon(state, { type: 'labels', data: {} } as StreamMessage)).toBe(state);
  });

  it('reads a running timer from its end time, and as ended once it reaches zero', () => {
    const start = Date.parse(AT);
    expect(subathonReading(timer(), start + 15_500)).toEqual({
      phase: 'running',
      remainingMs: 44_500,
    });
    expect(subathonReading(timer(), start + 61_000)).toEqual({ phase: 'ended', remainingMs: 0 });
    expect(
      subathonReading(timer({ state: 'paused', endsAt: null, remainingMs: 5_000 }), start),
    ).toEqual({ phase: 'paused', remainingMs: 5_000 });
  });
});
