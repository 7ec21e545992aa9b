import type { StreamMessage, TwitchEventType } from '../contract/sse-contract.js';
import { ChatRing } from './chat-ring.js';
import {
  DEFAULT_CHAT_RETENTION,
  type ChatRetention,
  type EventLog,
  type EventsPageQuery,
  type LogReadAfter,
  type Retention,
  type StateKey,
  type WantedEvents,
} from './event-log.js';
import { lanesOf, mergeById, newestOfBoth } from './history-lanes.js';
import type { PublishedMessage } from './published-message.js';
import { ReplayBuffer } from './replay-buffer.js';

export interface MemoryEventLogOptions {
  /** When this run started (ms since the epoch): its ids start there, in microseconds. */
  readonly startedAt?: number;
  /**
   * The id before this log's first one: by default the start-up time in microseconds; a copy of
   * a log kept elsewhere (Redis) gives the id before the first message it was given.
   */
  readonly baseId?: number;
  /** How much chat it holds (by default `DEFAULT_CHAT_RETENTION`). */
  readonly chat?: ChatRetention;
  /** Milliseconds since the epoch (injected for tests): chat's age limit reads it. */
  readonly now?: () => number;
}

/**
 * The event log in memory: a ring of the newest events, a ring of the newest chat (by count and
 * age: chat never pushes another event out), and the latest state per key. Nothing survives a
 * restart, so ids start at the start-up time in microseconds: ids from an earlier run are always
 * lower than this run's, and a client holding one is told its replay is incomplete rather than
 * being sent the wrong events.
 */
export class MemoryEventLog implements EventLog {
  private readonly history: ReplayBuffer<PublishedMessage>;
  private readonly chat: ChatRing;
  private readonly latestState = new Map<StateKey, PublishedMessage>();
  /** Per event type, the newest id that fell out of a ring: what a filtered reader may have lost. */
  private readonly evictedByType = new Map<TwitchEventType, number>();
  /** The id before the first one of this log. */
  private readonly baseId: number;
  /** Chat up to this id is not held though other events after it are (a copy that did not load it). */
  private chatFloor = 0;
  private newestId: number;
  private readonly now: () => number;

  constructor(capacity: number, options: MemoryEventLogOptions = {}) {
    const startedAt = options.startedAt ?? Date.now();
    this.now = options.now ?? Date.now;
    this.history = new ReplayBuffer(capacity);
    this.chat = new ChatRing(options.chat ?? DEFAULT_CHAT_RETENTION, this.now);
    this.baseId = options.baseId ?? startedAt * 1000;
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
   * elsewhere is filled. `at` is when it was first appended (ms since the epoch): chat's age
   * counts from there.
   */
  accept(published: PublishedMessage, retention: Retention, at?: number): void {
    if (published.id <= this.newestId) {
      throw new RangeError(`Message ${published.id} is not newer than ${this.newestId}.`);
    }
    this.newestId = published.id;
    if (retention.kind === 'history') {
      this.noteGone(this.history.push(published));
    } else if (retention.kind === 'chat') {
      for (const gone of this.chat.push(published, at)) this.noteGone(gone);
    } else if (retention.kind === 'state') this.latestState.set(retention.key, published);
  }

  /** Keeps `published` as the state under `key` whatever its id (a state older than the copy's events). */
  restoreState(key: StateKey, published: PublishedMessage): void {
    this.latestState.set(key, published);
  }

  /**
   * Says that chat up to `id` is not held: a copy filled from a store that had let it go (or was
   * not read that far back) tells a chat reader so, rather than replaying from after it.
   */
  chatMissingUpTo(id: number): void {
    this.chatFloor = Math.max(this.chatFloor, id);
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

  get chatEventCount(): number {
    this.expireChat();
    return this.chat.size;
  }

  get chatEventCapacity(): number {
    return this.chat.capacity;
  }

  eventsAfter(id: number, wanted: WantedEvents = null, limit = Infinity): LogReadAfter {
    this.expireChat();
    const fromThisLog = id >= this.baseId && id <= this.newestId;
    const nothingGone = id >= this.lostUpTo(wanted);
    if (!fromThisLog || !nothingGone) return { complete: false, events: [] };
    const lanes = lanesOf(wanted);
    const events = mergeById(
      lanes.main ? this.history.after(id, limit) : [],
      lanes.chat ? this.chat.after(id, limit) : [],
      limit,
    );
    return { complete: true, events };
  }

  /** The newest id let go among the wanted event types (0 when none was). */
  private lostUpTo(wanted: WantedEvents): number {
    const lanes = lanesOf(wanted);
    const chatGone = lanes.chat ? this.chatFloor : 0;
    if (wanted === null) {
      return Math.max(this.history.lastEvictedId, this.chat.lastEvictedId, chatGone);
    }
    let newest = chatGone;
    for (const type of wanted) newest = Math.max(newest, this.evictedByType.get(type) ?? 0);
    return newest;
  }

  event(id: number): PublishedMessage | undefined {
    this.expireChat();
    return this.history.find(id) ?? this.chat.find(id);
  }

  latestEvents(limit: number, wanted: WantedEvents = null): PublishedMessage[] {
    this.expireChat();
    const lanes = lanesOf(wanted);
    return newestOfBoth(
      lanes.main ? this.history.latest(limit) : [],
      lanes.chat ? this.chat.latest(limit) : [],
      limit,
    );
  }

  eventsPage({ before, after, types, limit }: EventsPageQuery): PublishedMessage[] {
    if (limit < 1) return [];
    this.expireChat();
    const lanes = lanesOf(types ?? null);
    // The rings hold the replay buffer's events (500 by default) and the chat retention's: a scan
    // is cheap enough.
    const matching = mergeById(
      lanes.main ? this.history.after(after ?? 0) : [],
      lanes.chat ? this.chat.after(after ?? 0) : [],
    ).filter(
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

  /** An empty log with this one's capacities, whose ids start after `baseId`. */
  emptyCopy(baseId: number): MemoryEventLog {
    return new MemoryEventLog(this.history.capacity, {
      baseId,
      chat: this.chat.retention,
      now: this.now,
    });
  }

  private expireChat(): void {
    for (const gone of this.chat.expire()) this.noteGone(gone);
  }

  private noteGone(gone: PublishedMessage | undefined): void {
    if (gone?.message.type === 'event') this.evictedByType.set(gone.message.event, gone.id);
  }
}
