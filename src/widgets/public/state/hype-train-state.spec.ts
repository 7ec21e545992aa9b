import type { HypeTrainState, StreamMessage } from '../../../contract/sse-contract.js';
import { hypeTrainReading, reduceHypeTrain } from './hype-train-state.js';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');
const running = {
  event: 'channel.hype_train.progress',
  data: { level: 3, progress: 250, goal: 1000, expires_at: '2026-01-01T00:02:00.000Z' },
} as HypeTrainState;
const ended = {
  event: 'channel.hype_train.end',
  data: { level: 4, total: 5400, ended_at: '2026-01-01T00:00:00.000Z' },
} as HypeTrainState;
const stats = (hypeTrain?: HypeTrainState): StreamMessage => ({
  type: 'stats',
  data: { live: true, viewers: 1, followers: 1, subs: 0, ...(hypeTrain && { hypeTrain }) },
});

describe('the hype train bar', () => {
  it('takes the train from each stats message, and none when the stats have none', () => {
    expect(reduceHypeTrain(null, stats(running))).toBe(running);
    expect(reduceHypeTrain(running, stats())).toBeNull();
    expect(reduceHypeTrain(running, { type: 'control', data: { action: 'skip' } })).toBe(running);
  });

  it('shows a running train with its level, progress and time left, until it expires', () => {
    expect(hypeTrainReading(running, NOW, 15_000)).toEqual({
      phase: 'running',
      level: 3,
      progress: 250,
      goal: 1000,
      leftMs: 120_000,
    });
    expect(hypeTrainReading(running, NOW + 120_000, 15_000)).toEqual({ phase: 'none' });
  });

  it('shows an ended train for a while, then nothing', () => {
    expect(hypeTrainReading(ended, NOW + 14_999, 15_000)).toEqual({
      phase: 'ended',
      level: 4,
      total: 5400,
    });
    expect(hypeTrainReading(ended, NOW + 15_000, 15_000)).toEqual({ phase: 'none' });
    expect(hypeTrainReading(ended, NOW, 0)).toEqual({ phase: 'none' });
    expect(hypeTrainReading(null, NOW, 15_000)).toEqual({ phase: 'none' });
  });
});
