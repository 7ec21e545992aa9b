import type { Retention, StateKey } from '../bus/event-log.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import { STREAM_MESSAGE_TYPES, type StreamMessage } from '../contract/sse-contract.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';

// The shared log's entries in the Redis stream: entry id `<SSE id>-0`, fields `k` (how the message
// is kept), `t` (when it was written, ms) and `m` (the message's JSON), and how an instance loads
// its copy in memory from them.

/** How a message is kept, as one stream field: `h`istory, `t`ransient, or `s:<state key>`. */
export function kindOf(retention: Retention): string {
  return retention.kind === 'state'
    ? `s:${retention.key}`
    : retention.kind === 'history'
      ? 'h'
      : 't';
}

export function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function retentionFromKind(kind: string): Retention | null {
  if (kind === 'h') return { kind: 'history' };
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

export async function newestStreamId(redis: RedisConnections, keys: RedisKeys): Promise<number> {
  const [newest] = (await redis.command.xrevrange(keys.log, '+', '-', 'COUNT', 1)) as [
    string,
    string[],
  ][];
  return newest ? Number(newest[0].split('-')[0]) : 0;
}

/**
 * The copy in memory: the newest `memoryEvents` events of the stream (with the entries between
 * them), and every state from the states hash. A stream that is empty starts a new run of ids at
 * the time in microseconds, as the memory log does, so ids from a run before are always lower.
 */
export async function loadReplica(
  redis: RedisConnections,
  options: { readonly keys: RedisKeys; readonly memoryEvents: number },
): Promise<{ replica: MemoryEventLog; cursor: number }> {
  const { keys, memoryEvents } = options;
  const entries: { id: number; fields: string[] }[] = [];
  let events = 0;
  let before = '+';
  // Newest first, a page at a time, until enough events (or the start of the stream).
  while (events < memoryEvents) {
    const page = (await redis.command.xrevrange(keys.log, before, '-', 'COUNT', 1000)) as [
      string,
      string[],
    ][];
    for (const [entryId, fields] of page) {
      const id = Number(entryId.split('-')[0]);
      entries.push({ id, fields });
      if (fieldOf(fields, 'k') === 'h') events++;
      if (events >= memoryEvents) break;
    }
    if (page.length < 1000) break;
    before = `(${page[page.length - 1]![0]}`;
  }
  entries.reverse();
  const newest = entries.at(-1)?.id ?? 0;
  const baseId = entries.length > 0 ? entries[0]!.id - 1 : Date.now() * 1000;
  const replica = new MemoryEventLog(memoryEvents, 0, baseId);
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
    );
  }
  return { replica, cursor: Math.max(newest, 0) };
}
