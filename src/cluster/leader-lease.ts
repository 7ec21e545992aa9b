import type { Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys.js';

/** How long a lease lasts without renewal: a leader killed with -9 is replaced within this + a tick. */
export const LEASE_TTL_MS = 5_000;
/** How often the leader renews, and the others look for a free lease. */
export const LEASE_TICK_MS = 1_000;

/**
 * Takes the lease when nobody holds it, under a new epoch (the fencing token). The epoch never goes
 * below `floor` (the highest this instance has seen), so a Redis that restarted empty cannot hand
 * out an epoch again.
 */
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local epoch = redis.call('INCR', KEYS[2])
local floor = tonumber(ARGV[3])
if epoch <= floor then
  epoch = floor + 1
  redis.call('SET', KEYS[2], epoch)
end
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. epoch, 'PX', ARGV[2])
return epoch`;

/**
 * Extends the lease if this instance still holds it. A lease that is gone (expired while Redis was
 * away, or a Redis that restarted empty) is taken back under the same value only when no instance
 * took a lease since (the epoch counter has not passed this lease's): the leader kept its Twitch
 * connection, and what it holds back was published by nobody else.
 */
const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
local latest = tonumber(redis.call('GET', KEYS[2]) or '0')
if not holder and latest <= tonumber(ARGV[3]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  redis.call('SET', KEYS[2], ARGV[3])
  return 2
end
return 0`;

/** Gives the lease up at once (a clean shutdown), if still held. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The outcome of a renewal. */
export type Renewal = 'renewed' | 'retaken' | 'lost';

/**
 * The Redis lease that makes one instance the leader (the one with the Twitch connection). Its
 * value, `<instance>:<epoch>`, is what the event log's writes are fenced with: a write from an
 * instance whose lease is gone is refused by Redis itself.
 */
export class LeaderLease {
  /** The highest epoch seen. */
  private epochFloor = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly instanceId: string,
    private readonly ttlMs = LEASE_TTL_MS,
  ) {}

  /** Takes the lease if it is free; resolves to its value, or null when another instance holds it. */
  async tryAcquire(): Promise<string | null> {
    const epoch = (await this.redis.eval(
      ACQUIRE,
      2,
      this.keys.leader,
      this.keys.epoch,
      this.instanceId,
      this.ttlMs,
      this.epochFloor,
    )) as number | null;
    if (epoch === null) return null;
    this.epochFloor = Math.max(this.epochFloor, epoch);
    return `${this.instanceId}:${epoch}`;
  }

  /** Extends the lease `value`; says whether it is still this instance's. */
  async renew(value: string): Promise<Renewal> {
    const epoch = Number(value.split(':').pop());
    const result = (await this.redis.eval(
      RENEW,
      2,
      this.keys.leader,
      this.keys.epoch,
      value,
      this.ttlMs,
      epoch,
    )) as number;
    return result === 1 ? 'renewed' : result === 2 ? 'retaken' : 'lost';
  }

  /** Gives up the lease `value` if still held, so another instance takes over without waiting. */
  async release(value: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.keys.leader, value);
  }

  /** Who holds the lease now (`<instance>:<epoch>`), if anyone. */
  async holder(): Promise<string | null> {
    const value = await this.redis.get(this.keys.leader);
    const epoch = Number(value?.split(':').pop());
    if (Number.isFinite(epoch)) this.epochFloor = Math.max(this.epochFloor, epoch);
    return value;
  }
}
