import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { SqliteStreamStore } from './sqlite-stream-store.js';
import { MemoryStreamStore, type StreamStore } from './stream-store.js';

/**
 * The streams' store as the event log is kept: a file beside the SQLite log (`streams.db`, or
 * `demo-streams.db` in the demo, as its log is apart), or memory with the memory log. With
 * REDIS_URL the instances share a log but each keeps its own streams in memory: the leader's are
 * the ones that saw the events and polls (see the README).
 */
export function openStreamStore(config: AppConfig): StreamStore {
  const { eventLog, dataDir, redisUrl } = config.values;
  if (eventLog === 'memory' || redisUrl !== '') return new MemoryStreamStore();
  const logger = new Logger('Streams');
  return SqliteStreamStore.open(
    join(dataDir, config.demo ? 'demo-streams.db' : 'streams.db'),
    (message) => logger.warn(message),
  );
}
