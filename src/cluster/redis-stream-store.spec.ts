import { describeWithRedis, useRedisServer } from '../../test/support/redis-server.js';
import { describeStreamStoreContract } from '../../test/support/stream-store-contract.js';
import { StreamSpans } from '../streams/stream-span.js';
import { RedisKeys } from './redis-keys.js';
import { RedisStreamStore } from './redis-stream-store.js';

describeWithRedis('RedisStreamStore on a real redis-server', () => {
  const server = useRedisServer();
  let prefixes = 0;

  async function storeOf(keys: RedisKeys) {
    const opened = await server.connect();
    const warnings: string[] = [];
    return { store: new RedisStreamStore(opened, keys, (line) => warnings.push(line)), warnings };
  }

  describeStreamStoreContract('RedisStreamStore', async () => {
    const keys = new RedisKeys(`streams-${++prefixes}`);
    await server.redis.set(keys.leader, 'a:1');
    const { store } = await storeOf(keys);
    await store.lead('a:1');
    return {
      store,
      reopen: async () => {
        expect(await store.written()).toBe(true);
        const { store: another } = await storeOf(keys);
        await another.pull();
        return another;
      },
    };
  });

  describe('RedisStreamStore', () => {
    it('the leader’s streams and viewers are what every instance reads, and the next leader goes on with the live one', async () => {
      const keys = new RedisKeys(`streams-${++prefixes}`);
      await server.redis.set(keys.leader, 'a:1');
      const { store: leader } = await storeOf(keys);
      const { store: follower } = await storeOf(keys);
      await leader.lead('a:1');
      const spans = new StreamSpans(leader.load());
      for (const span of spans.online(10, 0, '2026-12-01T18:00:00.000Z').changed) leader.save(span);
      for (const span of spans.offline(20, 3_600_000).changed) leader.save(span);
      for (const span of spans.online(30, 7_200_000, '2026-12-01T20:00:00.000Z').changed)
        leader.save(span);
      leader.addViewers({ streamId: 2, at: 7_260_000, viewers: 40 });
      leader.addViewers({ streamId: 2, at: 7_320_000, viewers: 42 });
      expect(await leader.written()).toBe(true);

      const listed = await follower.sharedSpans();
      expect(listed.map(({ id, endedAt }) => ({ id, live: endedAt === null }))).toEqual([
        { id: 1, live: false },
        { id: 2, live: true },
      ]);
      expect(await follower.viewers(2)).toEqual([
        { streamId: 2, at: 7_260_000, viewers: 40 },
        { streamId: 2, at: 7_320_000, viewers: 42 },
      ]);

      // The leader dies (nothing hands over); the follower takes the lease and the lead.
      await server.redis.set(keys.leader, 'b:2');
      await follower.lead('b:2');
      const next = new StreamSpans(follower.load());
      expect(next.current?.id).toBe(2);
      follower.addViewers({ streamId: 2, at: 7_380_000, viewers: 45 });
      expect(await follower.written()).toBe(true);
      expect((await leader.viewers(2)).map(({ viewers }) => viewers)).toEqual([40, 42, 45]);
    });

    it('writes nothing once another instance holds the lease, and stops writing', async () => {
      const keys = new RedisKeys(`streams-${++prefixes}`);
      await server.redis.set(keys.leader, 'a:1');
      const { store: old } = await storeOf(keys);
      await old.lead('a:1');
      await server.redis.set(keys.leader, 'b:2');
      const spans = new StreamSpans();
      for (const span of spans.online(10, 0, '2026-12-01T18:00:00.000Z').changed) old.save(span);
      old.addViewers({ streamId: 1, at: 60_000, viewers: 3 });
      expect(await old.written()).toBe(true);
      expect(await server.redis.exists(keys.streams, keys.streamViewers(1))).toBe(0);
      // It stepped down: later changes are not even tried.
      for (const span of spans.offline(20, 3_600_000).changed) old.save(span);
      expect(await old.written()).toBe(true);
      expect(await server.redis.exists(keys.streams)).toBe(0);
    });

    it('keeps what it could not write while nobody held the lease, and writes it once one does', async () => {
      const keys = new RedisKeys(`streams-${++prefixes}`);
      await server.redis.set(keys.leader, 'a:1');
      const { store } = await storeOf(keys);
      await store.lead('a:1');
      await server.redis.del(keys.leader);
      store.addViewers({ streamId: 1, at: 60_000, viewers: 7 });
      expect(await store.written(300)).toBe(false);
      await server.redis.set(keys.leader, 'a:1');
      store.relead('a:1');
      expect(await store.written()).toBe(true);
      expect(await server.redis.lrange(keys.streamViewers(1), 0, -1)).toEqual(['60000 7']);
    });
    it('puts the streams it keeps back when it takes its lease back from a Redis that restarted empty', async () => {
      const keys = new RedisKeys(`streams-${++prefixes}`);
      await server.redis.set(keys.leader, 'a:1');
      const { store } = await storeOf(keys);
      await store.lead('a:1');
      const spans = new StreamSpans();
      for (const span of spans.online(10, 0, '2026-12-01T18:00:00.000Z').changed) store.save(span);
      expect(await store.written()).toBe(true);
      await server.redis.del(keys.streams, keys.leader);
      await server.redis.set(keys.leader, 'a:1');
      store.relead('a:1');
      expect(await store.written()).toBe(true);
      expect((await store.sharedSpans()).map(({ id, firstId }) => ({ id, firstId }))).toEqual([
        { id: 1, firstId: 10 },
      ]);
    });
  });
});
