import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import type { StreamMessage } from '../contract/sse-contract.js';
import type { PublishedMessage } from './published-message.js';
import { ReplayBuffer } from './replay-buffer.js';

/** What a client resuming after a given id should be sent before the live messages. */
export interface Resumption {
  /** false when messages the client missed are no longer buffered (or the id is from another run). */
  readonly complete: boolean;
  /** Buffered events after the id, oldest first (empty when incomplete). */
  readonly events: PublishedMessage[];
  /** State snapshots (stats, status) that changed after the id — all of them when incomplete. */
  readonly snapshots: PublishedMessage[];
}

/**
 * The one event bus: EventSub and the stats poller publish here, every SSE client listens here.
 *
 * Each message gets a global, strictly increasing id and is serialised once. Ids start at the
 * start-up time in microseconds, so ids from an earlier run of the service are always lower than
 * this run's and a client holding one is told its replay is incomplete rather than being confused.
 */
@Injectable()
export class EventBus {
  private readonly subject = new Subject<PublishedMessage>();
  private readonly replay: ReplayBuffer<PublishedMessage>;
  /** The latest stats message and the latest status per component, by snapshot key. */
  private readonly snapshots = new Map<string, PublishedMessage>();
  /** The id before the first one of this run. */
  readonly baseId: number;
  private lastPublishedId: number;
  private readonly countsByType = { stats: 0, event: 0, status: 0, control: 0 };
  /** Messages published by a listener while another message is being delivered, in id order. */
  private readonly queued: PublishedMessage[] = [];
  private delivering = false;

  constructor(config: AppConfig) {
    this.replay = new ReplayBuffer(config.values.replayBufferSize);
    this.baseId = Date.now() * 1000;
    this.lastPublishedId = this.baseId;
  }

  private listeners = 0;

  /** Every message published from now on, in id order. */
  readonly messages$: Observable<PublishedMessage> = new Observable<PublishedMessage>(
    (subscriber) => {
      this.listeners++;
      const subscription = this.subject.subscribe(subscriber);
      return () => {
        this.listeners--;
        subscription.unsubscribe();
      };
    },
  );

  /** How many listeners are subscribed to `messages$` (each SSE client is one). */
  get observerCount(): number {
    return this.listeners;
  }

  /** The id of the latest message published (`baseId` before the first). */
  get lastId(): number {
    return this.lastPublishedId;
  }

  /** How many messages were published, by type. */
  get publishedCounts(): Readonly<Record<StreamMessage['type'], number>> {
    return this.countsByType;
  }

  /** How many events the replay buffer holds, and the oldest id among them. */
  get replayWindow(): { size: number; capacity: number; oldestId: number | null } {
    return {
      size: this.replay.size,
      capacity: this.replay.capacity,
      oldestId: this.replay.oldestId,
    };
  }

  /**
   * Gives `message` the next id, serialises it once, keeps it (events for replay, state as a
   * snapshot, one-shot commands not at all) and sends it to every listener. `receivedAt` is when
   * the Twitch frame it came from arrived (`performance.now()`), if it came from one.
   */
  publish(message: StreamMessage, receivedAt?: number): PublishedMessage {
    const published: PublishedMessage = {
      id: ++this.lastPublishedId,
      message,
      json: JSON.stringify(message),
      publishedAt: performance.now(),
      ...(receivedAt === undefined ? {} : { receivedAt }),
    };
    this.countsByType[message.type]++;
    const kept = retention(message);
    if (kept === 'replay') this.replay.push(published);
    else if (kept !== 'transient') this.snapshots.set(kept, published);
    this.deliver(published);
    return published;
  }

  /**
   * Sends a message to every listener, in id order. A listener may publish in turn (the stats
   * count a follow and publish new numbers); that message waits until every listener has the one
   * being delivered, so no client ever sees id N+1 before id N.
   */
  private deliver(published: PublishedMessage): void {
    this.queued.push(published);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.queued.shift(); next; next = this.queued.shift())
        this.subject.next(next);
    } finally {
      this.delivering = false;
    }
  }

  /** A buffered event by its id, if it is still in the replay window. */
  bufferedEvent(id: number): PublishedMessage | undefined {
    return this.replay.find(id);
  }

  /** The current state snapshots (stats and each component's status), oldest first. */
  currentSnapshots(): PublishedMessage[] {
    return [...this.snapshots.values()].sort((a, b) => a.id - b.id);
  }

  /** The latest snapshot under a key: `stats` or `status:<component>` (e.g. `status:eventsub`). */
  snapshot(key: string): PublishedMessage | undefined {
    return this.snapshots.get(key);
  }

  /** The newest `limit` buffered events, oldest first. */
  recentEvents(limit: number): PublishedMessage[] {
    return this.replay.latest(limit);
  }

  /** What a client that saw everything up to `lastId` has missed, if the buffer still has it. */
  resumeAfter(lastId: number): Resumption {
    const fromThisRun = lastId >= this.baseId && lastId <= this.lastPublishedId;
    const nothingEvicted = lastId >= this.replay.lastEvictedId;
    if (!fromThisRun || !nothingEvicted) {
      return { complete: false, events: [], snapshots: this.currentSnapshots() };
    }
    return {
      complete: true,
      events: this.replay.after(lastId),
      snapshots: this.currentSnapshots().filter((snapshot) => snapshot.id > lastId),
    };
  }
}

/**
 * How the bus keeps a message: events are history (the replay buffer); stats, status and
 * pause/resume are state (only the latest matters, kept under a snapshot key); a skip is a one-shot
 * command that would do harm if replayed.
 */
function retention(message: StreamMessage): 'replay' | 'transient' | string {
  switch (message.type) {
    case 'event':
      return 'replay';
    case 'stats':
      return 'stats';
    case 'status':
      return `status:${Object.keys(message.data)[0] ?? 'unknown'}`;
    case 'control':
      return message.data.action === 'skip' ? 'transient' : 'control:pause';
  }
}
