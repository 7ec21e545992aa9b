import type { Retention } from '../bus/event-log.js';
import type { MemoryEventLog } from '../bus/memory-event-log.js';
import type { StreamMessage } from '../contract/sse-contract.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';
import { kindOf, newestStreamId } from './redis-stream-entries.js';
import type { PendingWrite } from './redis-stream-writer.js';

/**
 * The events and states this instance's copy keeps that the stream no longer has (Redis restarted
 * empty), oldest first, as writes that keep their ids: an instance started afterwards, or a client
 * resuming there, then finds the history it would have found before.
 */
export async function lostHistory(
  redis: RedisConnections,
  keys: RedisKeys,
  /** The copy in memory as it stands (the reader may start a new one meanwhile). */
  copyNow: () => MemoryEventLog,
  retentionOf: (message: StreamMessage) => Retention,
): Promise<PendingWrite[]> {
  const newest = await newestStreamId(redis, keys);
  const copy = copyNow();
  if (newest >= copy.lastId) return [];
  const everyEvent = copy.latestEvents(copy.eventCapacity + copy.chatEventCapacity);
  return [...everyEvent, ...copy.states()]
    .filter((published) => published.id > newest)
    .sort((a, b) => a.id - b.id)
    .map(({ id, message, json }) => ({
      id,
      kind: kindOf(retentionOf(message)),
      json,
      appendedAt: 0,
      restored: true,
    }));
}
