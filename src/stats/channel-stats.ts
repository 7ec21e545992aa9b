import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { filter, type Subscription } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import { AppConfig } from '../config/app-config.js';
import type { EventMessage, StatsData } from '../contract/sse-contract.js';
import type { ChannelReading } from './helix-channel-reader.js';

/**
 * The channel's numbers as the service knows them: set by each Helix poll, moved at once by events
 * (a follow adds a follower before the next poll confirms it). Publishes a `stats` message whenever
 * the numbers change, and never the same numbers twice in a row.
 */
@Injectable()
export class ChannelStats implements OnModuleInit, OnModuleDestroy {
  private data: StatsData = { live: false, viewers: 0, followers: 0, subs: 0, polledAt: null };
  private lastPublished = '';
  private events: Subscription | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
  ) {}

  /** The current numbers. */
  get current(): Readonly<StatsData> {
    return this.data;
  }

  onModuleInit(): void {
    // A client that connects before the first poll still gets stats at once (polledAt: null).
    this.publishIfChanged();
    this.events = this.bus.messages$
      .pipe(filter((published) => published.message.type === 'event'))
      .subscribe((published) => this.applyEvent(published.message as EventMessage));
  }

  onModuleDestroy(): void {
    this.events?.unsubscribe();
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
    this.publishIfChanged();
  }

  /** Keeps the last good numbers but marks them stale, saying why. */
  markStale(error: string): void {
    this.data = { ...this.data, stale: true, error };
    this.publishIfChanged();
  }

  /** Moves the numbers for one real event; test alerts and replays move nothing. */
  private applyEvent(message: EventMessage): void {
    if (message.test || message.replayOf !== undefined) return;
    const data = message.data;
    const next = { ...this.data };
    switch (message.event) {
      case 'channel.follow':
        next.followers += 1;
        break;
      case 'channel.subscribe':
        // Twitch announces a gift bomb once (channel.subscription.gift, counted there) and then
        // each gifted sub again; count those only when the gift event is not subscribed to.
        if (
          data.is_gift !== true ||
          !this.config.values.eventSubEvents.includes('channel.subscription.gift')
        ) {
          next.subs += 1;
        }
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
    this.publishIfChanged();
  }

  private publishIfChanged(): void {
    // polledAt alone changing (a poll that found nothing new) is not news for the widgets.
    const { polledAt, ...rest } = this.data;
    const significant: Record<string, unknown> = { ...rest, polled: polledAt !== null };
    // Sorted keys: the same numbers in another key order are the same numbers.
    const text = JSON.stringify(significant, Object.keys(significant).sort());
    if (text === this.lastPublished) return;
    this.lastPublished = text;
    this.bus.publish({ type: 'stats', data: { ...this.data } });
  }
}
