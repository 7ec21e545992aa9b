import type { EventLog } from '../bus/event-log.js';
import { retentionOf } from '../bus/event-bus.js';
import { describeEventLogContract } from '../../test/support/event-log-contract.js';
import { eventually } from '../../test/support/eventually.js';
import { describeWithRedis, TestRedisServer } from '../../test/support/redis-server.js';
import { LeaderLease } from './leader-lease.js';
import { LeaderRequests } from './leader-requests.js';
import { RedisConnections } from './redis-connections.js';
import { RedisEventLog } from './redis-event-log.js';
import { RedisKeys } from './redis-keys.js';
import { newestStreamId } from './redis-stream-entries.js';

/** One instance's shared log on the test's redis-server, under keys of its own. */
interface OpenedLog {
  readonly log: RedisEventLog;
  readonly connections: RedisConnections;
  readonly keys: RedisKeys;
  readonly leaderRequests: LeaderRequests;
  readonly lease: LeaderLease;
  readonly warnings: string[];
}

describeWithRedis('RedisEventLog on a real redis-server', () => {
  let redis: TestRedisServer;
  const opened: OpenedLog[] = [];
  let prefixes = 0;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
  });

  afterAll(async () => {
    // All at once, at the end: each reader's blocking read holds its connection's quit for up to a
    // second. (Every test's logs have keys of their own, so they do not meet meanwhile.)
    await Promise.all(opened.map(closeLog));
    await redis.stop();
  });

  async function closeLog({ log, connections, leaderRequests }: OpenedLog): Promise<void> {
    log.close();
    leaderRequests.close();
    await connections.close();
    await log.stopped();
  }

  /**
   * An instance's log over the keys under `prefix` (a fresh prefix: an empty shared log), holding
   * `memoryEvents` events in memory.
   */
  async function openLog(
    memoryEvents: number,
    prefix = `test-${++prefixes}`,
    instanceId = 'instance',
  ): Promise<OpenedLog> {
    const connections = await RedisConnections.open(redis.url);
    const keys = new RedisKeys(prefix);
    const leaderRequests = new LeaderRequests(connections, keys, instanceId);
    await leaderRequests.listen();
    const warnings: string[] = [];
    const log = await RedisEventLog.open(connections, {
      keys,
      memoryEvents,
      maxEntries: 1000,
      retentionOf,
      leaderRequests,
      log: (_level, message) => warnings.push(message),
    });
    const lease = new LeaderLease(connections.command, keys, instanceId);
    const instance = { log, connections, keys, leaderRequests, lease, warnings };
    opened.push(instance);
    return instance;
  }

  /** Makes `instance` the leader; its lease does not lapse (nothing renews it here). */
  async function lead(instance: OpenedLog): Promise<string> {
    const lease = (await instance.lease.tryAcquire())!;
    await instance.connections.command.persist(instance.keys.leader);
    await instance.log.lead(lease);
    return lease;
  }

  /** Waits until everything appended is in Redis and this instance has read it back. */
  async function settle(log: EventLog): Promise<void> {
    const instance = opened.find((candidate) => candidate.log === log)!;
    expect(await instance.log.flushed(20_000)).toBe(true);
    const newest = await newestStreamId(instance.connections, instance.keys);
    await eventually(() => log.lastId >= newest, `the log to read back up to ${newest}`);
  }

  describeEventLogContract(
    'RedisEventLog (the leader’s)',
    async (capacity) => {
      const instance = await openLog(capacity);
      await lead(instance);
      return instance.log;
    },
    settle,
  );
});
