import type { DemoActivityKind } from './demo-timings.js';
import type { SimulatedEventType } from './event-types.js';
import type { SimulatedTrigger, TriggerResult } from './simulator-types.js';

/**
 * What the demo's parts (its viewers, chat, moments and sequences) use of the `DemoActivity`
 * that plays them: one source of chance, names and time, and one way to make something happen.
 */
export interface DemoStage {
  /** Triggers one happening, counted under `kind`; undefined when the simulator refused it. */
  trigger(
    kind: DemoActivityKind,
    type: SimulatedEventType,
    options: SimulatedTrigger,
  ): TriggerResult | undefined;
  /** A number in [0, 1). */
  random(): number;
  /** One of `items`. */
  pick<T>(items: readonly T[]): T;
  /** A whole number in [min, max]. */
  between(min: number, max: number): number;
  /** A viewer name not used before in this demo, so every follow is a new follower. */
  viewerName(): string;
  /** The simulator's clock, for Twitch's cooldowns. */
  now(): number;
  /** Runs `action` in `ms`, unless the demo has stopped by then. */
  after(ms: number, action: () => void): void;
}
