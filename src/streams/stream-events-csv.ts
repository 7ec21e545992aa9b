import { EVENT_LABELS, type EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';

/**
 * The columns of a stream's events as CSV, one row per event: who, how much of what, and the
 * event object itself (`data`, as JSON) for everything the other columns leave out.
 */
export const STREAM_EVENTS_CSV_COLUMNS = [
  'id',
  'time',
  'event',
  'what',
  'recovered',
  'user_login',
  'user_name',
  'amount',
  'unit',
  'tier',
  'detail',
  'message',
  'data',
] as const;

/** CSV's line end (RFC 4180), which spreadsheets on every system read. */
const CRLF = '\r\n';

/**
 * Before the header: the UTF-8 byte order mark, without which Excel reads the file as the
 * system's code page and garbles names outside ASCII.
 */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';

/** The header line. */
export function csvHeader(): string {
  return STREAM_EVENTS_CSV_COLUMNS.join(',') + CRLF;
}

/** The line of one event (with its line end). */
export function csvRow(id: number, message: EventMessage): string {
  const { event, data } = message;
  const user = USER_FIELDS[event] ?? 'user';
  const [amount, unit] = amountOf(event, data);
  const cells: Record<(typeof STREAM_EVENTS_CSV_COLUMNS)[number], CsvValue> = {
    id,
    time: message.sentAt ?? null,
    event,
    what: EVENT_LABELS[event] ?? event,
    recovered: message.recovered === true,
    user_login: field(data, `${user}_login`),
    user_name: field(data, `${user}_name`),
    amount,
    unit,
    tier: field(data, 'tier'),
    detail: detailOf(data),
    message: messageOf(data),
    data: JSON.stringify(data),
  };
  return STREAM_EVENTS_CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',') + CRLF;
}

/** What a cell may hold. */
export type CsvValue = string | number | boolean | null;

/**
 * One cell, safe to open in a spreadsheet. Text is viewer-typed and hostile: text that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula in Excel, LibreOffice or
 * Sheets (OWASP's "CSV injection"), so it gets a leading `'`, which makes it text; a cell with a
 * quote, comma or line break is quoted, its quotes doubled (RFC 4180). Numbers and true/false
 * are written as they are.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Whose event it is, where that is not `user_*`: the raiding or shouted-out channel. */
const USER_FIELDS: Partial<Record<TwitchEventType, string>> = {
  'channel.raid': 'from_broadcaster_user',
  'channel.shoutout.create': 'to_broadcaster_user',
  'channel.shoutout.receive': 'from_broadcaster_user',
};

/** How much of what an event brought, where one number says it. */
function amountOf(event: TwitchEventType, data: Record<string, unknown>): [CsvValue, CsvValue] {
  switch (event) {
    case 'channel.cheer':
    case 'channel.bits.use':
      return [numberField(data, 'bits'), 'bits'];
    case 'channel.subscription.gift':
      return [numberField(data, 'total'), 'subs'];
    case 'channel.subscription.message':
      return [numberField(data, 'cumulative_months'), 'months'];
    case 'channel.raid':
      return [numberField(data, 'viewers'), 'viewers'];
    case 'channel.channel_points_custom_reward_redemption.add':
      return [numberField(nested(data, 'reward'), 'cost'), 'points'];
    case 'channel.hype_train.begin':
    case 'channel.hype_train.progress':
    case 'channel.hype_train.end':
      return [numberField(data, 'level'), 'level'];
    case 'channel.goal.begin':
    case 'channel.goal.progress':
    case 'channel.goal.end':
      return [numberField(data, 'current_amount'), field(data, 'type')];
    default:
      return [null, null];
  }
}

/** What the event is about: a reward's title, a goal's description, a poll's question. */
function detailOf(data: Record<string, unknown>): CsvValue {
  return (
    field(nested(data, 'reward'), 'title') ?? field(data, 'description') ?? field(data, 'title')
  );
}

/** What the viewer wrote: a cheer's message, a resub's or Power-up's text, a redemption's input. */
function messageOf(data: Record<string, unknown>): CsvValue {
  return (
    field(data, 'message') ?? field(nested(data, 'message'), 'text') ?? field(data, 'user_input')
  );
}

function nested(data: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = data[name];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function field(data: Record<string, unknown>, name: string): string | null {
  const value = data[name];
  return typeof value === 'string' ? value : null;
}

function numberField(data: Record<string, unknown>, name: string): number | null {
  const value = data[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
