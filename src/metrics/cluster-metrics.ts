import { Histogram, type Registry } from 'prom-client';
import type { Observable, Subscription } from 'rxjs';

/** The part of the shared event log (cluster mode) the metrics read. */
export interface RedisHops {
  /** Milliseconds from the leader appending a message to reading it back from the stream. */
  readonly redisHopMs$: Observable<number>;
}

/**
 * Cluster mode's metrics (REDIS_URL): how long a message the leader appends takes to come back
 * from the Redis stream, which is what the Redis hop adds before any client gets it. Observed by
 * the instance that wrote the message (its own clock at both ends); followers observe nothing.
 */
export class ClusterMetrics {
  private readonly subscription: Subscription;

  constructor(registry: Registry, log: RedisHops) {
    const hop = new Histogram({
      name: 'twitch_realtime_redis_hop_seconds',
      help: 'Time from the leader appending a message to the shared event log to reading it back from the Redis stream (observed on the leader).',
      buckets: [
        0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05,
        0.1, 0.25, 1, 5,
      ],
      registers: [registry],
    });
    this.subscription = log.redisHopMs$.subscribe((ms) => hop.observe(ms / 1000));
  }

  /** Stops observing. */
  stop(): void {
    this.subscription.unsubscribe();
  }
}
