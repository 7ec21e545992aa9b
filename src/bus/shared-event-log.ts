import type { Observable } from 'rxjs';
import type { StreamMessage } from '../contract/sse-contract.js';
import type { EventLog } from './event-log.js';
import type { PublishedMessage } from './published-message.js';

/**
 * An event log shared by several instances (Redis): one instance (the leader) appends, every
 * instance delivers what the shared log holds, in its order. Its reads show a message once it is
 * back from the shared store (`arrivals$`), not as soon as `append` returns.
 */
export interface SharedEventLog extends EventLog {
  /**
   * The messages as the shared log has them, in id order: the bus delivers these rather than
   * what `append` returns (which reaches clients once it is stored).
   */
  readonly arrivals$: Observable<PublishedMessage>;
  /** Whether this instance may `append` now (false: it hands messages to one that may, `relay`). */
  readonly appendable: boolean;
  /** Publishes `message` through the instance that appends; resolves to it as published. */
  relay(message: StreamMessage): Promise<PublishedMessage>;
  /**
   * Whether `id` is one another instance already delivered and this one has not read yet (a client
   * that switched instances): nothing is missing, it is on its way.
   */
  isAhead(id: number): boolean;
}

/** Whether `log` is shared by several instances (and has the members that go with that). */
export function isSharedEventLog(log: EventLog): log is SharedEventLog {
  return 'arrivals$' in log;
}
