/** Cancels a timer set with a `Clock`; calling it again, or after the timer fired, does nothing. */
export type CancelTimer = () => void;

/** Time as the EventSub supervision sees it: injected, so its tests drive it with fake timers. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `ms`. */
  setTimeout(callback: () => void, ms: number): CancelTimer;
  /** Runs `callback` every `ms`. */
  setInterval(callback: () => void, ms: number): CancelTimer;
}

/**
 * The real clock. Its timers never keep the process alive (shutdown must not wait for a watchdog),
 * and it looks the global timer functions up on every call, so Jest's modern fake timers
 * (`jest.useFakeTimers()`, which also fake `Date.now`) drive it too.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = globalThis.setTimeout(callback, ms);
    timer.unref?.();
    return () => globalThis.clearTimeout(timer);
  },
  setInterval(callback, ms) {
    const timer = globalThis.setInterval(callback, ms);
    timer.unref?.();
    return () => globalThis.clearInterval(timer);
  },
};
