import type { StreamRecap } from '../../../streams/streams-api.js';
import {
  caveats,
  chartMarkers,
  chartSeries,
  downloadPath,
  goalText,
  lengthText,
  recapNumbers,
  sourcesText,
  summaryText,
} from './recap-text.js';

const recap: StreamRecap = {
  id: 4,
  live: false,
  startedAt: '2026-12-01T18:00:00.000Z',
  startSource: 'stream.online',
  endedAt: '2026-12-01T20:05:00.000Z',
  endSource: 'stream.offline',
  viewers: { polls: 3, peak: 1200, average: 800, last: 700 },
  durationSeconds: 7_500,
  viewerSeries: [
    { at: '2026-12-01T18:01:00.000Z', viewers: 500 },
    { at: '2026-12-01T19:00:00.000Z', viewers: 1200 },
    { at: '2026-12-01T20:04:00.000Z', viewers: 700 },
  ],
  events: 40,
  followers: 12,
  subs: { new: 2, resub: 1, gifted: 5, byTier: { '2000': 1, '1000': 7 } },
  giftBombs: { count: 1, subs: 5, gifters: [{ name: 'Gifty', login: 'gifty', gifts: 1, subs: 5 }] },
  bits: { total: 350, cheers: 300, powerUps: 50, combos: 0 },
  raids: [
    { from: 'Raider', login: 'raider', viewers: 25, at: '2026-12-01T19:30:00.000Z' },
    { from: 'Unknown', login: 'unknown', viewers: 3, at: null },
  ],
  redemptions: [],
  hypeTrains: [{ id: 'h', level: 3, ended: true, startedAt: '2026-12-01T18:30:00.000Z' }],
  goalsReached: [{ type: 'new_bit', description: 'New mic', target: 1000 }],
  topCheerer: null,
  topGifter: null,
  recovery: { recovered: {}, gaps: [], mayBeMissing: [] },
  incomplete: [],
};

describe('the recap view’s words and chart data', () => {
  it('says how long a stream ran', () => {
    expect(lengthText(40)).toBe('40 s');
    expect(lengthText(12 * 60 + 5)).toBe('12 min');
    expect(lengthText(7_500)).toBe('2 h 05 min');
    expect(summaryText(recap)).toBe('2 h 05 min · peak 1,200 viewers');
    const live = { ...recap, endedAt: null, viewers: { ...recap.viewers, peak: null } };
    expect(summaryText(live, Date.parse('2026-12-01T18:30:00.000Z'))).toBe('30 min');
  });

  it('gives the numbers in order, Bits split where they are, tiers by name', () => {
    const numbers = Object.fromEntries(recapNumbers(recap));
    expect(numbers).toMatchObject({
      Length: '2 h 05 min',
      'Peak viewers': '1,200',
      'New followers': '12',
      'Gifted subs': '5',
      'Subs by tier': 'Tier 1: 7, Tier 2: 1',
      'Gift bombs': '1 (5 subs)',
      Bits: '350 (300 cheered, 50 Power-ups, 0 Combos)',
      Raids: '2',
    });
    const noSplit = { ...recap, bits: { total: 5, cheers: 5, powerUps: null, combos: null } };
    expect(Object.fromEntries(recapNumbers(noSplit)).Bits).toBe('5 (5 cheered)');
    const unpolled = { ...recap, viewers: { polls: 0, peak: null, average: null, last: null } };
    expect(Object.fromEntries(recapNumbers(unpolled))['Peak viewers']).toBe('–');
  });

  it('marks raids and hype trains on the chart, oldest first, leaving out those of no known time', () => {
    expect(chartMarkers(recap)).toEqual([
      {
        kind: 'hype-train',
        at: Date.parse('2026-12-01T18:30:00Z') / 1000,
        label: 'Hype train, level 3',
      },
      {
        kind: 'raid',
        at: Date.parse('2026-12-01T19:30:00Z') / 1000,
        label: 'Raid from Raider (25)',
      },
    ]);
  });

  it('charts the polls over the stream’s own span, and a live one up to now', () => {
    const series = chartSeries(recap);
    expect(series.viewers).toEqual([500, 1200, 700]);
    expect(series.from).toBe(Date.parse(recap.startedAt) / 1000);
    expect(series.to).toBe(Date.parse(recap.endedAt!) / 1000);
    const now = Date.parse('2026-12-01T21:00:00.000Z');
    expect(chartSeries({ ...recap, endedAt: null }, now).to).toBe(now / 1000);
    expect(chartSeries({ ...recap, viewerSeries: [] })).toMatchObject({ times: [], viewers: [] });
  });

  it('says what the recap cannot vouch for, and how its span is known', () => {
    expect(caveats(recap)).toEqual([]);
    expect(
      caveats({
        ...recap,
        incomplete: ['followers', 'giftBombs'],
        recovery: {
          recovered: { 'channel.follow': 2, 'channel.cheer': 1 },
          gaps: [{ start: recap.startedAt, end: recap.endedAt! }],
          mayBeMissing: ['channel.raid'],
        },
      }),
    ).toEqual([
      'The event log no longer keeps all of this stream’s events: followers, gift bombs count only what it kept.',
      '3 events were recovered through Helix after a gap in EventSub.',
      'May be missing (Helix cannot tell): channel.raid.',
    ]);
    expect(sourcesText(recap)).toBe('');
    expect(sourcesText({ ...recap, startSource: 'helix', endSource: 'last-poll' })).toBe(
      'Note: its start comes from the polls (no stream.online arrived); its end is the last poll that saw it live.',
    );
  });

  it('names goals by type, and links the downloads by id only', () => {
    expect(goalText(recap.goalsReached[0]!)).toBe('Bits goal: New mic (1,000)');
    expect(downloadPath(4, 'csv')).toBe('/api/streams/4/events.csv');
    expect(downloadPath(4.7, 'json')).toBe('/api/streams/4/events.json');
  });
});
