import {
  emptyRecoveryState,
  RecoveryStateStore,
  type RecoveryState,
} from '../recovery/recovery-state.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';

/**
 * The gap recovery's state in Redis, so a new leader knows where the last one stopped receiving
 * (the start of the gap it recovers). Reads are from a copy taken when this instance starts to
 * lead (`pull`); writes go to Redis in the background (a lost one costs a few seconds of
 * precision: the leader writes every 10 s).
 */
export class RedisRecoveryStateStore extends RecoveryStateStore {
  private state: RecoveryState = emptyRecoveryState();
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: RedisConnections,
    private readonly keys: RedisKeys,
    private readonly log: (message: string) => void,
  ) {
    super();
  }

  /** Takes the state the last leader left. */
  async pull(): Promise<void> {
    const text = await this.redis.command.get(this.keys.recovery);
    if (text === null) return;
    try {
      this.state = { ...emptyRecoveryState(), ...(JSON.parse(text) as Partial<RecoveryState>) };
    } catch {
      this.log('The gap recovery state in Redis could not be read; starting from nothing.');
    }
  }

  load(): RecoveryState {
    return structuredClone(this.state);
  }

  save(state: RecoveryState): void {
    this.state = structuredClone(state);
    const text = JSON.stringify(state);
    this.writing = this.writing
      .then(() => this.redis.command.set(this.keys.recovery, text))
      .catch(() => undefined);
  }

  /** Resolves when the writes made so far are done (or failed). */
  written(): Promise<unknown> {
    return this.writing;
  }
}
