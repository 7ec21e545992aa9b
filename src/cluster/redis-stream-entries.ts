import type { ChatRetention, Retention, StateKey } from '../bus/event-log.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import { STREAM_MESSAGE_TYPES, type StreamMessage } from '../contract/sse-contract.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';

// The shared log's entries in its two Redis streams (`log`: every message but chat; `chatLog`:
// chat): entry id `<SSE id>-0`, fields `k` (how the message is kept), `t` (when it was written, ms)
// and `m` (the message's JSON), and how an instance loads its copy in memory from them.

/** How a message is kept, as one stream field: `h`istory, `c`hat, `t`ransient, or `s:<state key>`. */
export function kindOf(retention: Retention): string {
  switch (retention.kind) {
    case 'state':
      return `s:${retention.key}`;
    case 'history':
      return 'h';
    case 'chat':
      return CHAT_KIND;
    case 'transient':
      return 't';
  }
}

/** The `k` of a chat entry: written to the chat stream. */
export const CHAT_KIND = 'c';

export function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function retentionFromKind(kind: string): Retention | null {
  if (kind === 'h') return { kind: 'history' };
  if (kind === CHAT_KIND) return { kind: 'chat' };
  if (kind === 't') return { kind: 'transient' };
  if (kind.startsWith('s:')) return { kind: 'state', key: kind.slice(2) as StateKey };
  return null;
}

const MESSAGE_TYPES: ReadonlySet<string> = new Set(STREAM_MESSAGE_TYPES);

/** A stream entry's message, or null when the entry is not one this service wrote. */
export function parseEntry(
  fields: string[],
): { message: StreamMessage; json: string; retention: Retention } | null {
  const json = fieldOf(fields, 'm');
  const retention = retentionFromKind(fieldOf(fields, 'k') ?? '');
  if (json === undefined || retention === null) return null;
  try {
    const message = JSON.parse(json) as StreamMessage;
    if (typeof message !== 'object' || message === null || !MESSAGE_TYPES.has(message.type))
      return null;
    return { message, json, retention };
  } catch {
    return null;
  }
}

/** The newest id in the shared log: the higher of its two streams' newest. */
export async function newestStreamId(redis: RedisConnections, keys: RedisKeys): Promise<number> {
  const [main, chat] = await Promise.all([
    newestIdIn(redis, keys.log),
    newestIdIn(redis, keys.chatLog),
  ]);
  return Math.max(main, chat);
}

async function newestIdIn(redis: RedisConnections, stream: string): Promise<number> {
  const [newest] = (await redis.command.xrevrange(stream, '+', '-', 'COUNT', 1)) as [
    string,
    string[],
  ][];
  return newest ? Number(newest[0].split('-')[0]) : 0;
}

/** A stream entry as the copy takes it: its id and fields. */
interface Entry {
  readonly id: number;
  readonly fields: string[];
}

/**
 * The newest entries of `stream`, oldest first, going back until `count` of them are of kind
 * `kind` (with the entries between them), or to the stream's start (`whole`).
 */
async function newestEntries(
  redis: RedisConnections,
  stream: string,
  count: number,
  kind: string,
): Promise<{ entries: Entry[]; whole: boolean }> {
  const entries: Entry[] = [];
  let counted = 0;
  let before = '+';
  for (;;) {
    const page = (await redis.command.xrevrange(stream, before, '-', 'COUNT', 1000)) as [
      string,
      string[],
    ][];
    for (const [entryId, fields] of page) {
      entries.push({ id: Number(entryId.split('-')[0]), fields });
      if (fieldOf(fields, 'k') === kind) counted++;
      if (counted >= count) return { entries: entries.reverse(), whole: false };
    }
    if (page.length < 1000) return { entries: entries.reverse(), whole: true };
    before = `(${page[page.length - 1]![0]}`;
  }
}

/**
 * How far chat's stream has let go (trimmed by count or age), from `XINFO STREAM`: nothing when it
 * holds every entry ever added (`entries-added`, Redis 7); everything up to its
 * `last-generated-id` once emptied; otherwise everything before its first entry (`firstId`), which
 * is as much as an older Redis can tell. (Its `max-deleted-entry-id` counts XDEL only, not trims.)
 * 0 for a stream that never was.
 */
async function trimmedUpTo(
  redis: RedisConnections,
  stream: string,
  firstId: number | undefined,
): Promise<number> {
  let info: unknown[];
  try {
    info = (await redis.command.xinfo('STREAM', stream)) as unknown[];
  } catch {
    return 0; // no such key: nothing was ever written to it
  }
  const field = (name: string) => {
    const at = info.indexOf(name);
    const value = at >= 0 ? info[at + 1] : undefined;
    return typeof value === 'string' || typeof value === 'number'
      ? Number(String(value).split('-')[0])
      : undefined;
  };
  if (firstId === undefined) return field('last-generated-id') ?? 0;
  if (field('entries-added') === field('length')) return 0;
  return firstId - 1;
}

/**
 * The copy in memory: the newest `memoryEvents` events of the log's stream (with the entries
 * between them), the newest chat up to chat's retention from its own stream, and every state
 * from the states hash. A log that is empty starts a new run of ids at the time in
 * microseconds, as the memory log does, so ids from a run before are always lower. Chat before
 * what was loaded, or that the chat stream let go, is marked missing: a chat reader resuming
 * from before it is told its replay is incomplete.
 */
export async function loadReplica(
  redis: RedisConnections,
  options: {
    readonly keys: RedisKeys;
    readonly memoryEvents: number;
    readonly chat: ChatRetention;
    /** Milliseconds since the epoch (injected for tests): chat's age in the copy counts by it. */
    readonly now?: () => number;
  },
): Promise<{ replica: MemoryEventLog; cursor: number }> {
  const { keys, memoryEvents, chat } = options;
  const now = options.now ?? Date.now;
  const [main, chatPart] = await Promise.all([
    newestEntries(redis, keys.log, memoryEvents, 'h'),
    newestEntries(redis, keys.chatLog, chat.maxMessages, CHAT_KIND),
  ]);
  const first = main.entries[0] ?? chatPart.entries[0];
  const baseId = first ? first.id - 1 : now() * 1000;
  const chatEntries = chatPart.entries.filter(({ id }) => id > baseId);
  const entries = [...main.entries, ...chatEntries].sort((a, b) => a.id - b.id);
  const newest = entries.at(-1)?.id ?? 0;
  const replica = new MemoryEventLog(memoryEvents, { baseId, chat, now });
  const chatGone = chatPart.whole
    ? await trimmedUpTo(redis, keys.chatLog, chatPart.entries[0]?.id)
    : chatPart.entries[0]!.id - 1;
  replica.chatMissingUpTo(chatGone);
  // States older than the copy's first entry come from the hash (newer ones are among the entries).
  const states = Object.entries(await redis.command.hgetall(keys.states))
    .map(([key, value]) => {
      const space = value.indexOf(' ');
      const json = value.slice(space + 1);
      return { key: key as StateKey, id: Number(value.slice(0, space)), json };
    })
    .filter(({ id }) => id <= baseId)
    .sort((a, b) => a.id - b.id);
  for (const { key, id, json } of states) {
    try {
      replica.restoreState(key, {
        id,
        message: JSON.parse(json) as StreamMessage,
        json,
        publishedAt: 0,
      });
    } catch {
      // a broken state is left out; the next one replaces it
    }
  }
  for (const { id, fields } of entries) {
    const parsed = parseEntry(fields);
    if (!parsed) continue;
    replica.accept(
      { id, message: parsed.message, json: parsed.json, publishedAt: 0 },
      parsed.retention,
      writtenAt(fields),
    );
  }
  return { replica, cursor: Math.max(newest, 0) };
}

/** When an entry was written (its `t`, ms since the epoch), if it says. */
export function writtenAt(fields: string[]): number | undefined {
  const at = Number(fieldOf(fields, 't'));
  return Number.isFinite(at) && at > 0 ? at : undefined;
}
