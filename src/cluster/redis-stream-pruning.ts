import type { RedisConnections } from './redis-connections.js';
import { fieldOf } from './redis-stream-entries.js';

/**
 * Drops entries older than `maxAgeMs` from the start of one of the shared log's streams (the
 * leader does this now and then; the length is capped on every write).
 */
export async function pruneStreamOlderThan(
  redis: RedisConnections,
  stream: string,
  maxAgeMs: number,
  now: () => number = Date.now,
): Promise<void> {
  const cutoff = now() - maxAgeMs;
  for (;;) {
    const page = (await redis.command.xrange(stream, '-', '+', 'COUNT', 1000)) as [
      string,
      string[],
    ][];
    const young = page.find(([, fields]) => Number(fieldOf(fields, 't')) >= cutoff);
    if (young === page[0]) return;
    const keepFrom = young ? young[0] : `${Number(page.at(-1)![0].split('-')[0]) + 1}-0`;
    await redis.command.xtrim(stream, 'MINID', keepFrom);
    if (young) return;
  }
}
