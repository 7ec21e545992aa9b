import { SseTestClient } from '../support/sse-client.js';
import { ClusterHarness, follows, idsIncrease, type Instance } from './cluster-harness.js';

/**
 * Redis restarts with nothing kept (no persistence) while events flow: the leader holds back what
 * it publishes, takes its lease back, and every instance's clients get every event once, in order.
 */
describe('Redis restarting empty mid-stream', () => {
  let cluster: ClusterHarness;
  let leader: Instance;
  let follower: Instance;
  const clients: SseTestClient[] = [];

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    leader = await cluster.startInstance('leader');
    await cluster.receiving(leader);
    follower = await cluster.startInstance('follower');
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
    } catch (error) {
      for (const instance of [leader, follower]) {
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
