import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { EventBus } from '../bus/event-bus.js';
import { STREAM_MESSAGE_TYPES } from '../contract/sse-contract.js';
import type { SseClientStreams } from '../stream/sse-client-streams.js';
import { setCounter } from './set-counter.js';

/**
 * The fan-out's metrics: clients, messages published, how long a message takes to reach every
 * client (delivery lag) and how long an EventSub notification takes to start going out (ingest).
 * Counts are read from the stream and the bus when Prometheus scrapes; the two timings are
 * observed per message from `SseClientStreams.delivered$`.
 */
export class StreamMetrics {
  private readonly subscription: Subscription;

  constructor(registry: Registry, streams: SseClientStreams, bus: EventBus) {
    const registers = [registry];
    new Gauge({
      name: 'twitch_realtime_sse_clients',
      help: 'SSE clients connected to /api/twitch/stream.',
      registers,
      collect() {
        this.set(streams.clientCount);
      },
    });
    new Counter({
      name: 'twitch_realtime_sse_clients_dropped_total',
      help: 'SSE clients dropped because they stopped reading (more than SSE_MAX_PENDING_BYTES waited).',
      registers,
      collect() {
        setCounter(this, streams.droppedCount);
      },
    });
    new Counter({
      name: 'twitch_realtime_sse_streams_refused_total',
      help: 'SSE streams refused because their address (SSE_MAX_STREAMS_PER_ADDRESS, 429) or the service (SSE_MAX_STREAMS, 503) held as many as allowed.',
      registers,
      collect() {
        setCounter(this, streams.refusedCount);
      },
    });
    new Gauge({
      name: 'twitch_realtime_sse_pending_bytes',
      help: 'Bytes written to SSE clients that they have not read yet, all clients together.',
      registers,
      collect() {
        this.set(streams.pendingBytes);
      },
    });
    new Counter({
      name: 'twitch_realtime_bus_messages_published_total',
      help: 'Messages published on the event bus, by type (stats, event, status, control).',
      labelNames: ['type'],
      registers,
      collect() {
        const counts = bus.publishedCounts;
        for (const type of STREAM_MESSAGE_TYPES) setCounter(this, counts[type], { type });
      },
    });
    new Gauge({
      name: 'twitch_realtime_event_log_memory_only',
      help: '1 while the event log cannot write to disk (disk full, not writable): events are kept in memory only, and a restart loses them.',
      registers,
      collect() {
        this.set(bus.logStatus.state === 'memory-only' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'twitch_realtime_bus_replay_events',
      help: 'Events held in the replay buffer for clients that reconnect.',
      registers,
      collect() {
        this.set(bus.replayWindow.size);
      },
    });
    const lag = new Histogram({
      name: 'twitch_realtime_sse_delivery_lag_seconds',
      help: 'Time from a message being published to it being written to the last SSE client.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    const ingest = new Histogram({
      name: 'twitch_realtime_ingest_latency_seconds',
      help: 'Time from an EventSub frame reaching Twurple to its event being written to the first SSE client.',
      buckets: [
        0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05,
        0.1, 0.25, 1,
      ],
      registers,
    });
    this.subscription = streams.delivered$.subscribe(({ published, firstWriteAt, lastWriteAt }) => {
      lag.observe((lastWriteAt - published.publishedAt) / 1000);
      if (published.receivedAt !== undefined)
        ingest.observe((firstWriteAt - published.receivedAt) / 1000);
    });
  }

  /** Stops observing deliveries. */
  stop(): void {
    this.subscription.unsubscribe();
  }
}
