import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { EventBus } from '../bus/event-bus.js';
import { EventSubConnection } from '../eventsub/eventsub-connection.js';
import { TwitchEventIngest } from '../eventsub/twitch-event-ingest.js';
import { StatsPoller } from '../stats/stats-poller.js';
import { SseClientStreams } from '../stream/sse-client-streams.js';
import { TwitchSession } from '../twitch/twitch-session.js';
import { StreamMetrics } from './stream-metrics.js';
import { TwitchMetrics } from './twitch-metrics.js';

/**
 * The service's Prometheus registry: Node's process metrics (CPU, memory, event-loop lag,
 * handles), the fan-out's and the Twitch side's. Its own registry, not prom-client's global one,
 * so several instances can run in one process (the tests do).
 */
@Injectable()
export class ServiceMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly registry = new Registry();
  private stream: StreamMetrics | undefined;
  private twitch: TwitchMetrics | undefined;

  constructor(
    private readonly streams: SseClientStreams,
    private readonly bus: EventBus,
    private readonly modules: ModuleRef,
  ) {}

  onModuleInit(): void {
    // Event-loop lag is sampled every 20 ms rather than prom-client's 10: each sample wakes the
    // process, which at 10 ms cost more CPU than an idle service uses otherwise.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.stream = new StreamMetrics(this.registry, this.streams, this.bus);
    // The Twitch parts are looked up, not injected: the service also runs without them.
    this.twitch = new TwitchMetrics(this.registry, {
      session: this.find(TwitchSession),
      eventSub: this.find(EventSubConnection),
      ingest: this.find(TwitchEventIngest),
      poller: this.find(StatsPoller),
    });
  }

  onModuleDestroy(): void {
    this.stream?.stop();
    this.twitch?.stop();
  }

  /** Every metric in the Prometheus text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private find<T>(type: new (...args: never[]) => T): T | undefined {
    try {
      return this.modules.get(type, { strict: false });
    } catch {
      return undefined;
    }
  }
}
