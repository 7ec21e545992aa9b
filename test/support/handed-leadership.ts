import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import type { ClusterStatus } from '../../src/contract/sse-contract.js';
import { Leadership, type InstanceRole } from '../../src/leadership/leadership.js';

/** A leadership the test hands to an instance and takes away (`set`). */
export class HandedLeadership extends Leadership {
  readonly status$: Observable<ClusterStatus> = new Subject<ClusterStatus>();
  private readonly subject: BehaviorSubject<InstanceRole>;

  constructor(
    role: InstanceRole,
    readonly instanceId = 'test',
  ) {
    super();
    this.subject = new BehaviorSubject(role);
  }

  get role$(): Observable<InstanceRole> {
    return this.subject.asObservable();
  }

  get role(): InstanceRole {
    return this.subject.value;
  }

  set(role: InstanceRole): void {
    this.subject.next(role);
  }
}
