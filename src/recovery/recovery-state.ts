import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the gap recovery knows between runs: when EventSub last received, and what Helix said. */
export interface RecoveryState {
  /** Until when EventSub was known to be receiving (ms since the epoch); null: never. */
  receivingUntil: number | null;
  /**
   * Whether EventSub was still receiving when this was saved (a heartbeat), rather than stopped at
   * `receivingUntil`: a leader that dies while receiving loses nothing that a standby receiving
   * since before its death received. Absent from a state saved before there were standbys.
   */
  receiving?: boolean;
  /** When it was saved (ms since the epoch): the live events logged after it are not in it. */
  savedAt?: number;
  /** The channel's subscribers (user ids) as last known; null before the first look. */
  subscribers: string[] | null;
  /** All-time bits per user as last known (the leaderboard's top 100); null before the first look. */
  bits: Record<string, number> | null;
  /** Whether the whole leaderboard fitted in `bits` (so a user missing from it had 0). */
  bitsComplete: boolean;
  /** Whether the stream was live, as last known; null before the first look. */
  live: boolean | null;
}

/** A state that knows nothing yet: the first look at Helix only takes a baseline. */
export function emptyRecoveryState(): RecoveryState {
  return { receivingUntil: null, subscribers: null, bits: null, bitsComplete: false, live: null };
}

/**
 * The recovery state the instances share (REDIS_URL), where the next leader finds it: provided by
 * `InstanceModule` from the cluster; absent for a single instance, which keeps its own.
 */
export const SHARED_RECOVERY_STATE = Symbol('SharedRecoveryState');

/** Where the recovery state lives. */
export abstract class RecoveryStateStore {
  /** The state saved last (an empty one when there is none). */
  abstract load(): RecoveryState;
  /** Keeps `state` (replacing the last). */
  abstract save(state: RecoveryState): void;
}

/** In memory only: for `EVENT_LOG=memory`, where nothing else survives a restart either. */
export class MemoryRecoveryStateStore extends RecoveryStateStore {
  private state = emptyRecoveryState();

  load(): RecoveryState {
    return structuredClone(this.state);
  }

  save(state: RecoveryState): void {
    this.state = structuredClone(state);
  }
}

/**
 * A small JSON file beside the event log (owner-only), written atomically (a temporary file renamed
 * over the old one), so a crash never leaves half a state. An unreadable file counts as none: the
 * recovery then only takes a new baseline, and says so.
 */
export class FileRecoveryStateStore extends RecoveryStateStore {
  constructor(
    private readonly path: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    super();
  }

  load(): RecoveryState {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return emptyRecoveryState();
    }
    try {
      return { ...emptyRecoveryState(), ...(JSON.parse(text) as Partial<RecoveryState>) };
    } catch (error) {
      this.log(
        `The recovery state ${this.path} could not be read (${(error as Error).message}); starting from nothing: events missed before now cannot be recovered this time.`,
      );
      return emptyRecoveryState();
    }
  }

  save(state: RecoveryState): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }
}
