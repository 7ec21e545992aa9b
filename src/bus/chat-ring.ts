import type { ChatRetention } from './event-log.js';
import type { PublishedMessage } from './published-message.js';
import { ReplayBuffer } from './replay-buffer.js';

/**
 * The chat events a log holds in memory, under chat's own retention: at most `maxMessages`, none
 * older than `maxAgeMs`. What goes (the oldest first, by count or by age) is handed back, so the
 * log can tell a reader what it lost.
 */
export class ChatRing {
  private readonly ring: ReplayBuffer<PublishedMessage>;
  /** When each held event was appended (ms since the epoch), in the same order as `ring`. */
  private readonly times: ReplayBuffer<{ readonly id: number; readonly at: number }>;

  constructor(
    readonly retention: ChatRetention,
    private readonly now: () => number = Date.now,
  ) {
    this.ring = new ReplayBuffer(retention.maxMessages);
    this.times = new ReplayBuffer(retention.maxMessages);
  }

  get size(): number {
    return this.ring.size;
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  get oldestId(): number | null {
    return this.ring.oldestId;
  }

  /** The highest id let go, by count or by age (0 if none). */
  get lastEvictedId(): number {
    return this.ring.lastEvictedId;
  }

  /** Holds `published`, appended at `at`; returns what went to make room or for its age. */
  push(published: PublishedMessage, at = this.now()): PublishedMessage[] {
    const gone = this.expire();
    const evicted = this.ring.push(published);
    this.times.push({ id: published.id, at });
    if (evicted) gone.push(evicted);
    return gone;
  }

  /** Lets go of what is older than `maxAgeMs`; returns it. */
  expire(): PublishedMessage[] {
    const cutoff = this.now() - this.retention.maxAgeMs;
    const gone: PublishedMessage[] = [];
    while ((this.times.oldest?.at ?? Infinity) < cutoff) {
      this.times.dropOldest();
      gone.push(this.ring.dropOldest()!);
    }
    return gone;
  }

  after(id: number, limit = Infinity): PublishedMessage[] {
    return this.ring.after(id, limit);
  }

  find(id: number): PublishedMessage | undefined {
    return this.ring.find(id);
  }

  latest(limit: number): PublishedMessage[] {
    return this.ring.latest(limit);
  }
}
