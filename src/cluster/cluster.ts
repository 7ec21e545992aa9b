import { Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { retentionOf } from '../bus/event-bus.js';
import type { AppConfig } from '../config/app-config.js';
import { FileTokenSource } from '../twitch/file-token-source.js';
import { LeaderRequests } from './leader-requests.js';
import { RedisConnections } from './redis-connections.js';
import { RedisEventLog } from './redis-event-log.js';
import { RedisKeys } from './redis-keys.js';
import { RedisRecoveryStateStore } from './redis-recovery-state-store.js';
import { RedisSharedStreamLog } from './redis-shared-stream-log.js';
import { RedisStandbyRelay } from './redis-standby-relay.js';
import { RedisStreamStore } from './redis-stream-store.js';
import { RedisTokenSource } from './redis-token-source.js';

/**
 * What one instance shares with the others through Redis (REDIS_URL): the connections, the event
 * log, the tokens, the gap recovery's state, the standby's way to the leader, and the streams (the
 * list the leader keeps, and the log as their recaps, downloads and credits read it). Opened before Nest builds the service, so that
 * Redis not answering stops the start with one line naming REDIS_URL.
 */
export class Cluster {
  private constructor(
    readonly instanceId: string,
    readonly redis: RedisConnections,
    readonly keys: RedisKeys,
    readonly log: RedisEventLog,
    readonly tokens: RedisTokenSource,
    readonly recovery: RedisRecoveryStateStore,
    readonly leaderRequests: LeaderRequests,
    readonly standbyRelay: RedisStandbyRelay,
    readonly streams: RedisStreamStore,
    readonly streamLog: RedisSharedStreamLog,
  ) {}

  static async open(config: AppConfig): Promise<Cluster> {
    const { redisUrl, instanceId, replayBufferSize, eventLogMaxEvents } = config.values;
    const redis = await RedisConnections.open(redisUrl);
    const keys = new RedisKeys();
    const id = instanceId || `${hostname()}-${process.pid}`;
    const leaderRequests = new LeaderRequests(redis, keys, id);
    await leaderRequests.listen();
    const logger = new Logger('EventLog');
    const log = await RedisEventLog.open(redis, {
      keys,
      memoryEvents: replayBufferSize,
      maxEntries: eventLogMaxEvents,
      chat: config.chatRetention,
      retentionOf,
      leaderRequests,
      log: (level, message) => (level === 'warn' ? logger.warn(message) : logger.log(message)),
    });
    logger.log(`Event log: Redis stream ${keys.log} (last id ${log.lastId}).`);
    const tokens = new RedisTokenSource(redis, keys, new FileTokenSource(config));
    await tokens.listen();
    const recoveryLogger = new Logger('Recovery');
    const recovery = new RedisRecoveryStateStore(redis, keys, (message) =>
      recoveryLogger.warn(message),
    );
    const relayLogger = new Logger('Standby');
    const standbyRelay = new RedisStandbyRelay(redis, keys, id, (message) =>
      relayLogger.warn(message),
    );
    const streamsLogger = new Logger('Streams');
    const streams = new RedisStreamStore(redis, keys, (message) => streamsLogger.warn(message));
    await streams.pull();
    const streamLog = new RedisSharedStreamLog(redis, keys, () => log.lastId);
    return new Cluster(
      id,
      redis,
      keys,
      log,
      tokens,
      recovery,
      leaderRequests,
      standbyRelay,
      streams,
      streamLog,
    );
  }

  /** Stops reading and closes the connections. */
  async close(): Promise<void> {
    this.log.close();
    this.streams.close();
    this.leaderRequests.close();
    await this.standbyRelay.close();
    await this.recovery.written();
    await this.redis.close();
    await this.log.stopped();
  }
}
