import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config-error.js';
import { dataDirError } from './data-dir-error.js';
import type { EventLog } from './event-log.js';
import { MemoryEventLog } from './memory-event-log.js';
import { EventLogLockedError, SqliteEventLog } from './sqlite-event-log.js';

const DAY_MS = 24 * 3_600_000;

/**
 * This instance's own event log, as the configuration asks for it: a file under DATA_DIR, or
 * memory only. (One of several instances uses the log they share in Redis instead: `cluster/`.)
 */
export function openLocalEventLog(config: AppConfig): EventLog {
  const { eventLog, dataDir, replayBufferSize, eventLogMaxEvents, eventLogMaxAgeDays } =
    config.values;
  if (eventLog === 'memory') {
    return new MemoryEventLog(replayBufferSize, { chat: config.chatRetention });
  }
  // The demo's fake viewers never mix with a real channel's history.
  const path = join(dataDir, config.demo ? 'demo-events.db' : 'events.db');
  const logger = new Logger('EventLog');
  try {
    const log = SqliteEventLog.open(path, {
      maxEvents: eventLogMaxEvents,
      maxAgeMs: eventLogMaxAgeDays * DAY_MS,
      chat: config.chatRetention,
      memoryEvents: replayBufferSize,
      log: (message) => logger.warn(message),
    });
    logger.log(
      `Event log: ${path} (${log.eventCount} events and ${log.chatEventCount} chat events kept, last id ${log.lastId}).`,
    );
    return log;
  } catch (error) {
    if (error instanceof EventLogLockedError) throw new ConfigError('DATA_DIR', error.message);
    // A full, read-only or unwritable disk is the streamer's to fix: one line saying how.
    throw dataDirError(error, dataDir) ?? error;
  }
}
