import { BehaviorSubject, type Observable } from 'rxjs';

/** An instance's part: the leader holds the Twitch connection; followers serve clients only. */
export type InstanceRole = 'leader' | 'follower';

/**
 * Which instance talks to Twitch. A single instance always does (`SoleInstance`); among several
 * on Redis, the holder of the leader lease does (`RedisLeadership`). The Twitch session follows
 * `role$`: it connects when this instance leads and stands by when it does not.
 */
export abstract class Leadership {
  /** This instance's name (INSTANCE_ID, or host-pid). */
  abstract readonly instanceId: string;
  /** The role now and from now on. */
  abstract readonly role$: Observable<InstanceRole>;
  /** The role now. */
  abstract readonly role: InstanceRole;
}

/** The one instance there is: always the leader. */
export class SoleInstance extends Leadership {
  private readonly subject = new BehaviorSubject<InstanceRole>('leader');
  readonly role$ = this.subject.asObservable();
  readonly role: InstanceRole = 'leader';

  constructor(readonly instanceId: string) {
    super();
  }
}
