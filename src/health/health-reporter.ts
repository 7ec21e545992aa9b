import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { EventSubStatus, PollStatus, StatusMessage } from '../contract/sse-contract.js';
import { EventBus } from '../bus/event-bus.js';
import { SseClientStreams } from '../stream/sse-client-streams.js';

/** The body of `GET /api/health`. */
export interface HealthReport {
  status: 'ok';
  mode: 'demo' | 'twitch';
  uptimeSeconds: number;
  sse: { clients: number };
  bus: {
    lastId: number;
    published: Record<string, number>;
    replay: { size: number; capacity: number; oldestId: number | null };
  };
  /** The EventSub listener's latest status, or null until it reports one. */
  eventsub: EventSubStatus | null;
  /** The stats poller's latest status, or null until it reports one. */
  poll: PollStatus | null;
}

/**
 * Assembles the health report. Component states come from the status snapshots on the bus, so the
 * health route and the SSE clients always agree and nothing downstream calls back into a producer.
 */
@Injectable()
export class HealthReporter {
  private readonly startedAt = Date.now();

  constructor(
    private readonly config: AppConfig,
    private readonly bus: EventBus,
    private readonly streams: SseClientStreams,
  ) {}

  report(): HealthReport {
    return {
      status: 'ok',
      mode: this.config.demo ? 'demo' : 'twitch',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      sse: { clients: this.streams.clientCount },
      bus: {
        lastId: this.bus.lastId,
        published: { ...this.bus.publishedCounts },
        replay: this.bus.replayWindow,
      },
      eventsub: this.latestStatus<{ eventsub: EventSubStatus }>('eventsub')?.eventsub ?? null,
      poll: this.latestStatus<{ poll: PollStatus }>('poll')?.poll ?? null,
    };
  }

  private latestStatus<T>(component: string): T | undefined {
    const snapshot = this.bus.snapshot(`status:${component}`);
    return (snapshot?.message as StatusMessage | undefined)?.data as T | undefined;
  }
}
