/** Rate-limit headers as Helix sends them. */
export type RateLimitHeaders = Record<
  'Ratelimit-Limit' | 'Ratelimit-Remaining' | 'Ratelimit-Reset',
  string
>;

interface Bucket {
  points: number;
  updatedAt: number;
}

/**
 * Helix's token buckets: each client id + user has `limit` points that refill evenly over a minute;
 * every request costs one. `Ratelimit-Reset` is when the bucket will be full again (Unix seconds).
 */
export class HelixPointBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    /** Points per minute (Twitch: 800). */
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one point from `key`'s bucket; `allowed` is false (and nothing is taken) when it is empty. */
  take(key: string): { allowed: boolean; headers: RateLimitHeaders } {
    const bucket = this.refilled(key);
    const allowed = bucket.points >= 1;
    if (allowed) bucket.points -= 1;
    return { allowed, headers: this.headers(bucket) };
  }

  /** The headers for `key` without taking a point. */
  peek(key: string): RateLimitHeaders {
    return this.headers(this.refilled(key));
  }

  /** Headers of an empty bucket that refills `resetSeconds` from now (for injected 429s). */
  exhaustedHeaders(resetSeconds: number): RateLimitHeaders {
    return {
      'Ratelimit-Limit': String(this.limit),
      'Ratelimit-Remaining': '0',
      'Ratelimit-Reset': String(Math.ceil((this.now() + resetSeconds * 1000) / 1000)),
    };
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { points: this.limit, updatedAt: now };
    bucket.points = Math.min(
      this.limit,
      bucket.points + ((now - bucket.updatedAt) * this.limit) / 60_000,
    );
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private headers(bucket: Bucket): RateLimitHeaders {
    const msToFull = ((this.limit - bucket.points) * 60_000) / this.limit;
    return {
      'Ratelimit-Limit': String(this.limit),
      'Ratelimit-Remaining': String(Math.floor(bucket.points)),
      'Ratelimit-Reset': String(Math.ceil((bucket.updatedAt + msToFull) / 1000)),
    };
  }
}
