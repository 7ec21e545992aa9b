/** How the throttle counts; the defaults suit a person mistyping, not a guesser. */
export interface AdminTokenThrottleOptions {
  /** Wrong tokens an address may send within `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
  /** Addresses remembered at most; past it the longest quiet is forgotten (memory stays bounded). */
  readonly maxAddresses: number;
  /** Milliseconds since the epoch (injected, so tests move time themselves). */
  readonly now: () => number;
}

const DEFAULTS: AdminTokenThrottleOptions = {
  limit: 5,
  windowMs: 60_000,
  maxAddresses: 10_000,
  now: () => Date.now(),
};

/**
 * Counts wrong admin tokens per client address and makes an address that sent `limit` of them
 * within a minute wait until the oldest is a minute old, so ADMIN_TOKEN cannot be guessed by trying.
 * Other addresses are not held up by it.
 */
export class AdminTokenThrottle {
  private readonly options: AdminTokenThrottleOptions;
  /** Failure times per address, oldest first; the Map's order is the order of last failure. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: Partial<AdminTokenThrottleOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** How many addresses are remembered. */
  get size(): number {
    return this.failures.size;
  }

  /** Whole seconds until `address` may try a token again; 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.options.limit) return 0;
    const oldest = recent[recent.length - this.options.limit] ?? 0;
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.options.now()) / 1000));
  }

  /** Notes a wrong token from `address`. */
  recordFailure(address: string): void {
    const now = this.options.now();
    this.forgetQuiet(now);
    const recent = [...this.recent(address), now].slice(-this.options.limit);
    this.failures.delete(address);
    this.failures.set(address, recent);
    if (this.failures.size > this.options.maxAddresses) {
      const quietest = this.failures.keys().next().value;
      if (quietest !== undefined) this.failures.delete(quietest);
    }
  }

  /** `address` gave the right token: its earlier mistakes no longer count. */
  recordSuccess(address: string): void {
    this.failures.delete(address);
  }

  /** The failures of `address` still inside the window. */
  private recent(address: string): number[] {
    const since = this.options.now() - this.options.windowMs;
    return (this.failures.get(address) ?? []).filter((at) => at > since);
  }

  /** Drops addresses whose last failure has left the window (they are at the Map's front). */
  private forgetQuiet(now: number): void {
    for (const [address, times] of this.failures) {
      if ((times[times.length - 1] ?? 0) > now - this.options.windowMs) return;
      this.failures.delete(address);
    }
  }
}
