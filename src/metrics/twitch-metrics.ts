import { Counter, Gauge, type Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { EventSubState } from '../contract/sse-contract.js';
import type { EventSubConnection } from '../eventsub/eventsub-connection.js';
import type { TwitchEventIngest } from '../eventsub/twitch-event-ingest.js';
import type { StatsPoller } from '../stats/stats-poller.js';
import type { ActiveTwitchSession, TwitchSession } from '../twitch/twitch-session.js';
import { setCounter } from './set-counter.js';

const EVENTSUB_STATES: readonly EventSubState[] = [
  'starting',
  'connected',
  'reconnecting',
  'down',
  'unauthorized',
];

/** The Twitch side's parts the metrics read. */
export interface TwitchParts {
  readonly session: TwitchSession;
  readonly eventSub: EventSubConnection;
  readonly ingest: TwitchEventIngest;
  readonly poller: StatsPoller;
}

/**
 * The Twitch side's metrics: EventSub's state, reconnects and subscriptions, Helix requests and
 * rate limit, and the stats poll. Read from each part's own status when Prometheus scrapes, except
 * Helix requests, which Twurple reports one by one (`ApiClient.onRequest`), and dropped duplicates,
 * which the ingest reports one by one.
 */
export class TwitchMetrics {
  private sessionSubscription: Subscription | undefined;
  private readonly duplicatesSubscription: Subscription;
  private unbindRequests: (() => void) | undefined;
  private activeSession: ActiveTwitchSession | undefined;

  constructor(registry: Registry, parts: TwitchParts) {
    eventSubMetrics(registry, parts.eventSub);
    this.duplicatesSubscription = duplicateMetrics(registry, parts.ingest);
    this.helixMetrics(registry, parts.session);
    pollMetrics(registry, parts.poller);
  }

  /** Stops listening to the session and its API client. */
  stop(): void {
    this.sessionSubscription?.unsubscribe();
    this.duplicatesSubscription.unsubscribe();
    this.unbindRequests?.();
  }

  private helixMetrics(registry: Registry, session: TwitchSession): void {
    const registers = [registry];
    const requests = new Counter({
      name: 'twitch_realtime_helix_requests_total',
      help: 'Helix requests made through Twurple, by endpoint and HTTP status.',
      labelNames: ['endpoint', 'status'],
      registers,
    });
    const rateLimit = () => {
      const active = this.activeSession;
      if (!active) return null;
      const stats = active.apiClient.rateLimitOf(active.userId);
      // A limit of 0 means a response without the headers: nothing known.
      return stats?.lastKnownLimit ? stats : null;
    };
    new Gauge({
      name: 'twitch_realtime_helix_ratelimit_remaining',
      help: 'Helix points left in the current minute, as Twitch last reported (Ratelimit-Remaining).',
      registers,
      collect() {
        const remaining = rateLimit()?.lastKnownRemainingRequests;
        // NaN until Helix has answered: 0 would read as "spent".
        this.set(typeof remaining === 'number' ? remaining : NaN);
      },
    });
    new Gauge({
      name: 'twitch_realtime_helix_ratelimit_limit',
      help: 'Helix points per minute, as Twitch last reported (Ratelimit-Limit).',
      registers,
      collect() {
        const limit = rateLimit()?.lastKnownLimit;
        this.set(typeof limit === 'number' ? limit : NaN);
      },
    });
    // Each sign-in brings a new API client: count the requests of whichever is current.
    this.sessionSubscription = session.state$.subscribe((state) => {
      const active = state.state === 'ok' ? state.session : undefined;
      if (active === this.activeSession) return;
      this.unbindRequests?.();
      this.unbindRequests = undefined;
      this.activeSession = active;
      if (!active) return;
      const listener = active.apiClient.onRequest((request) =>
        requests.inc({
          endpoint: request.options.url.replace(/^\/+/, '').split('?')[0],
          status: String(request.httpStatus),
        }),
      );
      this.unbindRequests = () => listener.unbind();
    });
  }
}

function eventSubMetrics(registry: Registry, eventSub: EventSubConnection): void {
  const registers = [registry];
  new Gauge({
    name: 'twitch_realtime_eventsub_state',
    help: 'EventSub connection state: 1 for the current one (starting, connected, reconnecting, down, unauthorized).',
    labelNames: ['state'],
    registers,
    collect() {
      const current = eventSub.status.state;
      for (const state of EVENTSUB_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  new Counter({
    name: 'twitch_realtime_eventsub_reconnects_total',
    help: 'EventSub WebSocket sessions after the first (session_reconnect, or a reconnect after a drop).',
    registers,
    collect() {
      setCounter(this, eventSub.status.reconnects);
    },
  });
  new Gauge({
    name: 'twitch_realtime_eventsub_subscriptions',
    help: 'EventSub subscriptions of the configured types, by status (enabled, pending, failed, revoked, missing_scope).',
    labelNames: ['status'],
    registers,
    collect() {
      this.reset();
      for (const { status } of eventSub.status.subscriptions ?? []) this.inc({ status });
    },
  });
  new Gauge({
    name: 'twitch_realtime_eventsub_last_message_timestamp_seconds',
    help: 'When the last EventSub frame (keepalives included) arrived, as a Unix time.',
    registers,
    collect() {
      const at = eventSub.status.lastMessageAt;
      if (at) this.set(Date.parse(at) / 1000);
    },
  });
}

function duplicateMetrics(registry: Registry, ingest: TwitchEventIngest): Subscription {
  const dropped = new Counter({
    name: 'twitch_realtime_eventsub_duplicates_dropped_total',
    help: 'EventSub notifications dropped as repeats, by event type and reason (message_id: the same notification redelivered; event_identity: the same follow or stream.online under a new message_id; recovered: delivered late after it was recovered through Helix; other_session: the standby’s or the leader’s copy of an event the other one delivered first).',
    labelNames: ['event', 'reason'],
    registers: [registry],
  });
  return ingest.duplicates$.subscribe(({ type, reason }) => dropped.inc({ event: type, reason }));
}

function pollMetrics(registry: Registry, poller: StatsPoller): void {
  const registers = [registry];
  new Gauge({
    name: 'twitch_realtime_stats_poll_duration_seconds',
    help: 'How long the last Helix stats poll took.',
    registers,
    collect() {
      const duration = poller.status.lastDurationMs;
      if (typeof duration === 'number') this.set(duration / 1000);
    },
  });
  new Counter({
    name: 'twitch_realtime_stats_polls_total',
    help: 'Helix stats polls made (each at most three requests, whatever the number of clients).',
    registers,
    collect() {
      setCounter(this, poller.status.polls);
    },
  });
  new Gauge({
    name: 'twitch_realtime_stats_poll_ok',
    help: '1 when the last stats poll succeeded, 0 while polls fail (the numbers are then marked stale).',
    registers,
    collect() {
      this.set(poller.status.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'twitch_realtime_stats_poll_failures',
    help: 'Stats polls that failed in a row.',
    registers,
    collect() {
      this.set(poller.status.failures);
    },
  });
}
