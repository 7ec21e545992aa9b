import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EventBus } from '../bus/event-bus.js';
import type { ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { StatsPoller, type PolledReading } from '../stats/stats-poller.js';
import {
  StreamSpans,
  type SpanChanges,
  type StreamSpan,
  type ViewerSample,
} from './stream-span.js';
import { STREAM_STORE, type StreamStore } from './stream-store.js';

/** Events read per query when looking back for a stream's first event. */
const LOOK_BACK_PAGE = 500;

/**
 * Where each stream began and ended, and the viewers each poll saw: a projection of
 * `stream.online`/`stream.offline` (live or recovered) and of the stats polls' readings, kept in the
 * `StreamStore` as it changes. A stream live when the service stopped is current again after a
 * restart, until a poll or an event says otherwise. With REDIS_URL only the leader's ledger moves
 * (it alone takes the events and the polls); every instance lists the streams from the store they
 * share, and a new leader goes on from it.
 */
@Injectable()
export class StreamLedger implements OnModuleInit, OnApplicationShutdown, Projection {
  readonly projection = 'streams';
  private readonly logger = new Logger('Streams');
  private spans = new StreamSpans();
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly projections: ProjectionRunner,
    private readonly poller: StatsPoller,
    @Inject(STREAM_STORE) private readonly store: StreamStore,
  ) {}

  onModuleInit(): void {
    this.subscription = this.poller.readings$.subscribe((polled) => this.takePoll(polled));
    this.projections.register(this);
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    this.store.close();
  }

  /** Goes on from the streams kept (at the start, and on taking the lead: the store is the truth). */
  restore(): void {
    this.spans = new StreamSpans(this.store.load());
  }

  /** A `stream.online` begins a stream, a `stream.offline` ends it. */
  apply(event: ReceivedTwitchEvent): void {
    if (event.type === 'stream.online') {
      const { started_at: startedAt } = event.data;
      const start =
        typeof startedAt === 'string' && !isNaN(Date.parse(startedAt)) ? startedAt : null;
      this.keep(this.spans.online(event.publishedId, Date.now(), start));
    } else if (event.type === 'stream.offline') {
      this.keep(this.spans.offline(event.publishedId, Date.now(), event.recovered === true));
    }
  }

  /** The stream live now, as this instance's projection has it (see `live` for every instance's). */
  get current(): StreamSpan | undefined {
    return this.spans.current;
  }

  /** The stream live now, if one is. */
  async live(): Promise<StreamSpan | undefined> {
    const newest = (await this.streams()).at(-1);
    return newest && newest.endedAt === null ? newest : undefined;
  }

  /** Up to `limit` streams that began before the stream `before` (all, without it), newest first. */
  async page(limit: number, before?: number): Promise<StreamSpan[]> {
    const all = await this.streams();
    let end = all.length;
    if (before !== undefined) while (end > 0 && all[end - 1]!.id >= before) end--;
    return all.slice(Math.max(0, end - limit), end).reverse();
  }

  /** A stream by id. */
  async stream(id: number): Promise<StreamSpan | undefined> {
    const all = await this.streams();
    // Ids are 1, 2, 3, … in order: the list is indexed by them.
    const span = all[id - 1];
    return span?.id === id ? span : all.find((candidate) => candidate.id === id);
  }

  /** A stream's viewer series, oldest first. */
  async viewers(id: number): Promise<ViewerSample[]> {
    return this.store.viewers(id);
  }

  /**
   * Every stream, oldest first: this instance's own, or — with a store the instances share — the
   * leader's as kept there, so that every instance lists the same streams.
   */
  private async streams(): Promise<readonly StreamSpan[]> {
    return this.store.sharedSpans ? this.store.sharedSpans() : this.spans.all;
  }

  private takePoll({ reading, polledAt }: PolledReading): void {
    this.keep(
      this.spans.poll(
        {
          live: reading.live,
          viewers: reading.viewers,
          startedAt: reading.startedAt,
          at: polledAt.getTime(),
          lastId: this.bus.lastId,
        },
        (time, after, upTo) => this.firstEventSince(time, after, upTo),
      ),
    );
  }

  /**
   * The first event id in (`after`, `upTo`] that arrived at or after `time`: the log read back
   * from `upTo` a page at a time (an id range of its primary key), stopping at the first older
   * event. A poll finds a stream soon after it began (the first poll after a start or a restart
   * comes at once, the next within a minute), so this reads that minute's events, not the log.
   */
  private firstEventSince(time: string, after: number, upTo: number): number {
    const since = Date.parse(time);
    let first = upTo + 1;
    for (let before = upTo + 1; ;) {
      const page = this.bus.eventsPage({ before, limit: LOOK_BACK_PAGE });
      // Newest first.
      for (const { id, message } of page) {
        if (id <= after) return first;
        const sentAt =
          message.type === 'event' && message.sentAt ? Date.parse(message.sentAt) : NaN;
        if (sentAt < since) return first;
        first = id;
      }
      if (page.length < LOOK_BACK_PAGE) return first;
      before = page.at(-1)!.id;
    }
  }

  /**
   * Keeps what changed. A store that cannot write (a full disk) costs only what it would have kept:
   * the spans in memory are right for this run, and neither the poll nor the event that brought
   * the change is failed by it.
   */
  private keep({ changed, sample }: SpanChanges): void {
    try {
      for (const span of changed) this.store.save(span);
      if (sample) this.store.addViewers(sample);
    } catch (error) {
      this.logger.warn(`Could not keep the streams: ${(error as Error).message}`);
    }
  }
}
