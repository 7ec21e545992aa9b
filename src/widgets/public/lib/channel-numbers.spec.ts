import type { StatsData, StreamMessage } from '../../../contract/sse-contract.js';
import {
  NO_NUMBERS,
  knownNumbers,
  reduceChannelNumbers,
  restoreChannelNumbers,
} from './channel-numbers.js';

const POLLED = '2026-01-01T00:00:00.000Z';
const stats = (data: Partial<StatsData> = {}): StreamMessage => ({
  type: 'stats',
  data: { live: true, viewers: 10, followers: 100, subs: 5, polledAt: POLLED, ...data },
});
const event = (
  name:
    | 'channel.follow'
    | 'channel.subscribe'
    | 'channel.subscription.gift'
    | 'stream.online'
    | 'stream.offline'
    | 'channel.cheer',
  data: Record<string, unknown> = {},
): StreamMessage => ({ type: 'event', event: name, data });

describe("the channel's numbers as the stream tells them", () => {
  it('takes a stats message as they are, under its id', () => {
    const numbers = reduceChannelNumbers(NO_NUMBERS, stats(), 7);
    expect(numbers).toEqual({ stats: expect.objectContaining({ followers: 100 }), statsId: 7 });
    expect(knownNumbers(numbers)?.followers).toBe(100);
  });

  it('knows no numbers before the first stats message, nor while the service has not polled Twitch', () => {
    expect(knownNumbers(NO_NUMBERS)).toBeNull();
    expect(knownNumbers(reduceChannelNumbers(NO_NUMBERS, stats({ polledAt: null }), 1))).toBeNull();
  });

  it('moves them at once on the events that change them, without touching the state before', () => {
    const before = reduceChannelNumbers(NO_NUMBERS, stats(), 1);
    const steps: Array<[StreamMessage, Partial<StatsData>]> = [
      [event('channel.follow'), { followers: 101 }],
      [event('channel.subscribe'), { subs: 6 }],
      [event('channel.subscription.gift', { total: 5 }), { subs: 11 }],
      [event('stream.offline'), { live: false, viewers: 0 }],
      [event('stream.online'), { live: true, viewers: 0 }],
    ];
    let numbers = before;
    steps.forEach(([message, expected], index) => {
      const next = reduceChannelNumbers(numbers, message, 2 + index);
      expect(next.stats).toMatchObject(expected);
      numbers = next;
    });
    expect(before.stats).toMatchObject({ followers: 100, subs: 5, live: true, viewers: 10 });
  });

  it('counts a gifted sub once: with its gift, not again as a subscribe', () => {
    const numbers = reduceChannelNumbers(NO_NUMBERS, stats(), 1);
    expect(reduceChannelNumbers(numbers, event('channel.subscribe', { is_gift: true }), 2)).toBe(
      numbers,
    );
  });

  it('leaves them alone for an event the stats already count, one before any stats, and others', () => {
    const numbers = reduceChannelNumbers(NO_NUMBERS, stats(), 10);
    expect(reduceChannelNumbers(numbers, event('channel.follow'), 9)).toBe(numbers);
    expect(reduceChannelNumbers(numbers, event('channel.follow'), 10)).toBe(numbers);
    expect(reduceChannelNumbers(numbers, event('channel.cheer', { bits: 5 }), 11)).toBe(numbers);
    expect(reduceChannelNumbers(NO_NUMBERS, event('channel.follow'), 11)).toBe(NO_NUMBERS);
  });

  it('comes back as an earlier load kept it', () => {
    const kept = reduceChannelNumbers(NO_NUMBERS, stats(), 4);
    expect(restoreChannelNumbers(JSON.parse(JSON.stringify(kept)))).toEqual(kept);
    expect(restoreChannelNumbers(null)).toEqual(NO_NUMBERS);
  });
});
