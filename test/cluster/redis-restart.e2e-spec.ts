import { SseTestClient } from '../support/sse-client.js';
import { ClusterHarness, follows, idsIncrease, type Instance } from './cluster-harness.js';
import { describeWithRedis } from '../support/redis-server.js';
import { BUILD_TIMEOUT_MS, buildIfNeeded } from '../support/built-service.js';

/**
 * Redis restarts with nothing kept (no persistence) while events flow: the leader holds back what
 * it publishes, takes its lease back, writes back the history Redis lost, and every instance's
 * clients — one started after the restart too — get every event once, in order.
 */
describeWithRedis('Redis restarting empty mid-stream', () => {
  let cluster: ClusterHarness;
  let leader: Instance;
  let follower: Instance;
  const clients: SseTestClient[] = [];
  const instances: Instance[] = [];

  // The build first, in a hook of its own: waiting for it never eats the cluster's set-up time.
  beforeAll(buildIfNeeded, BUILD_TIMEOUT_MS);

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    leader = await cluster.startInstance('leader');
    await cluster.receiving(leader);
    follower = await cluster.startInstance('follower');
    instances.push(leader, follower);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await cluster?.close();
  }, 60_000);

  it('loses nothing and repeats nothing', async () => {
    for (const instance of [leader, follower]) {
      clients.push(
        await SseTestClient.connect(`${instance.baseUrl}/api/twitch/stream?types=event`),
      );
    }
    const statuses = await SseTestClient.connect(
      `${follower.baseUrl}/api/twitch/stream?types=status`,
    );
    clients.push(statuses);
    const follow = (user: string) => cluster.simulator.trigger('channel.follow', { user });
    follow('before_restart');
    for (const client of clients.slice(0, 2))
      await client.waitFor((c) => follows(c).length >= 1, 10_000, 'the first follow');

    await cluster.redis.stop();
    follow('while_down_1');
    follow('while_down_2');
    await cluster.redis.restart();
    follow('after_restart');

    try {
      // Clients are told, once Redis is back, that the leader could not reach it for a while.
      await statuses.waitFor(
        (c) => c.messages.some((m) => JSON.stringify(m.json).includes('"redisOutage"')),
        30_000,
        'a cluster status with the Redis outage',
      );
      for (const client of clients.slice(0, 2)) {
        await client.waitFor((c) => follows(c).length >= 4, 30_000, 'every follow');
        expect(follows(client)).toEqual([
          'before_restart',
          'while_down_1',
          'while_down_2',
          'after_restart',
        ]);
        expect(idsIncrease(client)).toBe(true);
      }

      // The leader wrote back the history Redis lost: an instance started now replays all of it
      // to a client resuming from before the restart.
      const late = await cluster.startInstance('late');
      instances.push(late);
      const firstId = Number(clients[0]!.messages[0]!.id);
      const resumed = await SseTestClient.connect(
        `${late.baseUrl}/api/twitch/stream?types=event&lastEventId=${firstId - 1}`,
      );
      clients.push(resumed);
      await resumed.waitFor((c) => follows(c).length >= 4, 30_000, 'the replay from Redis');
      expect(follows(resumed)).toEqual(follows(clients[0]!));
      expect(resumed.messages.map((m) => m.id)).toEqual(clients[0]!.messages.map((m) => m.id));
    } catch (error) {
      for (const instance of instances) {
        const { stdout, stderr } = instance.output();
        console.log(
          `--- ${instance.name}\n${(stdout + stderr)
            .split('\n')
            .filter((l) => !/InstanceLoader|RouterExplorer|RoutesResolver/.test(l))
            .join('\n')}`,
        );
      }
      console.log(clients.map((c) => follows(c).join(', ')).join('\n'));
      throw error;
    }
  }, 90_000);
});
