import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { EventLogStatus, EventSubStatus, PollStatus } from '../contract/sse-contract.js';
import { EventBus } from '../bus/event-bus.js';
import { InstanceRegistry, type InstanceView } from '../cluster/instance-registry.js';
import { EventSubConnection } from '../eventsub/eventsub-connection.js';
import { StatsPoller } from '../stats/stats-poller.js';
import { SseClientStreams } from '../stream/sse-client-streams.js';
import { TwitchSession } from '../twitch/twitch-session.js';

/** The body of `GET /api/health`. */
export interface HealthReport {
  /** `degraded` while the event log cannot write to disk (see `eventLog`); `ok` otherwise. */
  status: 'ok' | 'degraded';
  mode: 'demo' | 'twitch';
  uptimeSeconds: number;
  sse: { clients: number };
  bus: {
    lastId: number;
    published: Record<string, number>;
    replay: { size: number; capacity: number; oldestId: number | null };
    /** Chat kept for replay, apart from `replay`'s events (its own retention). */
    chat: { size: number; capacity: number };
  };
  /**
   * The event log: `durable` false with EVENT_LOG=memory (nothing kept by design); `memory-only`
   * while a durable log cannot write (disk full, not writable), with why and since when.
   */
  eventLog: EventLogStatus & { durable: boolean };
  /** Sign-in state: connecting, ok, signed-out, unauthorized, unreachable (with what to do next). */
  twitch: {
    state: string;
    broadcaster?: string;
    detail?: string;
    /** While signed in: whether the token can be renewed (false: it has no refresh token). */
    renewable?: boolean;
    /** While signed in with a token that cannot be renewed: when it expires (ISO 8601), if known. */
    tokenExpiresAt?: string;
  };
  /** The EventSub connection. */
  eventsub: EventSubStatus & { reconnects: number };
  /** The stats poller. */
  poll: PollStatus & { failures: number };
  /** The instances serving clients (one without REDIS_URL), this one first. */
  instances: InstanceView[];
}

/** Assembles the health report from each part's own view of itself. */
@Injectable()
export class HealthReporter {
  private readonly startedAt = Date.now();

  constructor(
    private readonly config: AppConfig,
    private readonly bus: EventBus,
    private readonly streams: SseClientStreams,
    private readonly twitch: TwitchSession,
    private readonly eventSub: EventSubConnection,
    private readonly poller: StatsPoller,
    private readonly registry: InstanceRegistry,
  ) {}

  /** The report; `sessionId: false` leaves the EventSub session id out (a request from elsewhere). */
  report({ sessionId = true }: { sessionId?: boolean } = {}): HealthReport {
    const eventLog = this.bus.logStatus;
    return {
      status: eventLog.state === 'ok' ? 'ok' : 'degraded',
      mode: this.config.demo ? 'demo' : 'twitch',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      sse: { clients: this.streams.clientCount },
      bus: {
        lastId: this.bus.lastId,
        published: { ...this.bus.publishedCounts },
        replay: this.bus.replayWindow,
        chat: this.bus.chatWindow,
      },
      eventLog,
      twitch: this.twitchState(),
      eventsub: sessionId ? this.eventSub.status : withoutSessionId(this.eventSub.status),
      poll: this.poller.status,
      instances: this.registry.instances(),
    };
  }

  private twitchState(): HealthReport['twitch'] {
    const state = this.twitch.current;
    if (state.state === 'ok') {
      const { broadcaster, renewable, tokenExpiresAt } = state.session;
      return {
        state: 'ok',
        broadcaster: broadcaster.login,
        renewable,
        ...(tokenExpiresAt ? { tokenExpiresAt: tokenExpiresAt.toISOString() } : {}),
      };
    }
    return { state: state.state, ...('detail' in state ? { detail: state.detail } : {}) };
  }
}

function withoutSessionId(status: HealthReport['eventsub']): HealthReport['eventsub'] {
  const { sessionId: _sessionId, ...rest } = status;
  return rest;
}
