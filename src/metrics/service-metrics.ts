import { Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { EventBus } from '../bus/event-bus.js';
import { Cluster } from '../cluster/cluster.js';
import { EventSubConnection } from '../eventsub/eventsub-connection.js';
import { TwitchEventIngest } from '../eventsub/twitch-event-ingest.js';
import { StatsPoller } from '../stats/stats-poller.js';
import { SseClientStreams } from '../stream/sse-client-streams.js';
import { TwitchSession } from '../twitch/twitch-session.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { StreamMetrics } from './stream-metrics.js';
import { TwitchMetrics } from './twitch-metrics.js';

/**
 * The service's Prometheus registry: Node's process metrics (CPU, memory, event-loop lag,
 * handles), the fan-out's and the Twitch side's, and with REDIS_URL the cluster's. Its own registry, not prom-client's global one,
 * so several instances can run in one process (the tests do).
 */
@Injectable()
export class ServiceMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly registry = new Registry();
  private stream: StreamMetrics | undefined;
  private twitch: TwitchMetrics | undefined;
  private clusterMetrics: ClusterMetrics | undefined;

  constructor(
    private readonly streams: SseClientStreams,
    private readonly bus: EventBus,
    private readonly session: TwitchSession,
    private readonly eventSub: EventSubConnection,
    private readonly ingest: TwitchEventIngest,
    private readonly poller: StatsPoller,
    @Optional() private readonly cluster?: Cluster,
  ) {}

  onModuleInit(): void {
    // Event-loop lag is sampled every 20 ms rather than prom-client's 10: each sample wakes the
    // process, which at 10 ms cost more CPU than an idle service uses otherwise.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.stream = new StreamMetrics(this.registry, this.streams, this.bus);
    this.twitch = new TwitchMetrics(this.registry, {
      session: this.session,
      eventSub: this.eventSub,
      ingest: this.ingest,
      poller: this.poller,
    });
    if (this.cluster) this.clusterMetrics = new ClusterMetrics(this.registry, this.cluster.log);
  }

  onModuleDestroy(): void {
    this.stream?.stop();
    this.twitch?.stop();
    this.clusterMetrics?.stop();
  }

  /** Every metric in the Prometheus text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
