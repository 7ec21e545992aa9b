import type { Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys.js';

/**
 * Extends the standby lease if this instance holds it. One that is gone (expired while Redis was
 * away, or Redis restarted empty) is taken back when nobody else took it meanwhile.
 */
const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/** Gives the lease up at once, if still held. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The Redis lease that makes one follower the hot standby: the instance that holds its own
 * EventSub session beside the leader's, hands its copies of each notification to the leader, and
 * is the one to take the lead when the leader dies. Its value is the instance's id. Nothing is
 * fenced by it (the standby never writes the log), so it needs no epoch: two instances that both
 * believed they were the standby for a moment would only open one Twitch connection too many.
 */
export class StandbyLease {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly instanceId: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes the lease if it is free; says whether this instance holds it now. */
  async tryAcquire(): Promise<boolean> {
    const set = await this.redis.set(this.keys.standby, this.instanceId, 'PX', this.ttlMs, 'NX');
    return set === 'OK';
  }

  /** Extends the lease; false when another instance holds it now. */
  async renew(): Promise<boolean> {
    const result = (await this.redis.eval(
      RENEW,
      1,
      this.keys.standby,
      this.instanceId,
      this.ttlMs,
    )) as number;
    return result === 1;
  }

  /** Gives the lease up (this instance leads now, or stops), so another follower takes it at once. */
  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.keys.standby, this.instanceId);
  }

  /** Who holds the lease now (an instance id), if anyone. */
  async holder(): Promise<string | null> {
    return this.redis.get(this.keys.standby);
  }
}
