import { ConflictException, HttpException } from '@nestjs/common';
import { LeaderRequests } from '../../src/cluster/leader-requests.js';
import { RedisConnections } from '../../src/cluster/redis-connections.js';
import { RedisKeys } from '../../src/cluster/redis-keys.js';
import { describeWithRedis, TestRedisServer } from '../support/redis-server.js';

/**
 * Requests to the leader over a real Redis: the instance that asks gets the leader's answer, or its
 * HTTP error as it is; with nobody serving, a 503 that says why.
 */
describeWithRedis('requests to the leader on Redis', () => {
  let redis: TestRedisServer;
  const keys = new RedisKeys();
  const connections: RedisConnections[] = [];

  async function instance(id: string): Promise<LeaderRequests> {
    const redisConnections = await RedisConnections.open(redis.url);
    connections.push(redisConnections);
    const requests = new LeaderRequests(redisConnections, keys, id);
    await requests.listen();
    return requests;
  }

  /** The HTTP error `promise` rejects with. */
  async function refusal(promise: Promise<unknown>): Promise<HttpException> {
    const error: unknown = await promise.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    if (!(error instanceof HttpException)) throw new Error(`Not an HTTP error: ${String(error)}`);
    return error;
  }

  beforeEach(async () => {
    redis = await TestRedisServer.start();
  });

  afterEach(async () => {
    for (const connection of connections.splice(0)) await connection.close();
    await redis.stop();
  });

  it('answers with what the leader’s handler returns, and passes its HTTP errors on as they are', async () => {
    const leader = await instance('leader');
    const follower = await instance('follower');
    for (const requests of [leader, follower]) {
      requests.handle('echo', (request) => ({ got: request['value'], by: 'the leader' }));
      requests.handle('refuse', () => {
        throw new ConflictException('The timer is at zero: add time first.');
      });
      requests.handle('break', () => {
        throw new Error('disk on fire');
      });
    }
    await leader.serve();

    await expect(follower.ask({ kind: 'echo', value: 42 })).resolves.toEqual({
      got: 42,
      by: 'the leader',
    });

    const conflict = await refusal(follower.ask({ kind: 'refuse' }));
    expect(conflict.getStatus()).toBe(409);
    expect(conflict.getResponse()).toEqual(
      new ConflictException('The timer is at zero: add time first.').getResponse(),
    );

    const broken = await refusal(follower.ask({ kind: 'break' }));
    expect(broken.getStatus()).toBe(500);
    expect(broken.message).toContain('disk on fire');

    const unknown = await refusal(follower.ask({ kind: 'no-such-kind' }));
    expect(unknown.getStatus()).toBe(503);
    expect(unknown.message).toContain('cannot run "no-such-kind"');
  });

  it('refuses with a 503 saying why when nobody leads, or the leader stopped', async () => {
    const leader = await instance('leader');
    const follower = await instance('follower');
    leader.handle('echo', () => 'answered');

    const nobody = await refusal(follower.ask({ kind: 'echo' }));
    expect(nobody.getStatus()).toBe(503);
    expect(nobody.message).toMatch(/no instance holds the Twitch connection/);

    await leader.serve();
    await expect(follower.ask({ kind: 'echo' })).resolves.toBe('answered');

    await leader.stopServing();
    const stopped = await refusal(follower.ask({ kind: 'echo' }));
    expect(stopped.getStatus()).toBe(503);

    follower.close();
    const closing = await refusal(follower.ask({ kind: 'echo' }));
    expect(closing.message).toMatch(/shutting down/);
  });
});
