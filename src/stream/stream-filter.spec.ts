import {
  StreamFilterError,
  parseStreamFilter,
  refuseBracketLists,
  wantedEvents,
} from './stream-filter.js';

describe('the stream filter (?types=, ?events=)', () => {
  it('reads comma-separated and repeated lists; an absent or empty one lets everything through', () => {
    const filter = parseStreamFilter(['event', 'stats'], 'channel.follow, channel.raid');
    expect([...(filter.types ?? [])]).toEqual(['event', 'stats']);
    expect([...(filter.events ?? [])]).toEqual(['channel.follow', 'channel.raid']);
    expect(parseStreamFilter(undefined, '')).toEqual({ types: null, events: null });
    expect(wantedEvents(parseStreamFilter('stats'))).toEqual(new Set());
  });

  it('refuses a name it does not know, naming it and listing the known ones', () => {
    expect(() => parseStreamFilter(undefined, 'channel.follow,channel.folow')).toThrow(
      /^events names an event type this service does not know: "channel\.folow"\. Send a comma-separated list of: channel\.follow, channel\.subscribe,/,
    );
    expect(() => parseStreamFilter('stat,evnt')).toThrow(
      'types names message types this service does not know: "stat", "evnt". Send a comma-separated list of: stats, event, status, control, labels, subathon, credits.',
    );
  });

  it('names at most five unknown names, each cut short', () => {
    const many = Array.from({ length: 8 }, (_, n) => `x${n}`).join(',');
    expect(() => parseStreamFilter(undefined, many)).toThrow(/"x4", …\. Send/);
    expect(() => parseStreamFilter(undefined, 'y'.repeat(500))).toThrow(/"y{57}\.\.\."/);
  });

  it('refuses lists spelled with brackets for the parameters a route reads, and nothing else', () => {
    expect(() => refuseBracketLists(['events[]'], ['events'])).toThrow(
      'events[] is not a parameter this service reads: send events once, as a comma-separated list (events=a,b).',
    );
    expect(() => refuseBracketLists(['types[0]'], ['types', 'events'])).toThrow(StreamFilterError);
    expect(() => refuseBracketLists(['other[]', 'events', '[x]'], ['events'])).not.toThrow();
  });
});
