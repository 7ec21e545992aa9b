import { Redis } from 'ioredis';
import { firstValueFrom, take, toArray } from 'rxjs';
import { eventually } from '../../test/support/eventually.js';
import {
  CuttableLink,
  describeWithRedis,
  TestRedisServer,
} from '../../test/support/redis-server.js';
import type { StandbyItem } from '../eventsub/standby-relay.js';
import { RedisConnections } from './redis-connections.js';
import { RedisKeys } from './redis-keys.js';
import { RedisStandbyRelay } from './redis-standby-relay.js';

describeWithRedis('RedisStandbyRelay on a real redis-server', () => {
  let server: TestRedisServer;
  const opened: { relay: RedisStandbyRelay; connections: RedisConnections }[] = [];
  let prefixes = 0;

  beforeAll(async () => {
    server = await TestRedisServer.start();
  });

  afterAll(async () => {
    // All at once: each leader's blocking read holds its close for up to a second.
    await Promise.all(
      opened.map(async ({ relay, connections }) => {
        await relay.close();
        await connections.close();
      }),
    );
    await server.stop();
  });

  /** An instance's relay over keys of the test's own, reaching Redis at `url`. */
  async function relayOf(instanceId: string, keys: RedisKeys, url = server.url) {
    const connections = await RedisConnections.open(url);
    const relay = new RedisStandbyRelay(connections, keys, instanceId, () => undefined);
    opened.push({ relay, connections });
    return relay;
  }

  const copy = (session: string, n: number): StandbyItem => ({
    kind: 'copy',
    session,
    type: 'channel.cheer',
    data: { message: `cheer ${n}` },
    messageId: `${session}-${n}`,
  });

  it('hands the standby’s items to the leader in order, from the moment it reads, not its own', async () => {
    const keys = new RedisKeys(`relay-${++prefixes}`);
    const standby = await relayOf('b', keys);
    const leader = await relayOf('a', keys);
    // Before the leader reads: an old standby's item, never delivered.
    standby.forward(copy('old', 0));
    const redis = new Redis(server.url);
    await eventually(async () => (await redis.xlen(keys.standbyInbox)) === 1, 'the old item');
    redis.disconnect();
    await leader.read();
    const items = firstValueFrom(leader.forwarded$.pipe(take(4), toArray()));
    leader.forward(copy('a', 99)); // its own (as a standby before): skipped
    standby.forward({ kind: 'joined', session: 'b', upToLogId: 7 });
    for (const n of [1, 2, 3]) standby.forward(copy('b', n));
    expect(await items).toEqual([
      { kind: 'joined', session: 'b', upToLogId: 7 },
      copy('b', 1),
      copy('b', 2),
      copy('b', 3),
    ]);
  });

  it('holds what the standby forwards while Redis is away, and sends it in order when it is back', async () => {
    const keys = new RedisKeys(`relay-${++prefixes}`);
    const link = await CuttableLink.to(server.port);
    try {
      const standby = await relayOf('b', keys, link.url);
      const leader = await relayOf('a', keys);
      await leader.read();
      const ids: string[] = [];
      leader.forwarded$.subscribe((item) => ids.push(item.kind === 'copy' ? item.messageId! : ''));
      standby.forward(copy('b', 1));
      await eventually(() => ids.length === 1, 'the first item');
      link.sever();
      for (const n of [2, 3, 4, 5]) standby.forward(copy('b', n));
      link.heal();
      await eventually(() => new Set(ids).size === 5, 'every item');
      // (An item whose write was cut off may come twice: the leader drops a repeated message_id.)
      expect([...new Set(ids)]).toEqual(['b-1', 'b-2', 'b-3', 'b-4', 'b-5']);
    } finally {
      await link.close();
    }
  });
});
