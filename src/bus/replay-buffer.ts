/** Anything with a sequence id. */
export interface Sequenced {
  readonly id: number;
}

/**
 * A fixed-size ring of the most recent items, in increasing id order. Pushing is O(1); reading the
 * items after an id is O(log n + k) by binary search, since ids only grow.
 */
export class ReplayBuffer<T extends Sequenced> {
  private readonly ring: (T | undefined)[];
  private start = 0;
  private count = 0;
  private evictedUpTo = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ReplayBuffer capacity must be a positive integer, got ${capacity}`);
    }
    this.ring = new Array<T | undefined>(capacity);
  }

  /** How many items are held. */
  get size(): number {
    return this.count;
  }

  /** The id of the oldest item held, or null when empty. */
  get oldestId(): number | null {
    return this.count === 0 ? null : this.at(0).id;
  }

  /** The highest id that was pushed out of the buffer (0 if none). */
  get lastEvictedId(): number {
    return this.evictedUpTo;
  }

  /**
   * Appends an item whose id is higher than every id held; the oldest falls out when full, and is
   * returned.
   */
  push(item: T): T | undefined {
    if (this.count > 0 && item.id <= this.at(this.count - 1).id) {
      throw new RangeError(
        `ReplayBuffer ids must increase: ${item.id} after ${this.at(this.count - 1).id}`,
      );
    }
    if (this.count < this.capacity) {
      this.ring[(this.start + this.count) % this.capacity] = item;
      this.count++;
      return undefined;
    }
    const evicted = this.at(0);
    this.evictedUpTo = evicted.id;
    this.ring[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** The oldest item held, if any. */
  get oldest(): T | undefined {
    return this.count === 0 ? undefined : this.at(0);
  }

  /** Lets the oldest item go before the buffer is full (an age limit), and returns it. */
  dropOldest(): T | undefined {
    if (this.count === 0) return undefined;
    const dropped = this.at(0);
    this.evictedUpTo = dropped.id;
    this.ring[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
    return dropped;
  }

  /** The items with an id greater than `id`, oldest first. */
  after(id: number, limit = Infinity): T[] {
    const items: T[] = [];
    const start = this.firstIndexAfter(id);
    const end = Math.min(this.count, start + limit);
    for (let i = start; i < end; i++) items.push(this.at(i));
    return items;
  }

  /** The item with exactly this id, if it is still held. */
  find(id: number): T | undefined {
    const index = this.firstIndexAfter(id - 1);
    return index < this.count && this.at(index).id === id ? this.at(index) : undefined;
  }

  /** Binary search: the index of the first item whose id is greater than `id`. */
  private firstIndexAfter(id: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.at(mid).id <= id) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The newest `limit` items, oldest first. */
  latest(limit: number): T[] {
    const from = Math.max(0, this.count - limit);
    const items: T[] = [];
    for (let i = from; i < this.count; i++) items.push(this.at(i));
    return items;
  }

  private at(index: number): T {
    return this.ring[(this.start + index) % this.capacity] as T;
  }
}
