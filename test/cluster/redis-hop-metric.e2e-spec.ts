import { Registry } from 'prom-client';
import { retentionOf } from '../../src/bus/event-bus.js';
import { LeaderLease } from '../../src/cluster/leader-lease.js';
import { LeaderRequests } from '../../src/cluster/leader-requests.js';
import { RedisConnections } from '../../src/cluster/redis-connections.js';
import { RedisEventLog } from '../../src/cluster/redis-event-log.js';
import { RedisKeys } from '../../src/cluster/redis-keys.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { ClusterMetrics } from '../../src/metrics/cluster-metrics.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TestRedisServer } from '../support/redis-server.js';

const follow = (user: string): StreamMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: {
    user_id: '1',
    user_login: user,
    user_name: user,
    broadcaster_user_id: '1000',
    broadcaster_user_login: 'demo_streamer',
    broadcaster_user_name: 'Demo_Streamer',
    followed_at: new Date().toISOString(),
  },
  sentAt: new Date().toISOString(),
});

/** The histogram's count and sum, read as Prometheus would. */
async function hop(registry: Registry): Promise<{ count: number; sum: number }> {
  const lines = (await registry.metrics()).split('\n');
  const value = (name: string) =>
    Number(lines.find((line) => line.startsWith(`${name} `))?.split(' ')[1] ?? NaN);
  return {
    count: value('twitch_realtime_redis_hop_seconds_count'),
    sum: value('twitch_realtime_redis_hop_seconds_sum'),
  };
}

/**
 * `twitch_realtime_redis_hop_seconds`: the leader observes, per message it appends, the time until
 * it reads it back from the real Redis stream; a follower reading the same entries observes
 * nothing (it did not time the append).
 */
describeWithRedis('the Redis hop metric', () => {
  let redis: TestRedisServer;
  const opened: { connections: RedisConnections; log: RedisEventLog }[] = [];

  const open = async (instanceId: string) => {
    const connections = await RedisConnections.open(redis.url);
    const leaderRequests = new LeaderRequests(connections, new RedisKeys(), instanceId);
    await leaderRequests.listen();
    const log = await RedisEventLog.open(connections, {
      leaderRequests,
      keys: new RedisKeys(),
      memoryEvents: 100,
      maxEntries: 1000,
      retentionOf,
      log: () => undefined,
    });
    opened.push({ connections, log });
    const registry = new Registry();
    const metrics = new ClusterMetrics(registry, log);
    return { connections, log, registry, metrics };
  };

  beforeAll(async () => {
    redis = await TestRedisServer.start();
  });

  afterAll(async () => {
    for (const { connections, log } of opened) {
      log.close();
      await connections.close();
      await log.stopped();
    }
    await redis?.stop();
  });

  it('is observed by the leader for each message read back, and by no follower', async () => {
    const leader = await open('leader');
    const lease = await new LeaderLease(leader.connections.command, new RedisKeys(), 'leader')
      .tryAcquire()
      .then((value) => value!);
    await leader.log.lead(lease);
    // As in a running cluster, the stream holds the leader's first message when a follower starts.
    const first = follow('first');
    leader.log.append(first, retentionOf(first));
    await eventually(async () => (await hop(leader.registry)).count === 1, 'the first hop');
    const follower = await open('follower');
    const arrived: number[] = [];
    follower.log.arrivals$.subscribe((published) => arrived.push(published.id));

    const before = await hop(leader.registry);
    const started = performance.now();
    for (const user of ['alice', 'bob', 'carol']) {
      const message = follow(user);
      leader.log.append(message, retentionOf(message));
    }
    await eventually(async () => (await hop(leader.registry)).count === 4, 'three more hops');
    const elapsedSeconds = (performance.now() - started) / 1000;
    await eventually(() => arrived.length === 3, 'the follower to read the three');

    const observed = await hop(leader.registry);
    expect(observed.count).toBe(4);
    // Each hop is a real, positive time no longer than the whole exchange took.
    const sum = observed.sum - before.sum;
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(3 * elapsedSeconds);
    expect((await hop(follower.registry)).count).toBe(0);

    leader.metrics.stop();
    follower.metrics.stop();
  });
});
