import { firstValueFrom } from 'rxjs';
import { retentionOf } from '../../src/bus/event-bus.js';
import type { PublishedMessage } from '../../src/bus/published-message.js';
import { LeaderLease } from '../../src/cluster/leader-lease.js';
import { LeaderRequests } from '../../src/cluster/leader-requests.js';
import { RedisConnections } from '../../src/cluster/redis-connections.js';
import { RedisEventLog } from '../../src/cluster/redis-event-log.js';
import { RedisKeys } from '../../src/cluster/redis-keys.js';
import { eventually } from '../support/eventually.js';
import { follow, stats } from '../support/event-log-contract.js';
import { describeWithRedis, TestRedisServer } from '../support/redis-server.js';

/** Two instances' logs on one real Redis: the leader writes, both deliver the same thing. */
describeWithRedis('the event log on Redis Streams', () => {
  let redis: TestRedisServer;
  const keys = new RedisKeys();
  const opened: { connections: RedisConnections; log: RedisEventLog }[] = [];
  const warnings: string[] = [];

  async function open(instanceId: string) {
    const connections = await RedisConnections.open(redis.url);
    const leaderRequests = new LeaderRequests(connections, keys, instanceId);
    await leaderRequests.listen();
    const log = await RedisEventLog.open(connections, {
      leaderRequests,
      keys,
      memoryEvents: 100,
      maxEntries: 1000,
      retentionOf,
      log: (_level, message) => warnings.push(`${instanceId}: ${message}`),
    });
    const arrived: PublishedMessage[] = [];
    log.arrivals$.subscribe((published) => arrived.push(published));
    opened.push({ connections, log });
    return {
      connections,
      log,
      arrived,
      lease: new LeaderLease(connections.command, keys, instanceId),
    };
  }

  beforeEach(async () => {
    redis = await TestRedisServer.start();
    warnings.length = 0;
  });

  afterEach(async () => {
    for (const { log, connections } of opened.splice(0)) {
      log.close();
      await connections.close();
    }
    await redis.stop();
  });

  it('delivers what the leader appends to every instance, with the same ids, in order', async () => {
    const leader = await open('leader');
    const follower = await open('follower');
    await leader.log.lead((await leader.lease.tryAcquire())!);
    const sent = [
      // (Arrived from Twitch at 123 on the leader's clock: where its ingest latency starts.)
      leader.log.append(follow('a'), { kind: 'history' }, 123),
      leader.log.append(stats(1), { kind: 'state', key: 'stats' }),
      leader.log.append(follow('b'), { kind: 'history' }),
    ];
    expect(sent[1]!.id).toBe(sent[0]!.id + 1);
    for (const instance of [leader, follower]) {
      await eventually(() => instance.arrived.length === 3, 'three messages');
      expect(instance.arrived.map((p) => [p.id, p.json])).toEqual(sent.map((p) => [p.id, p.json]));
      expect(instance.log.state('stats')?.id).toBe(sent[1]!.id);
      expect(instance.log.eventsAfter(sent[0]!.id)).toMatchObject({ complete: true });
    }
    expect(leader.arrived[0]!.receivedAt).toBe(123);
    expect(follower.arrived[0]!.receivedAt).toBeUndefined();
    // A third instance that starts later loads the same copy.
    const late = await open('late');
    expect(late.log.lastId).toBe(sent[2]!.id);
    expect(late.log.latestEvents(10).map((p) => p.json)).toEqual([sent[0]!.json, sent[2]!.json]);
    expect(late.log.state('stats')?.json).toBe(sent[1]!.json);
  });

  it('skips an entry it did not write, says so, and goes on', async () => {
    const leader = await open('leader');
    const follower = await open('follower');
    await leader.log.lead((await leader.lease.tryAcquire())!);
    const first = leader.log.append(follow('a'), { kind: 'history' });
    await eventually(() => follower.arrived.length === 1, 'the first message');
    await leader.connections.command.xadd(
      keys.log,
      `${first.id + 1}-0`,
      'm',
      '{not json',
      'k',
      'h',
    );
    await leader.connections.command.xadd(keys.log, `${first.id + 2}-0`, 'junk', 'x');
    leader.log.relead((await leader.lease.holder())!);
    const second = leader.log.append(follow('b'), { kind: 'history' });
    await eventually(() => follower.arrived.length === 2, 'the message after the junk');
    // The leader moved past the junk (BEHIND) rather than reusing its ids.
    expect(second.id).toBeGreaterThan(first.id);
    expect(follower.arrived[1]!.json).toBe(JSON.stringify(follow('b')));
    expect(follower.arrived[1]!.id).toBe(first.id + 3);
    expect(warnings.filter((w) => w.startsWith('follower: Skipped entry'))).toHaveLength(2);
  });

  it('refuses the writes of an instance whose lease another took (fencing)', async () => {
    const deposed = await open('deposed');
    const follower = await open('follower');
    await deposed.log.lead((await deposed.lease.tryAcquire())!);
    deposed.log.append(follow('before'), { kind: 'history' });
    await eventually(() => follower.arrived.length === 1, 'the first message');
    // The lease lapses and another instance takes it, as after a partition.
    await deposed.connections.command.del(keys.leader);
    expect(await follower.lease.tryAcquire()).not.toBeNull();
    const fenced = firstValueFrom(deposed.log.fenced$);
    deposed.log.append(follow('too late'), { kind: 'history' });
    await fenced;
    expect(await deposed.connections.command.xlen(keys.log)).toBe(1);
    expect(follower.arrived).toHaveLength(1);
  });

  it('publishes a follower’s message through the leader, and answers 503 with no leader', async () => {
    const leader = await open('leader');
    const follower = await open('follower');
    await expect(follower.log.relay({ type: 'control', data: { action: 'skip' } })).rejects.toThrow(
      /no instance holds the Twitch connection/,
    );
    await leader.log.lead((await leader.lease.tryAcquire())!);
    const published = await follower.log.relay({ type: 'control', data: { action: 'pause' } });
    await eventually(
      () => follower.arrived.some((p) => p.id === published.id),
      'the relayed message back on the follower',
    );
    expect(follower.log.state('control:pause')?.id).toBe(published.id);
  });
});
