import type { TwitchEventType } from '../../twitch-events.js';
import type { Integer } from '../integer.js';

/**
 * How much time each thing adds to the subathon timer, and its limits. Every time is in seconds,
 * at most 31,622,400 (366 days).
 */
export interface SubathonSettings {
  /**
   * Seconds on the clock after a reset.
   * @minimum 0
   * @maximum 31622400
   */
  startSeconds: number;
  /**
   * Seconds a Tier 1 (or Prime) sub adds.
   * @minimum 0
   * @maximum 31622400
   */
  tier1Seconds: number;
  /**
   * Seconds a Tier 2 sub adds.
   * @minimum 0
   * @maximum 31622400
   */
  tier2Seconds: number;
  /**
   * Seconds a Tier 3 sub adds.
   * @minimum 0
   * @maximum 31622400
   */
  tier3Seconds: number;
  /**
   * Seconds each gifted sub adds; null: as much as a sub of its tier.
   * @minimum 0
   * @maximum 31622400
   */
  giftedSubSeconds: number | null;
  /**
   * Seconds a resub adds; null: as much as a sub of its tier.
   * @minimum 0
   * @maximum 31622400
   */
  resubSeconds?: number | null;
  /**
   * Seconds 100 bits add (a cheer of 250 bits adds two and a half times this).
   * @minimum 0
   * @maximum 31622400
   */
  per100BitsSeconds: number;
  /**
   * Seconds a follow adds; 0: follows add nothing.
   * @minimum 0
   * @maximum 31622400
   */
  followSeconds: number;
  /**
   * The longest the subathon may last in all (time run plus time left, pauses not counted),
   * in seconds; null: no cap. Time that would go past it is not added.
   * @minimum 1
   * @maximum 31622400
   */
  capSeconds: number | null;
}

/**
 * The timer's state: `idle` after a reset (events add nothing until it starts), `running`,
 * `paused` (events still add time), `ended` (it reached zero; events add nothing).
 */
export type SubathonState = 'idle' | 'running' | 'paused' | 'ended';

/** The last change of the time left: who added or took away how much. */
export interface SubathonChange {
  /** Milliseconds added (negative: taken away). */
  ms: Integer;
  /** `event`: a follow, sub, gift or cheer; `dashboard`: an admin's add or remove. */
  source: 'event' | 'dashboard';
  /** The event that added it, for `source: event`. */
  event?: TwitchEventType;
  /** Milliseconds the cap kept from being added. */
  cappedMs?: Integer;
  /**
   * ISO time of the change (tells one change from the next of the same size).
   * @format date-time
   */
  at: string;
}

/** The subathon timer, held by the service so every copy of the widget shows the same time. */
export interface SubathonData {
  state: SubathonState;
  /**
   * Milliseconds left at `at`. While running, what is left at any moment is `endsAt` minus now.
   * @minimum 0
   */
  remainingMs: Integer;
  /**
   * ISO time the timer reaches zero, while running; null otherwise.
   * @format date-time
   */
  endsAt: string | null;
  /**
   * Milliseconds it has run since the reset, at `at` (pauses not counted).
   * @minimum 0
   */
  elapsedMs: Integer;
  /**
   * ISO time of this reading.
   * @format date-time
   */
  at: string;
  /** True once the cap stops more time being added. */
  capped: boolean;
  /** The last change to the time left, if any since the reset. */
  lastChange?: SubathonChange | null;
  settings: SubathonSettings;
}

/** `{type:"subathon"}`: the subathon timer's state. State, like stats: sent on connect. */
export interface SubathonMessage {
  type: 'subathon';
  data: SubathonData;
}
