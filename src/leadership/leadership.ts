import { BehaviorSubject, EMPTY, type Observable } from 'rxjs';
import type { ClusterStatus } from '../contract/sse-contract.js';

/**
 * An instance's part: the leader holds the Twitch connection; the standby (one follower, with
 * STANDBY) holds an EventSub session of its own beside it, to take over without a gap; other
 * followers serve clients only.
 */
export type InstanceRole = 'leader' | 'standby' | 'follower';

/**
 * Which instance talks to Twitch. A single instance always does (`SoleInstance`); among several
 * on Redis, the holder of the leader lease does (`RedisLeadership`), and the standby listens
 * beside it. The Twitch session follows `role$`: it connects when this instance leads or is the
 * standby, and stands by when it does neither.
 */
export abstract class Leadership {
  /** This instance's name (INSTANCE_ID, or host-pid). */
  abstract readonly instanceId: string;
  /** The role now and from now on. */
  abstract readonly role$: Observable<InstanceRole>;
  /** The role now. */
  abstract readonly role: InstanceRole;
  /** What clients are told of the instances (several only): who leads, Redis outages. */
  abstract readonly status$: Observable<ClusterStatus>;
}

/** The one instance there is: always the leader. */
export class SoleInstance extends Leadership {
  private readonly subject = new BehaviorSubject<InstanceRole>('leader');
  readonly role$ = this.subject.asObservable();
  readonly role: InstanceRole = 'leader';
  readonly status$: Observable<ClusterStatus> = EMPTY;

  constructor(readonly instanceId: string) {
    super();
  }
}

/**
 * A change that only the leader instance may make (it holds the state that Twitch's events move:
 * the subathon timer, the labels), reaching an instance that does not lead (any more): the
 * `LeaderCommands` send such changes to the leader, so this is the moment of a handover. Answered
 * 503, saying so.
 */
export class NotTheLeaderError extends Error {
  override readonly name = 'NotTheLeaderError';

  constructor(what: string) {
    super(
      `This instance does not lead right now (REDIS_URL): ${what} is run by the leader instance, which holds the Twitch connection, and a new leader is being chosen. Try again in a few seconds.`,
    );
  }
}
