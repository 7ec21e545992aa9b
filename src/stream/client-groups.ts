import type { SseConnection } from './sse-connection.js';
import type { StreamFilter } from './stream-filter.js';

/** The clients that asked for the same filter: a message is matched once for all of them. */
export interface FilterGroup {
  readonly filter: StreamFilter;
  readonly clients: Set<SseConnection>;
}

/**
 * The open stream clients, grouped by filter (`filterKey`): a live message is matched against each
 * distinct filter once, however many clients share it. A group goes when its last client does.
 */
export class ClientGroups {
  private readonly groups = new Map<string, FilterGroup>();
  private count = 0;

  /** How many clients are in the groups. */
  get size(): number {
    return this.count;
  }

  /** Each group, with its filter and clients. */
  values(): IterableIterator<FilterGroup> {
    return this.groups.values();
  }

  /** Every client of every group. */
  *clients(): IterableIterator<SseConnection> {
    for (const group of this.groups.values()) yield* group.clients;
  }

  /** Adds `client` to the group of `key` (`filterKey(filter)`), making the group if needed. */
  add(key: string, filter: StreamFilter, client: SseConnection): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { filter, clients: new Set() };
      this.groups.set(key, group);
    }
    group.clients.add(client);
    this.count++;
  }

  /** Takes `client` out of the group of `key`; false when it was not in it. */
  remove(key: string, client: SseConnection): boolean {
    const group = this.groups.get(key);
    if (!group?.clients.delete(client)) return false;
    this.count--;
    if (group.clients.size === 0) this.groups.delete(key);
    return true;
  }
}
