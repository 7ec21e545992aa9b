import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { SqliteStreamStore } from './sqlite-stream-store.js';
import { MemoryStreamStore, type StreamStore } from './stream-store.js';

/**
 * The streams' store as the event log is kept: the one the instances share (REDIS_URL: in Redis,
 * where the leader writes and every instance reads), a file beside the SQLite log (`streams.db`,
 * or `demo-streams.db` in the demo, as its log is apart), or memory with the memory log.
 */
export function openStreamStore(config: AppConfig, shared?: StreamStore): StreamStore {
  if (shared) return shared;
  const { eventLog, dataDir, redisUrl } = config.values;
  // (REDIS_URL without the cluster's parts: a test module built without them.)
  if (eventLog === 'memory' || redisUrl !== '') return new MemoryStreamStore();
  const logger = new Logger('Streams');
  return SqliteStreamStore.open(
    join(dataDir, config.demo ? 'demo-streams.db' : 'streams.db'),
    (message) => logger.warn(message),
  );
}
