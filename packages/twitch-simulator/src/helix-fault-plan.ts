import { SimulatorInputError } from './user-directory.js';

/** How Helix misbehaves for one endpoint. */
export interface HelixFault {
  /** Helix endpoint (`streams`, `channels/followers`, `eventsub/subscriptions`, …) or `*` for all. */
  readonly endpoint: string;
  /** Answer with this status instead (429 comes with an empty rate-limit bucket). */
  readonly status?: number;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** For 429: seconds until `Ratelimit-Reset` (default 1). */
  readonly resetSeconds?: number;
  /** For how many more requests; Infinity until cleared. */
  remaining: number;
}

/** The Helix faults asked for, applied in the order they were added. */
export class HelixFaultPlan {
  private faults: HelixFault[] = [];

  /** Adds a fault: `count` requests (default: until cleared) to `endpoint` get `status` and/or `delayMs`. */
  add(fault: {
    endpoint: string;
    status?: number;
    delayMs?: number;
    resetSeconds?: number;
    count?: number;
  }): HelixFault {
    const endpoint = fault.endpoint.replace(/^\/+|\/+$/g, '').replace(/^helix\//, '') || '*';
    if (fault.status === undefined && fault.delayMs === undefined) {
      throw new SimulatorInputError('a Helix fault needs a status, a delay, or both');
    }
    if (
      fault.status !== undefined &&
      (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599)
    ) {
      throw new SimulatorInputError(
        `status ${String(fault.status)} is not an HTTP error status (400–599)`,
      );
    }
    if (fault.delayMs !== undefined && !(fault.delayMs >= 0)) {
      throw new SimulatorInputError(
        `delay ${String(fault.delayMs)} is not a number of milliseconds`,
      );
    }
    const count = fault.count ?? Infinity;
    if (count !== Infinity && (!Number.isInteger(count) || count < 1)) {
      throw new SimulatorInputError(`count ${String(fault.count)} is not a positive whole number`);
    }
    const added: HelixFault = {
      endpoint,
      status: fault.status,
      delayMs: fault.delayMs,
      resetSeconds: fault.resetSeconds,
      remaining: count,
    };
    this.faults.push(added);
    return added;
  }

  /** Removes the faults of one endpoint, or all; returns how many. */
  clear(endpoint?: string): number {
    const before = this.faults.length;
    this.faults =
      endpoint === undefined ? [] : this.faults.filter((fault) => fault.endpoint !== endpoint);
    return before - this.faults.length;
  }

  /** The fault that applies to this request to `endpoint` (counting it), if any. */
  take(endpoint: string): HelixFault | undefined {
    const fault = this.faults.find((f) => f.endpoint === endpoint || f.endpoint === '*');
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  /** The active faults. */
  list(): HelixFault[] {
    return [...this.faults];
  }
}
