import type { ProducedEvent } from './trigger-options.js';
import type { EventSubSocketServer } from './eventsub-socket-server.js';
import { TimerSet } from './timer-set.js';
import { SimulatorInputError } from './user-directory.js';

/** The longest outage one call can ask for (a day). */
const MAX_OUTAGE_SECONDS = 86_400;

/** The current EventSub outage, or the last one (all zeros and nulls before the first). */
export interface OutageStatus {
  /** Whether EventSub is unreachable now. */
  readonly active: boolean;
  /** When the outage began (RFC 3339), or null if there has been none. */
  readonly startedAt: string | null;
  /** When it ends (while active) or ended. */
  readonly endsAt: string | null;
  /** Sessions dropped when it began. */
  readonly droppedSessions: number;
  /** Connections cut while it lasted (clients trying to come back). */
  readonly refusedConnections: number;
  /** What happened on channels while it lasted: events whose notifications nobody got, nor will. */
  readonly missedEvents: readonly ProducedEvent[];
}

/**
 * An EventSub outage: every open socket is dropped without a close frame, new connections are cut
 * until it ends, and notifications of what happens meanwhile are not delivered (nor kept: Twitch
 * does not replay them). Channels change as usual and Helix keeps answering, so what was missed
 * can be read back from Helix afterwards.
 */
export class EventSubOutage {
  private readonly timers = new TimerSet();
  private endTimer: NodeJS.Timeout | undefined;
  private on = false;
  private startedAt: Date | null = null;
  private endsAt: Date | null = null;
  private dropped = 0;
  private refused = 0;
  private missed: ProducedEvent[] = [];

  constructor(
    private readonly sockets: EventSubSocketServer,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Whether EventSub is unreachable now. */
  get active(): boolean {
    return this.on;
  }

  /**
   * Makes EventSub unreachable for `seconds` (more than 0, at most a day) and returns how many
   * sessions this dropped. During an outage, moves its end to `seconds` from now (and drops none).
   */
  start(seconds: number): number {
    if (typeof seconds !== 'number' || !(seconds > 0 && seconds <= MAX_OUTAGE_SECONDS)) {
      throw new SimulatorInputError(
        `seconds must be a number above 0 and at most ${MAX_OUTAGE_SECONDS}, not ${String(seconds)}`,
      );
    }
    const now = new Date();
    let droppedNow = 0;
    if (!this.on) {
      this.on = true;
      this.startedAt = now;
      this.refused = 0;
      this.missed = [];
      this.sockets.refuseConnections(() => this.refused++);
      droppedNow = this.dropped = this.sockets.drop();
      this.log(`Twitch simulator: EventSub outage began (${this.dropped} sessions dropped)`);
    }
    this.endsAt = new Date(now.getTime() + seconds * 1000);
    this.timers.cancel(this.endTimer);
    this.endTimer = this.timers.after(seconds * 1000, () => this.end());
    return droppedNow;
  }

  /** Ends the outage now; false when none is on. */
  end(): boolean {
    if (!this.on) return false;
    this.on = false;
    this.timers.cancel(this.endTimer);
    this.endTimer = undefined;
    this.endsAt = new Date();
    this.sockets.acceptConnections();
    this.log(
      `Twitch simulator: EventSub outage ended (${this.missed.length} events missed, ${this.refused} connections refused)`,
    );
    return true;
  }

  /** Notes events that happened while EventSub was unreachable (nothing while it is reachable). */
  recordMissed(events: readonly ProducedEvent[]): void {
    if (this.on) this.missed.push(...events);
  }

  /** The current outage, or the last one. */
  status(): OutageStatus {
    return {
      active: this.on,
      startedAt: this.startedAt?.toISOString() ?? null,
      endsAt: this.endsAt?.toISOString() ?? null,
      droppedSessions: this.dropped,
      refusedConnections: this.refused,
      missedEvents: [...this.missed],
    };
  }

  /** Cancels the end timer (the simulator is stopping). */
  stop(): void {
    this.timers.clear();
  }
}
