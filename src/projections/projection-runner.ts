import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { skip, type Subscription } from 'rxjs';
import { Leadership, NotTheLeaderError } from '../leadership/leadership.js';
import { TwitchEventIngest, type ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import { PROJECTION_ORDER, type Projection, type RestoreOccasion } from './projection.js';

/**
 * Runs the projections: each restores its state from the event log as it registers (at the start)
 * and again, in `PROJECTION_ORDER`, whenever this instance becomes the leader; each event received
 * from Twitch goes to every one of them in that order (one subscription, so the states one event
 * moves always come out in the same order, under the same ids on every run). One projection that
 * fails never keeps the event from the others.
 */
@Injectable()
export class ProjectionRunner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Projections');
  private readonly projections: Projection[] = [];
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly ingest: TwitchEventIngest,
    private readonly leadership: Leadership,
  ) {}

  /**
   * Adds a projection at its place in the order and has it restore what the event log kept
   * (projections register as their modules start, before any event can reach them).
   */
  register(projection: Projection): void {
    this.restore(projection, 'start');
    this.projections.push(projection);
    const place = (p: Projection) => PROJECTION_ORDER.indexOf(p.projection);
    this.projections.sort((a, b) => place(a) - place(b));
  }

  /** The projections, in the order they run. */
  get order(): readonly string[] {
    return this.projections.map((projection) => projection.projection);
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.ingest.events$.subscribe((event) => this.applyAll(event)),
      this.leadership.role$.pipe(skip(1)).subscribe((role) => {
        if (role === 'leader')
          for (const projection of this.projections) this.restore(projection, 'lead');
      }),
    );
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  private applyAll(event: ReceivedTwitchEvent): void {
    for (const projection of this.projections) {
      this.run(projection, `a ${event.type}`, () => projection.apply(event));
    }
  }

  private restore(projection: Projection, occasion: RestoreOccasion): void {
    const what = occasion === 'start' ? 'restoring at the start' : 'taking the lead';
    if (projection.restore) this.run(projection, what, () => projection.restore?.(occasion));
  }

  private run(projection: Projection, what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      // The lead moved on in the meantime: the new leader's projections take it from here.
      if (error instanceof NotTheLeaderError) return;
      this.logger.error(
        `The ${projection.projection} projection failed on ${what} (${String(error)}); the other projections went on.`,
      );
    }
  }
}
