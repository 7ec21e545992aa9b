import type { EventMessage, StreamMessage } from '../../../contract/sse-contract.js';
import { listShows, reduceEventList, type EventListFilter } from './event-list-state.js';

const filter: EventListFilter = {
  events: ['channel.follow', 'channel.cheer', 'channel.subscribe'],
  limit: 3,
  minBits: 100,
  giftedSubs: 'hide',
  recovered: 'show',
  tests: 'show',
};
const follow = (name: string, extra: Partial<EventMessage> = {}): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_name: name },
  ...extra,
});

describe("the event list's rows", () => {
  it('lists the events chosen, in id order, however they arrive, each once', () => {
    let rows = reduceEventList([], follow('C'), 30, filter);
    rows = reduceEventList(rows, follow('A'), 10, filter);
    rows = reduceEventList(rows, follow('B'), 20, filter);
    const again = reduceEventList(rows, follow('B'), 20, filter);
    expect(again).toBe(rows);
    expect(rows.map((row) => row.id)).toEqual([10, 20, 30]);
  });

  it('lets the oldest leave beyond the limit; one older than a full list changes nothing', () => {
    let rows = [10, 20, 30].reduce(
      (listed, id) => reduceEventList(listed, follow(`#${id}`), id, filter),
      reduceEventList([], follow('first'), 5, filter),
    );
    expect(rows.map((row) => row.id)).toEqual([10, 20, 30]);
    rows = reduceEventList(rows, follow('new'), 40, filter);
    expect(rows.map((row) => row.id)).toEqual([20, 30, 40]);
    expect(reduceEventList(rows, follow('old'), 15, filter)).toBe(rows);
  });

  it('leaves out what its options hide', () => {
    const cheer = (bits: number): EventMessage => ({
      type: 'event',
      event: 'channel.cheer',
      data: { bits },
    });
    const giftedSub: EventMessage = {
      type: 'event',
      event: 'channel.subscribe',
      data: { is_gift: true },
    };
    expect(listShows(cheer(100), filter)).toBe(true);
    expect(listShows(cheer(99), filter)).toBe(false);
    expect(listShows(giftedSub, filter)).toBe(false);
    expect(listShows(giftedSub, { ...filter, giftedSubs: 'show' })).toBe(true);
    expect(listShows(follow('A', { replayOf: 3 }), filter)).toBe(false);
    expect(listShows(follow('A', { test: true }), { ...filter, tests: 'hide' })).toBe(false);
    expect(listShows(follow('A', { recovered: true }), { ...filter, recovered: 'hide' })).toBe(
      false,
    );
    expect(listShows({ type: 'event', event: 'channel.raid', data: {} }, filter)).toBe(false);
  });

  it('takes nothing but events', () => {
    const rows = reduceEventList([], follow('A'), 1, filter);
    const stats: StreamMessage = {
      type: 'stats',
      data: { live: true, viewers: 1, followers: 1, subs: 0 },
    };
    expect(reduceEventList(rows, stats, 2, filter)).toBe(rows);
  });
});
