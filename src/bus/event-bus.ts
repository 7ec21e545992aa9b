import { Inject, Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type {
  ControlMessage,
  EventLogStatus,
  EventMessage,
  LabelsMessage,
  StatsMessage,
  StatusMessage,
  StreamMessage,
  SubathonMessage,
} from '../contract/sse-contract.js';
import type {
  EventLog,
  EventsPageQuery,
  LogReadAfter,
  Retention,
  StateKey,
  WantedEvents,
} from './event-log.js';
import { NON_CHAT_TYPES } from '../event-types/chat-history.js';
import { eventRetention } from './history-lanes.js';
import { MemoryEventLog } from './memory-event-log.js';
import type { PublishedMessage } from './published-message.js';
import { isSharedEventLog, type SharedEventLog } from './shared-event-log.js';

/** Every event type but chat: what the recent events are made of. */
const NOT_CHAT: WantedEvents = new Set(NON_CHAT_TYPES);

/** The injection token of the `EventLog` under the bus. */
export const EVENT_LOG = Symbol('EventLog');

/** A message kept as state: the latest one under its key is what a client gets on connect. */
export type StateMessage =
  StatsMessage | StatusMessage | ControlMessage | LabelsMessage | SubathonMessage;

/** What a client resuming after a given id should be sent before the live messages. */
export interface Resumption {
  /**
   * false when messages the client missed (of the event types it wants) are no longer kept, or the
   * id is from another run.
   */
  readonly complete: boolean;
  /** Kept events after the id, of every type, oldest first (empty when incomplete). */
  readonly events: PublishedMessage[];
  /** State snapshots (stats, status) that changed after the id — all of them when incomplete. */
  readonly snapshots: PublishedMessage[];
}

/**
 * The outbound bus: only what goes to SSE clients. Producers publish events
 * (`publishEvent`) and set state (`setState`: stats, each component's status, pause); every SSE
 * client listens to `messages$`. Ids and what is kept come from the `EventLog` underneath.
 *
 * Nothing that listens here publishes back: domain happenings (an event received, a poll's
 * reading) travel on their own modules' streams, so a message is fully delivered before the next is
 * published and every client sees ids in order.
 */
@Injectable()
export class EventBus {
  private readonly subject = new Subject<PublishedMessage>();
  /** Per state key, what the last published state looked like to `setState`'s comparison. */
  private readonly lastFingerprint = new Map<StateKey, string>();
  private readonly countsByType: Record<StreamMessage['type'], number> = {
    stats: 0,
    event: 0,
    status: 0,
    control: 0,
    labels: 0,
    subathon: 0,
    credits: 0,
  };
  private delivering = false;
  /** The log again when several instances share it (null: this instance's own log). */
  private readonly shared: SharedEventLog | null;

  /** Every message published from now on, in id order. */
  readonly messages$: Observable<PublishedMessage> = this.subject.asObservable();

  constructor(@Inject(EVENT_LOG) private readonly log: EventLog) {
    this.shared = isSharedEventLog(log) ? log : null;
    // A shared log delivers what every instance appended, once stored, in its order.
    this.shared?.arrivals$.subscribe((published) => this.deliver(published));
  }

  /**
   * Whether this instance publishes what it learns from Twitch: always, unless it is one of several
   * instances and another one (the leader) holds the Twitch connection.
   */
  get publishing(): boolean {
    return this.shared?.appendable ?? true;
  }

  /** The id of the latest message published. */
  get lastId(): number {
    return this.log.lastId;
  }

  /**
   * The id a client resuming after `lastId` gets its live messages after: the newest here, or
   * `lastId` itself when another instance delivered up to it and this one is a moment behind.
   */
  cursorFor(lastId: number | null): number {
    return lastId !== null && this.shared?.isAhead(lastId) ? lastId : this.log.lastId;
  }

  /** How many messages were published, by type. */
  get publishedCounts(): Readonly<Record<StreamMessage['type'], number>> {
    return this.countsByType;
  }

  /**
   * Whether the log under the bus keeps what is published: `durable` false for a log in memory by
   * design (EVENT_LOG=memory); `memory-only` while a durable one cannot write (with why, since when).
   */
  get logStatus(): EventLogStatus & { durable: boolean } {
    if (this.log.status) return { durable: true, ...this.log.status };
    return { durable: !(this.log instanceof MemoryEventLog), state: 'ok' };
  }

  /** How many events are kept for replay, at most, and the oldest id among them (chat aside). */
  get replayWindow(): { size: number; capacity: number; oldestId: number | null } {
    return {
      size: this.log.eventCount,
      capacity: this.log.eventCapacity,
      oldestId: this.log.oldestEventId,
    };
  }

  /** How many chat events are kept for replay, and at most: chat's own retention. */
  get chatWindow(): { size: number; capacity: number } {
    return { size: this.log.chatEventCount, capacity: this.log.chatEventCapacity };
  }

  /**
   * Publishes an event (kept for replay: chat apart, under its own retention). `receivedAt` is when
   * the Twitch frame it came from arrived (`performance.now()`), if it came from one.
   */
  publishEvent(message: EventMessage, receivedAt?: number): PublishedMessage {
    return this.send(message, eventRetention(message.event), receivedAt);
  }

  /**
   * Publishes `message` as the state under `key` — unless it is the same as the last one there.
   * `significant` picks what counts as a change (e.g. not a last-seen time); by default all of it.
   * Returns the published message, or undefined when nothing changed.
   */
  setState<M extends StateMessage>(
    key: StateKey,
    message: M,
    significant: (message: M) => unknown = (whole) => whole,
  ): PublishedMessage | undefined {
    // A follower instance's Twitch parts are idle: the state clients see is the leader's.
    if (!this.publishing) return undefined;
    const fingerprint = JSON.stringify(significant(message));
    if (this.lastFingerprint.get(key) === fingerprint) return undefined;
    this.lastFingerprint.set(key, fingerprint);
    return this.send(message, { kind: 'state', key });
  }

  /** Publishes any contract message, kept as its type says (the dashboard's commands, tests). */
  publish(message: StreamMessage): PublishedMessage {
    const retention = retentionOf(message);
    if (retention.kind === 'state') this.lastFingerprint.delete(retention.key);
    return this.send(message, retention);
  }

  /**
   * Publishes a message from wherever this instance stands: the dashboard's actions. On a follower
   * instance it is handed to the leader, which publishes it to every instance's clients.
   */
  async submit(message: StreamMessage): Promise<PublishedMessage> {
    if (this.publishing || !this.shared) return this.publish(message);
    return this.shared.relay(message);
  }

  /** A kept event by its id, if it is still in the replay window. */
  bufferedEvent(id: number): PublishedMessage | undefined {
    return this.log.event(id);
  }

  /** The current state snapshots (stats and each component's status), oldest first. */
  currentSnapshots(): PublishedMessage[] {
    return this.log.states();
  }

  /** The latest snapshot under a key. */
  snapshot(key: StateKey): PublishedMessage | undefined {
    return this.log.state(key);
  }

  /** The newest `limit` kept events other than chat, oldest first. */
  recentEvents(limit: number): PublishedMessage[] {
    return this.log.latestEvents(limit, NOT_CHAT);
  }

  /** One page of the kept events (a window of ids, some event types), newest first. */
  eventsPage(query: EventsPageQuery): PublishedMessage[] {
    return this.log.eventsPage(query);
  }

  /**
   * What a client that saw everything up to `lastId` has missed, if the log still has it. With
   * `wanted`, only those event types count: a client that asked for raids alone is not told its
   * replay is incomplete because follows it never wanted were let go. With `limit`, the events are
   * the first page (`missedAfter` reads the next ones).
   */
  resumeAfter(lastId: number, wanted: WantedEvents = null, limit = Infinity): Resumption {
    const { complete, events } = this.missedAfter(lastId, wanted, limit);
    const snapshots = this.currentSnapshots();
    if (!complete) return { complete, events: [], snapshots };
    return { complete, events, snapshots: snapshots.filter((snapshot) => snapshot.id > lastId) };
  }

  /**
   * The events after `lastId`, oldest first, if none of the `wanted` ones is gone: with `limit`, the
   * oldest `limit` of them, so that a deep replay is read a page at a time (the next page: after
   * the last of these) rather than all at once while live messages wait.
   */
  missedAfter(lastId: number, wanted: WantedEvents = null, limit = Infinity): LogReadAfter {
    const read = this.log.eventsAfter(lastId, wanted, limit);
    // A log that reads no pages (an older implementation) still answers one.
    return read.events.length > limit ? { ...read, events: read.events.slice(0, limit) } : read;
  }

  private send(
    message: StreamMessage,
    retention: Retention,
    receivedAt?: number,
  ): PublishedMessage {
    if (this.delivering) {
      // Delivering message N+1 from inside N's delivery would show some clients N+1 first.
      throw new Error(
        `A bus listener published a ${message.type} message while another was being delivered; producers must not listen to the bus.`,
      );
    }
    const published = this.log.append(message, retention, receivedAt);
    if (!this.shared) this.deliver(published);
    return published;
  }

  private deliver(published: PublishedMessage): void {
    this.countsByType[published.message.type]++;
    this.delivering = true;
    try {
      this.subject.next(published);
    } finally {
      this.delivering = false;
    }
  }
}

/**
 * How a message is kept when published without a key: events are history (chat kept apart); stats,
 * labels, the subathon timer, each component's status and pause/resume are state; a skip, a
 * credits command and a client's own "replay incomplete" notice are one-shot.
 */
export function retentionOf(message: StreamMessage): Retention {
  switch (message.type) {
    case 'event':
      return eventRetention(message.event);
    case 'stats':
    case 'labels':
    case 'subathon':
      return { kind: 'state', key: message.type };
    case 'control':
      return message.data.action === 'skip'
        ? { kind: 'transient' }
        : { kind: 'state', key: 'control:pause' };
    case 'credits':
      return { kind: 'transient' };
    case 'status': {
      const { data } = message;
      if ('eventsub' in data) return { kind: 'state', key: 'status:eventsub' };
      if ('poll' in data) return { kind: 'state', key: 'status:poll' };
      if ('auth' in data) return { kind: 'state', key: 'status:auth' };
      if ('recovery' in data) return { kind: 'state', key: 'status:recovery' };
      if ('eventLog' in data) return { kind: 'state', key: 'status:eventLog' };
      if ('cluster' in data) return { kind: 'state', key: 'status:cluster' };
      return { kind: 'transient' };
    }
  }
}
