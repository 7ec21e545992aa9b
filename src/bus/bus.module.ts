import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Cluster } from '../cluster/cluster.js';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config-error.js';
import { dataDirError } from './data-dir-error.js';
import { EVENT_LOG, EventBus } from './event-bus.js';
import type { EventLog } from './event-log.js';
import { MemoryEventLog } from './memory-event-log.js';
import { EventLogLockedError, SqliteEventLog } from './sqlite-event-log.js';

const DAY_MS = 24 * 3_600_000;

/**
 * The event log the configuration asks for: a file under DATA_DIR, memory only, or — as one of
 * several instances — the log they share in Redis.
 */
function openEventLog(config: AppConfig, cluster?: Cluster): EventLog {
  if (cluster) return cluster.log;
  const { eventLog, dataDir, replayBufferSize, eventLogMaxEvents, eventLogMaxAgeDays } =
    config.values;
  if (eventLog === 'memory') return new MemoryEventLog(replayBufferSize);
  // The demo's fake viewers never mix with a real channel's history.
  const path = join(dataDir, config.demo ? 'demo-events.db' : 'events.db');
  const logger = new Logger('EventLog');
  try {
    const log = SqliteEventLog.open(path, {
      maxEvents: eventLogMaxEvents,
      maxAgeMs: eventLogMaxAgeDays * DAY_MS,
      memoryEvents: replayBufferSize,
      log: (message) => logger.warn(message),
    });
    logger.log(`Event log: ${path} (${log.eventCount} events kept, last id ${log.lastId}).`);
    return log;
  } catch (error) {
    if (error instanceof EventLogLockedError) throw new ConfigError('DATA_DIR', error.message);
    // A full, read-only or unwritable disk is the streamer's to fix: one line saying how.
    throw dataDirError(error, dataDir) ?? error;
  }
}

/**
 * The outbound bus and the event log under it, shared by the producers (EventSub, stats, status,
 * the dashboard's commands) and the consumers (SSE, health, metrics).
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_LOG,
      useFactory: openEventLog,
      inject: [AppConfig, { token: Cluster, optional: true }],
    },
    EventBus,
  ],
  exports: [EventBus, EVENT_LOG],
})
export class BusModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_LOG) private readonly log: EventLog) {}

  onApplicationShutdown(): void {
    this.log.close();
  }
}
