import type { EventMessage } from '../../contract/sse-contract.js';
import { describeRecoveredCounts, summarize } from './recovered-summary.js';

const recovered = (
  event: EventMessage['event'],
  data: Record<string, unknown> = {},
): EventMessage => ({
  type: 'event',
  event,
  data,
  recovered: true,
});

describe('the summary of recovered events', () => {
  it('counts follows and subs, adds up bits, in a fixed order, with only what is there', () => {
    expect(
      summarize([
        recovered('channel.cheer', { bits: 200 }),
        recovered('channel.follow'),
        recovered('channel.subscribe', { is_gift: false }),
        recovered('channel.follow'),
        recovered('channel.cheer', { bits: 300 }),
        recovered('channel.follow'),
      ]),
    ).toBe('3 follows, 1 sub, 500 bits');
    expect(summarize([recovered('channel.follow')])).toBe('1 follow');
    expect(summarize([recovered('channel.cheer', { bits: 1 })])).toBe('1 bit');
    expect(summarize([recovered('channel.cheer', { bits: 12_500 })])).toBe('12,500 bits');
  });

  it('counts gifted subs once, whether the gift or the gifted subs were recovered', () => {
    const gifted = recovered('channel.subscribe', { is_gift: true });
    expect(summarize([gifted, gifted, recovered('channel.subscribe')])).toBe(
      '1 sub, 2 gifted subs',
    );
    expect(summarize([recovered('channel.subscription.gift', { total: 5 }), gifted, gifted])).toBe(
      '5 gifted subs',
    );
  });

  it('counts raids, and leaves out online/offline and amounts that make no sense', () => {
    expect(
      summarize([
        recovered('channel.raid', { viewers: 30 }),
        recovered('stream.online'),
        recovered('channel.cheer', { bits: -5 }),
        recovered('channel.cheer', { bits: 'lots' }),
      ]),
    ).toBe('1 raid');
  });
});

describe("a gap recovery's counts in words (the dashboard)", () => {
  it('says "3 follows, 1 sub": one and many, and the names a streamer uses', () => {
    expect(describeRecoveredCounts({ 'channel.follow': 3, 'channel.subscribe': 1 })).toBe(
      '3 follows, 1 sub',
    );
    expect(
      describeRecoveredCounts({ 'channel.follow': 1, 'channel.cheer': 2, 'stream.online': 1 }),
    ).toBe('1 follow, 2 cheers, 1 stream start');
    expect(describeRecoveredCounts({ 'channel.follow': 1_200 })).toBe('1,200 follows');
  });

  it('says nothing for no counts, and keeps the EventSub name of a type it has no word for', () => {
    expect(describeRecoveredCounts({})).toBe('');
    expect(describeRecoveredCounts({ 'channel.follow': 0 })).toBe('');
    expect(describeRecoveredCounts({ 'channel.poll.end': 2 })).toBe('2 poll ends');
    // A type this page does not know yet (a newer service): its EventSub name.
    const newer = { 'channel.some_new_type': 2 } as unknown as Parameters<
      typeof describeRecoveredCounts
    >[0];
    expect(describeRecoveredCounts(newer)).toBe('2 channel.some_new_type');
  });
});
