import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import { NotTheLeaderError } from '../leadership/leadership.js';
import { AppConfig } from '../config/app-config.js';
import type { LabelsData, LabelsMessage, TwitchEventType } from '../contract/sse-contract.js';
import { BITS_EVENT_TYPES } from '../eventsub/bits-spent.js';
import type { ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { emptyLabels, LabelsTally } from './labels-tally.js';

/** Events read per page when the session's totals are rebuilt from the event log. */
const RECOUNT_PAGE = 500;

/** The events whose per-viewer totals decide the top cheerer and gifter. */
const TOTALLED_EVENTS: ReadonlySet<TwitchEventType> = new Set([
  ...BITS_EVENT_TYPES,
  'channel.subscription.gift',
]);

/**
 * The labels (latest follower, sub, cheer, raid; this stream's counts and top supporters), folded
 * by the service from the events received from Twitch — live and recovered, never test alerts or
 * replays — and set as the bus's `labels` state, so every copy of the widget, a reload and a late
 * one show the same text at once. Kept in the event log like stats, so a restart keeps them.
 */
@Injectable()
export class StreamLabels implements OnModuleInit, Projection {
  readonly projection = 'labels';
  private tally!: LabelsTally;

  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
    private readonly projections: ProjectionRunner,
  ) {}

  onModuleInit(): void {
    this.projections.register(this);
  }

  /** An event received from Twitch moves the labels it names. */
  apply(event: ReceivedTwitchEvent): void {
    if (this.tally.apply(event)) this.publish();
  }

  /** Goes on from the labels the event log kept (before a restart, or by the last leader). */
  restore(): void {
    this.restoreKept();
  }

  /** The labels now. */
  get labels(): LabelsData {
    return this.tally.labels;
  }

  /** Starts the session over (the dashboard's reset): counts and tops from now on. */
  resetSession(): LabelsData {
    if (!this.bus.publishing) throw new NotTheLeaderError('the labels’ session');
    this.tally.resetSession(this.bus.lastId);
    this.publish();
    return this.tally.labels;
  }

  /** The labels as the event log kept them (before a restart, or by the last leader). */
  private restoreKept(): void {
    const kept = this.bus.snapshot('labels')?.message;
    const subscribed = this.config.eventSubEvents;
    if (kept?.type === 'labels') {
      // Fields added to the labels since they were kept start empty.
      this.tally = new LabelsTally(subscribed, { ...emptyLabels(), ...kept.data });
      this.recountSession(kept.data.sessionSinceId);
    } else {
      // Nothing kept: counting starts now, with the events published from here on.
      this.tally = new LabelsTally(subscribed, emptyLabels(this.bus.lastId));
    }
    this.publish();
  }

  /**
   * Rebuilds each viewer's bits and gifted subs of the session from the event log (only the top
   * one of each is in the kept labels), so the top changes hands after a restart as before it.
   */
  private recountSession(sinceId: number): void {
    let after = sinceId;
    for (;;) {
      const page = this.bus.eventsPage({ after, types: TOTALLED_EVENTS, limit: RECOUNT_PAGE });
      if (page.length === 0) return;
      for (const { id, message } of page.reverse()) {
        // Test alerts and replays never counted (they do not come from Twitch).
        if (message.type !== 'event' || message.test || message.replayOf !== undefined) continue;
        this.tally.recount({ type: message.event, data: message.data, publishedId: id });
      }
      after = page.at(-1)!.id;
    }
  }

  private publish(): void {
    const message: LabelsMessage = { type: 'labels', data: this.tally.labels };
    this.bus.setState('labels', message);
  }
}
