import { eventually } from '../support/eventually.js';
import { CuttableLink, describeWithRedis } from '../support/redis-server.js';
import { SseTestClient } from '../support/sse-client.js';
import {
  cheerStream,
  ClusterHarness,
  everyCheerOnceLive,
  follows,
  type Instance,
} from './cluster-harness.js';
import { BUILD_TIMEOUT_MS, buildIfNeeded } from '../support/built-service.js';

/**
 * The hot standby when something else fails, on a real Redis (reached through a link the test can
 * cut), built instances and the simulator: one EventSub session dropped, Redis away, and both the
 * leader and the standby dead. Cheers flow throughout; the clients of every instance must get
 * each once, in order, live — except when no session was receiving, where gap recovery answers
 * as it does without a standby.
 */
describeWithRedis('the hot standby under faults', () => {
  let cluster: ClusterHarness;
  let link: CuttableLink;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  const clients: SseTestClient[] = [];
  const sessionOf = async (instance: Instance) => (await instance.health()).eventsub.sessionId!;

  /** `count` SSE clients of the events of each of `instances`. */
  async function watch(instances: Instance[], count = 2): Promise<SseTestClient[]> {
    const connected: SseTestClient[] = [];
    for (const instance of instances)
      for (let i = 0; i < count; i++)
        connected.push(
          await SseTestClient.connect(`${instance.baseUrl}/api/twitch/stream?types=event`),
        );
    clients.push(...connected);
    return connected;
  }

  /** Waits until `instance` has read the log as far as `other` (so a new client starts there). */
  async function caughtUp(instance: Instance, other: Instance): Promise<void> {
    await eventually(
      async () => (await instance.health()).bus.lastId === (await other.health()).bus.lastId,
      `${instance.name} to catch up with the log`,
    );
  }

  /**
   * The follower of `followers` that stands by, once the roles have settled: it says it is the
   * standby with its own session connected, and the other says it is a follower without one.
   * After Redis was away, either follower may take the free standby lease (the one that held it
   * lets go at its next renewal), so a test that kills "the standby" asks which one it is.
   */
  async function settledStandby(followers: [Instance, Instance]): Promise<[Instance, Instance]> {
    let settled: [Instance, Instance] | undefined;
    await eventually(
      async () => {
        const [first, second] = await Promise.all(followers.map((one) => one.health()));
        const standingBy = (h: typeof first) =>
          h!.instances[0]?.role === 'standby' && h!.eventsub.state === 'connected';
        const following = (h: typeof first) =>
          h!.instances[0]?.role === 'follower' && h!.eventsub.state !== 'connected';
        if (standingBy(first) && following(second)) settled = followers;
        else if (standingBy(second) && following(first)) settled = [followers[1], followers[0]];
        return settled !== undefined;
      },
      'one follower standing by and the other only following',
      30_000,
    );
    return settled!;
  }

  // The build first, in a hook of its own: waiting for it never eats the cluster's set-up time.
  beforeAll(buildIfNeeded, BUILD_TIMEOUT_MS);

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    link = await CuttableLink.to(cluster.redis.port);
    // Every instance reaches Redis through the one link: cutting it takes Redis away from all.
    a = await cluster.startInstance('a', link.url);
    await cluster.receiving(a);
    b = await cluster.startInstance('b', link.url);
    await cluster.standingBy(b);
    c = await cluster.startInstance('c', link.url);
  }, 180_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await cluster?.close();
    await link?.close();
  }, 60_000);

  it('the leader’s session dropped: the standby’s copies carry its reconnect, nothing lost, nothing recovered', async () => {
    const watching = await watch([a, b, c]);
    const dropped = await sessionOf(a);
    const stream = cheerStream(cluster.simulator, 'leader_drop');
    await eventually(() => stream.sent.length >= 10, 'the first cheers sent');
    expect(cluster.simulator.dropConnections(dropped)).toBe(1);
    // Twurple notices, reconnects and subscribes again on a new WebSocket session.
    await eventually(
      async () => {
        const { eventsub } = await a.health();
        return (
          eventsub.state === 'connected' &&
          eventsub.sessionId !== dropped &&
          (eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
        );
      },
      'the leader’s session back',
      30_000,
    );
    const sentBefore = stream.sent.length;
    await eventually(() => stream.sent.length >= sentBefore + 10, 'cheers after the reconnect');
    stream.stop();
    await everyCheerOnceLive(watching, stream);
    expect((await a.health()).eventsub.reconnects).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('the standby’s session dropped: nothing lost; it reconnects and stands by again', async () => {
    const watching = await watch([a, c]);
    const dropped = await sessionOf(b);
    const stream = cheerStream(cluster.simulator, 'standby_drop');
    await eventually(() => stream.sent.length >= 10, 'the first cheers sent');
    expect(cluster.simulator.dropConnections(dropped)).toBe(1);
    await cluster.standingBy(b);
    expect(await sessionOf(b)).not.toBe(dropped);
    const sentBefore = stream.sent.length;
    await eventually(() => stream.sent.length >= sentBefore + 10, 'cheers after the reconnect');
    stream.stop();
    await everyCheerOnceLive(watching, stream);
  }, 90_000);

  it('Redis away for 10 s: what both sessions received is held back, then written once, in order', async () => {
    const watching = await watch([a, b, c]);
    const statuses = await SseTestClient.connect(`${c.baseUrl}/api/twitch/stream?types=status`);
    clients.push(statuses);
    const stream = cheerStream(cluster.simulator, 'redis_away', 200);
    await eventually(() => stream.sent.length >= 5, 'the first cheers sent');
    link.sever();
    const severedAt = stream.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    link.heal();
    expect(stream.sent.length).toBeGreaterThan(severedAt);
    // The leader takes its lapsed lease back and writes what it held; the standby's copies follow.
    await cluster.receiving(a, 30_000);
    const sentBefore = stream.sent.length;
    await eventually(() => stream.sent.length >= sentBefore + 5, 'cheers after Redis is back');
    stream.stop();
    await everyCheerOnceLive(watching, stream);
    await statuses.waitFor(
      (client) => client.messages.some((m) => JSON.stringify(m.json).includes('"redisOutage"')),
      30_000,
      'a cluster status with the Redis outage',
    );
    // A follower stands by again: b, which takes its lapsed lease back, or c, if it was first.
    await settledStandby([b, c]);
  }, 120_000);

  it('both the leader and the standby die: the last instance recovers the gap through Helix, as without a standby', async () => {
    await cluster.receiving(a);
    const [standby, last] = await settledStandby([b, c]);
    await caughtUp(last, a);
    const [onLast] = await watch([last], 1);
    cluster.simulator.trigger('channel.follow', { user: 'before_both_die' });
    await onLast!.waitFor((client) => follows(client).length >= 1, 10_000, 'the first follow');
    await Promise.all([a.kill(), standby.kill()]);
    // Nobody holds an EventSub session: these are only in Helix.
    cluster.simulator.trigger('channel.follow', { user: 'while_nobody_listens' });
    await cluster.receiving(last, 30_000);
    await onLast!.waitFor((client) => follows(client).length >= 2, 20_000, 'the recovered follow');
    cluster.simulator.trigger('channel.follow', { user: 'after_takeover' });
    await onLast!.waitFor((client) => follows(client).length >= 3, 20_000, 'the live follow');
    expect(follows(onLast!)).toEqual([
      'before_both_die',
      'while_nobody_listens (recovered)',
      'after_takeover',
    ]);
  }, 90_000);
});
