import { MessageFilter, StreamPlace } from './stream-place.js';

const follow = (name: string) =>
  JSON.stringify({ type: 'event', event: 'channel.follow', data: { user_name: name } });
const stats = (followers: number) =>
  JSON.stringify({ type: 'stats', data: { live: true, viewers: 1, followers, subs: 0 } });

describe("a page's place in the stream", () => {
  it('hands an event over once, however often it comes', () => {
    const place = new StreamPlace(0);
    expect(place.take(5, follow('Ann'))).toMatchObject({ event: 'channel.follow' });
    expect(place.take(5, follow('Ann'))).toBeNull();
    expect(place.position).toBe(5);
  });

  it('skips relayed frames the page already has from its catch-up, the state under the same id included', () => {
    const place = new StreamPlace(0);
    place.take(10, stats(3)); // the catch-up's state, under the position it ended at
    place.take(10, null);
    expect(place.takeRelayed(9, follow('Old'))).toBeNull();
    expect(place.takeRelayed(10, stats(3))).toBeNull();
    expect(place.takeRelayed(11, follow('New'))).toMatchObject({ data: { user_name: 'New' } });
    expect(place.position).toBe(11);
  });

  it('follows a restarted service whose ids went back, after it said the replay is incomplete', () => {
    const place = new StreamPlace(500);
    const incomplete = JSON.stringify({
      type: 'status',
      data: { replay: 'incomplete', requestedId: 500, oldestBufferedId: 1, latestId: 20 },
    });
    place.take(20, null);
    expect(place.take(20, incomplete)).toMatchObject({ type: 'status' });
    expect(place.take(21, follow('AfterRestart'))).toMatchObject({ event: 'channel.follow' });
    expect(place.position).toBe(21);
  });

  it('takes a frame that is no JSON without handing anything over', () => {
    const place = new StreamPlace(0);
    expect(place.take(3, '{not json')).toBeNull();
    expect(place.position).toBe(3);
  });
});

describe('the filter a page applies to the shared stream (the server’s ?types= and ?events=)', () => {
  const event = { type: 'event', event: 'channel.raid', data: {} } as const;
  const state = { type: 'stats', data: { live: true, viewers: 1, followers: 1, subs: 1 } } as const;

  it('lets everything through without a filter, and an empty list means no filter', () => {
    expect(new MessageFilter({}).passes(event)).toBe(true);
    expect(new MessageFilter({ types: ' ', events: '' }).passes(state)).toBe(true);
  });

  it('keeps to the types asked for, and among events to the event types asked for', () => {
    const filter = new MessageFilter({
      types: 'event,stats',
      events: 'channel.follow, channel.raid',
    });
    expect(filter.passes(event)).toBe(true);
    expect(filter.passes(state)).toBe(true);
    expect(filter.passes({ ...event, event: 'channel.cheer' })).toBe(false);
    expect(new MessageFilter({ types: 'labels' }).passes(state)).toBe(false);
    // `events` does not hold back other types.
    expect(new MessageFilter({ events: 'channel.follow' }).passes(state)).toBe(true);
  });
});
