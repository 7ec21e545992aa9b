/**
 * The JSON of the subathon timer's routes, shared by the server and the dashboard (which is
 * checked against these types). Types only.
 */
import type { SubathonData, SubathonSettings } from '../contract/sse-contract.js';

// A whole number: `number` to TypeScript, "integer" in the schemas (scripts/json-schemas.mjs).
/** @asType integer */
type Integer = number;

/**
 * `POST /api/admin/subathon/add` and `/remove` body: how much time.
 * @example {"seconds": 300}
 */
export interface SubathonTimeRequest {
  /**
   * Seconds to add or take away (fractions allowed).
   * @minimum 1
   * @maximum 31622400
   */
  seconds: number;
}

/**
 * `POST /api/admin/subathon/settings` body: the settings to change; the others stay as they are.
 * @example {"tier1Seconds": 120, "capSeconds": 86400}
 */
export type SubathonSettingsRequest = Partial<SubathonSettings>;

/** What an add or remove did, in milliseconds. */
export interface SubathonTimeChange {
  /** What was asked for. */
  requestedMs: Integer;
  /** What the time left changed by (negative for a remove). */
  addedMs: Integer;
  /** What the cap (or the clock's 366 days) kept out. */
  cappedMs: Integer;
}

/** The answer of every subathon admin route: the timer after the action. */
export interface SubathonActionResponse {
  subathon: SubathonData;
  /** For add and remove: what they did. */
  change?: SubathonTimeChange;
}
