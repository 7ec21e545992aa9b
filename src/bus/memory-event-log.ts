import type { StreamMessage, TwitchEventType } from '../contract/sse-contract.js';
import type {
  EventLog,
  EventsPageQuery,
  LogReadAfter,
  Retention,
  StateKey,
  WantedEvents,
} from './event-log.js';
import type { PublishedMessage } from './published-message.js';
import { ReplayBuffer } from './replay-buffer.js';

/**
 * The event log in memory: a ring of the newest events and the latest state per key. Nothing
 * survives a restart, so ids start at the start-up time in microseconds: ids from an earlier run
 * are always lower than this run's, and a client holding one is told its replay is incomplete
 * rather than being sent the wrong events.
 */
export class MemoryEventLog implements EventLog {
  private readonly history: ReplayBuffer<PublishedMessage>;
  private readonly latestState = new Map<StateKey, PublishedMessage>();
  /** Per event type, the newest id that fell out of the ring: what a filtered reader may have lost. */
  private readonly evictedByType = new Map<TwitchEventType, number>();
  /** The id before the first one of this log. */
  private readonly baseId: number;
  private newestId: number;

  /**
   * `baseId` is the id before this log's first one: by default the start-up time in microseconds;
   * a copy of a log kept elsewhere (Redis) gives the id before the first message it was given.
   */
  constructor(capacity: number, startedAt = Date.now(), baseId = startedAt * 1000) {
    this.history = new ReplayBuffer(capacity);
    this.baseId = baseId;
    this.newestId = this.baseId;
  }

  append(message: StreamMessage, retention: Retention, receivedAt?: number): PublishedMessage {
    const published: PublishedMessage = {
      id: this.newestId + 1,
      message,
      json: JSON.stringify(message),
      publishedAt: performance.now(),
      ...(receivedAt === undefined ? {} : { receivedAt }),
    };
    this.accept(published, retention);
    return published;
  }

  /**
   * Keeps a message that already has its id (higher than every id kept): how a copy of a log kept
   * elsewhere is filled.
   */
  accept(published: PublishedMessage, retention: Retention): void {
    if (published.id <= this.newestId) {
      throw new RangeError(`Message ${published.id} is not newer than ${this.newestId}.`);
    }
    this.newestId = published.id;
    if (retention.kind === 'history') {
      const evicted = this.history.push(published);
      if (evicted?.message.type === 'event')
        this.evictedByType.set(evicted.message.event, evicted.id);
    } else if (retention.kind === 'state') this.latestState.set(retention.key, published);
  }

  /** Keeps `published` as the state under `key` whatever its id (a state older than the copy's events). */
  restoreState(key: StateKey, published: PublishedMessage): void {
    this.latestState.set(key, published);
  }

  get lastId(): number {
    return this.newestId;
  }

  get oldestEventId(): number | null {
    return this.history.oldestId;
  }

  get eventCount(): number {
    return this.history.size;
  }

  get eventCapacity(): number {
    return this.history.capacity;
  }

  eventsAfter(id: number, wanted: WantedEvents = null, limit = Infinity): LogReadAfter {
    const fromThisLog = id >= this.baseId && id <= this.newestId;
    const nothingGone = id >= this.lostUpTo(wanted);
    if (!fromThisLog || !nothingGone) return { complete: false, events: [] };
    return { complete: true, events: this.history.after(id, limit) };
  }

  /** The newest id let go among the wanted event types (0 when none was). */
  private lostUpTo(wanted: WantedEvents): number {
    if (wanted === null) return this.history.lastEvictedId;
    let newest = 0;
    for (const type of wanted) newest = Math.max(newest, this.evictedByType.get(type) ?? 0);
    return newest;
  }

  event(id: number): PublishedMessage | undefined {
    return this.history.find(id);
  }

  latestEvents(limit: number): PublishedMessage[] {
    return this.history.latest(limit);
  }

  eventsPage({ before, after, types, limit }: EventsPageQuery): PublishedMessage[] {
    if (limit < 1) return [];
    // The ring holds only the replay buffer's events (500 by default): a scan is cheap enough.
    const matching = this.history
      .after(after ?? 0)
      .filter(
        ({ id, message }) =>
          (before === undefined || id < before) &&
          (!types || (message.type === 'event' && types.has(message.event))),
      );
    const page = after === undefined ? matching.slice(-limit) : matching.slice(0, limit);
    return page.reverse();
  }

  states(): PublishedMessage[] {
    return [...this.latestState.values()].sort((a, b) => a.id - b.id);
  }

  state(key: StateKey): PublishedMessage | undefined {
    return this.latestState.get(key);
  }

  close(): void {
    // Nothing is held open.
  }
}
