import { eventually } from '../../test/support/eventually.js';
import { describeWithRedis, useRedisServer } from '../../test/support/redis-server.js';
import { RedisKeys } from './redis-keys.js';
import { StandbyLease } from './standby-lease.js';

describeWithRedis('StandbyLease on a real redis-server', () => {
  const server = useRedisServer();
  let prefixes = 0;

  /** Two followers' leases over keys of the test's own. */
  function leases(ttlMs = 60_000) {
    const keys = new RedisKeys(`standby-${++prefixes}`);
    return {
      keys,
      b: new StandbyLease(server.redis, keys, 'b', ttlMs),
      c: new StandbyLease(server.redis, keys, 'c', ttlMs),
    };
  }

  it('goes to one follower; the other gets it once the first releases it', async () => {
    const { b, c } = leases();
    expect(await b.tryAcquire()).toBe(true);
    expect(await c.tryAcquire()).toBe(false);
    expect(await b.holder()).toBe('b');
    expect(await b.renew()).toBe(true);
    expect(await c.renew()).toBe(false);
    await c.release(); // not c's: nothing happens
    expect(await c.holder()).toBe('b');
    await b.release();
    expect(await c.tryAcquire()).toBe(true);
    expect(await b.renew()).toBe(false);
  });

  it('lapses when its holder stops renewing it (a standby killed with -9)', async () => {
    const { keys, b, c } = leases(200);
    expect(await b.tryAcquire()).toBe(true);
    expect(await server.redis.pttl(keys.standby)).toBeGreaterThan(0);
    await eventually(async () => (await c.holder()) === null, 'the lease to lapse');
    expect(await c.tryAcquire()).toBe(true);
  });

  it('is taken back by its holder when Redis lost it and nobody else took it', async () => {
    const { keys, b, c } = leases();
    expect(await b.tryAcquire()).toBe(true);
    await server.redis.del(keys.standby); // as after Redis restarted empty
    expect(await b.renew()).toBe(true);
    expect(await c.tryAcquire()).toBe(false);
  });
});
