import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { skip, type Subscription } from 'rxjs';
import { Leadership, NotTheLeaderError } from '../leadership/leadership.js';
import { TwitchEventIngest, type ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import { PROJECTION_ORDER, type Projection } from './projection.js';

/**
 * Runs the projections: each event received from Twitch goes to every one of them in
 * `PROJECTION_ORDER` (one subscription, so the states one event moves always come out in the same
 * order, under the same ids on every run), and each takes over from the event log, in that order,
 * when this instance becomes the leader. One projection that fails never keeps the event from the
 * others.
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

  /** Adds a projection at its place in the order (projections register as their modules start). */
  register(projection: Projection): void {
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
        if (role === 'leader') this.takeOverAll();
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

  private takeOverAll(): void {
    for (const projection of this.projections) {
      if (projection.takeOver)
        this.run(projection, 'taking the lead', () => projection.takeOver?.());
    }
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
