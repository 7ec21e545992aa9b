import { csvRecords } from '../../test/support/csv.js';
import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import {
  CSV_BYTE_ORDER_MARK,
  csvCell,
  csvHeader,
  csvRow,
  STREAM_EVENTS_CSV_COLUMNS,
} from './stream-events-csv.js';

const SENT = '2026-12-01T18:05:00.000Z';

function event(event: TwitchEventType, data: Record<string, unknown>): EventMessage {
  return { type: 'event', event, data, sentAt: SENT };
}

/** The file a download would hold for these events, read back by a separate CSV reader. */
function roundTrip(events: EventMessage[]) {
  const text =
    CSV_BYTE_ORDER_MARK + csvHeader() + events.map((message, i) => csvRow(i + 1, message)).join('');
  return csvRecords(text);
}

describe('a stream’s events as CSV', () => {
  it('puts who, how much of what, and the event object in a row', () => {
    const [cheer, raid, redemption, resub] = roundTrip([
      event('channel.cheer', {
        user_login: 'ana',
        user_name: 'Ana',
        bits: 250,
        message: 'Cheer250 go',
        is_anonymous: false,
      }),
      event('channel.raid', {
        from_broadcaster_user_login: 'raider',
        from_broadcaster_user_name: 'Raider',
        viewers: 42,
      }),
      event('channel.channel_points_custom_reward_redemption.add', {
        user_login: 'bo',
        user_name: 'Bo',
        reward: { title: 'Hydrate!', cost: 100 },
        user_input: 'now',
      }),
      event('channel.subscription.message', {
        user_login: 'cy',
        user_name: 'Cy',
        tier: '2000',
        cumulative_months: 7,
        message: { text: 'seven months', emotes: [] },
      }),
    ]);
    expect(cheer).toMatchObject({
      id: '1',
      time: SENT,
      event: 'channel.cheer',
      what: 'Cheer',
      recovered: 'false',
      user_login: 'ana',
      user_name: 'Ana',
      amount: '250',
      unit: 'bits',
      message: 'Cheer250 go',
    });
    expect(JSON.parse(cheer!.data!)).toMatchObject({ bits: 250, user_login: 'ana' });
    expect(raid).toMatchObject({ user_login: 'raider', amount: '42', unit: 'viewers' });
    expect(redemption).toMatchObject({
      user_name: 'Bo',
      amount: '100',
      unit: 'points',
      detail: 'Hydrate!',
      message: 'now',
    });
    expect(resub).toMatchObject({ tier: '2000', amount: '7', unit: 'months' });
    expect(Object.keys(cheer!)).toEqual([...STREAM_EVENTS_CSV_COLUMNS]);
  });

  it('quotes commas, quotes and line breaks, so a hostile message stays in its cell', () => {
    const hostile = 'a, "quoted"\r\nnext line,\nand more';
    const [row] = roundTrip([
      event('channel.cheer', { user_login: 'x', user_name: 'X,Y', bits: 1, message: hostile }),
    ]);
    expect(row).toMatchObject({ user_name: 'X,Y', message: hostile, amount: '1' });
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('makes text a spreadsheet would run as a formula plain text, with a leading quote', () => {
    for (const formula of [
      '=HYPERLINK("http://x","y")',
      '+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ]) {
      expect(csvCell(formula).replace(/^"/, '').startsWith(`'${formula[0]}`)).toBe(true);
    }
    const [row] = roundTrip([
      event('channel.cheer', {
        user_login: 'x',
        user_name: "=cmd|' /C calc'!A0",
        bits: 5,
        message: '@SUM(1+1)*cmd',
      }),
    ]);
    expect(row).toMatchObject({ user_name: "'=cmd|' /C calc'!A0", message: "'@SUM(1+1)*cmd" });
    // Numbers are numbers, and text that merely contains a sign is left as it is.
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
  });

  it('starts with the byte order mark and the header, and ends each line with CRLF', () => {
    expect(csvHeader()).toBe(`${STREAM_EVENTS_CSV_COLUMNS.join(',')}\r\n`);
    expect(csvRow(1, event('channel.follow', { user_login: 'f' })).endsWith('\r\n')).toBe(true);
    expect(CSV_BYTE_ORDER_MARK).toBe('\uFEFF');
  });
});
