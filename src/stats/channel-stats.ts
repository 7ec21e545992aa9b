import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import type { CharityState, GoalState, StatsData, StatsMessage } from '../contract/sse-contract.js';
import { countedByItsGift } from '../eventsub/gifted-subs.js';
import type { ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import type { Projection, RestoreOccasion } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { withEngagementEvent } from './engagement-state.js';
import type { ChannelReading } from './helix-channel-reader.js';

/**
 * The channel's numbers as the service knows them: set by each Helix poll, moved at once by events
 * received from Twitch (a follow adds a follower before the next poll confirms it). Sets the bus's
 * `stats` state whenever the numbers change.
 */
@Injectable()
export class ChannelStats implements OnModuleInit, Projection {
  readonly projection = 'channel-stats';
  private data: StatsData = { live: false, viewers: 0, followers: 0, subs: 0, polledAt: null };

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
    private readonly projections: ProjectionRunner,
  ) {}

  onModuleInit(): void {
    this.projections.register(this);
  }

  /** An event received from Twitch moves the numbers at once (`applyEvent`). */
  apply(event: ReceivedTwitchEvent): void {
    this.applyEvent(event);
  }

  /**
   * At the start, the numbers from before a restart (kept in the event log) are shown at once, as
   * stale, until the first poll; without them a client still gets stats at once (polledAt: null).
   * An instance that takes the lead goes on from the numbers the last leader published (its own
   * copy never saw a poll or an event while it followed).
   */
  restore(occasion: RestoreOccasion): void {
    const kept = this.bus.snapshot('stats')?.message;
    if (occasion === 'lead') {
      if (kept?.type === 'stats') this.data = { ...kept.data };
      return;
    }
    if (kept?.type === 'stats') {
      this.data = {
        ...kept.data,
        stale: true,
        error:
          'These are the numbers from before the service restarted; waiting for the first poll.',
      };
    }
    this.publish();
  }

  /** Takes a poll's numbers as the truth (correcting any drift from events). */
  applyReading(reading: ChannelReading, polledAt: Date): void {
    const {
      stale: _stale,
      error: _error,
      title: _title,
      game: _game,
      subPoints: _points,
      ...kept
    } = this.data;
    this.data = {
      ...kept,
      live: reading.live,
      viewers: reading.viewers,
      followers: reading.followers,
      subs: reading.subs ?? this.data.subs,
      ...(reading.subPoints !== null ? { subPoints: reading.subPoints } : {}),
      ...(reading.title !== undefined ? { title: reading.title } : {}),
      ...(reading.game !== undefined ? { game: reading.game } : {}),
      startedAt: reading.startedAt,
      polledAt: polledAt.toISOString(),
    };
    this.publish();
  }

  /**
   * Takes the creator goals Helix lists as running now (read at start): they replace the goals kept
   * as running, which may have ended meanwhile; ended ones of other types stay until one begins.
   */
  applyHelixGoals(running: GoalState[]): void {
    const types = new Set(running.map((goal) => goal.data.type));
    const ended = (this.data.goals ?? []).filter(
      (goal) => goal.event === 'channel.goal.end' && !types.has(goal.data.type),
    );
    const goals = [...ended, ...running];
    const { goals: _goals, ...rest } = this.data;
    this.data = goals.length > 0 ? { ...rest, goals } : rest;
    this.publish();
  }

  /**
   * Takes the charity campaign Helix lists as running now (read at start; null: none). A campaign
   * kept as running that Helix no longer lists ended meanwhile and is let go; a stopped one stays
   * until the next starts, and a stop that came in during the read is not undone.
   */
  applyHelixCharity(running: CharityState | null): void {
    const kept = this.data.charity;
    if (
      kept?.event === 'channel.charity_campaign.stop' &&
      (!running || kept.data.id === running.data.id)
    ) {
      return;
    }
    const { charity: _charity, ...rest } = this.data;
    this.data = running ? { ...rest, charity: running } : rest;
    this.publish();
  }

  /** Keeps the last good numbers but marks them stale, saying why. */
  markStale(error: string): void {
    this.data = { ...this.data, stale: true, error };
    this.publish();
  }

  /** Moves the numbers for one event received from Twitch (recovered ones: the poll has them). */
  private applyEvent(event: ReceivedTwitchEvent): void {
    const { type, data, recovered } = event;
    if (recovered) return;
    const engagement = withEngagementEvent(this.data, type, data);
    if (engagement) {
      this.data = engagement;
      this.publish();
      return;
    }
    const next = { ...this.data };
    switch (type) {
      case 'channel.follow':
        next.followers += 1;
        break;
      case 'channel.subscribe':
        if (!countedByItsGift(event, this.config.eventSubEvents)) next.subs += 1;
        break;
      case 'channel.subscription.gift':
        next.subs += typeof data.total === 'number' ? data.total : 1;
        break;
      case 'stream.online':
        next.live = true;
        next.startedAt =
          typeof data.started_at === 'string' ? data.started_at : new Date().toISOString();
        break;
      case 'stream.offline':
        next.live = false;
        next.viewers = 0;
        next.startedAt = null;
        break;
      default:
        return;
    }
    this.data = next;
    this.publish();
  }

  private publish(): void {
    const message: StatsMessage = { type: 'stats', data: { ...this.data } };
    this.bus.setState('stats', message, significantStats);
  }
}

/**
 * What makes new stats news for the widgets: not `polledAt` alone (a poll that found nothing new),
 * only whether a poll has happened at all. Keys sorted: the same numbers in another key order are
 * the same numbers.
 */
function significantStats({ data }: StatsMessage): string {
  const { polledAt, ...rest } = data;
  const significant: Record<string, unknown> = { ...rest, polled: polledAt !== null };
  // Top-level keys in order (a replacer list would also drop the keys of nested objects: goals).
  const sorted = Object.fromEntries(
    Object.keys(significant)
      .sort()
      .map((key) => [key, significant[key]]),
  );
  return JSON.stringify(sorted);
}
