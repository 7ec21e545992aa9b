/**
 * Helix `/bits/leaderboard`'s arithmetic: which cheers fall in a period, and who ranks where.
 *
 * Twitch cuts periods at midnight Pacific time; the simulator cuts them at midnight UTC, so that a
 * test's expectations do not depend on daylight saving time. Otherwise as Twitch documents: `day`
 * is the day of `started_at`, `week` the week (Monday to Monday) holding it, `month` and `year`
 * likewise; without `started_at`, the period holding now; `all` is every cheer ever.
 */
import type { SimulatedUser } from './user-directory.js';

/** One cheer in a channel; `user` is null for an anonymous cheer, which counts for nobody. */
export interface Cheer {
  readonly user: SimulatedUser | null;
  readonly bits: number;
  readonly at: Date;
}

/** The periods Helix aggregates over. */
export const LEADERBOARD_PERIODS = ['day', 'week', 'month', 'year', 'all'] as const;

/** A period of the bits leaderboard. */
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** Whether `value` is a period Helix knows. */
export function isLeaderboardPeriod(value: string): value is LeaderboardPeriod {
  return (LEADERBOARD_PERIODS as readonly string[]).includes(value);
}

/** A half-open span of time: from `start` (included) to `end` (excluded). */
export interface TimeSpan {
  readonly start: Date;
  readonly end: Date;
}

/** The UTC day, week (from Monday), month or year holding `moment`; null for `all`, which has no bounds. */
export function periodHolding(period: LeaderboardPeriod, moment: Date): TimeSpan | null {
  const year = moment.getUTCFullYear();
  const month = moment.getUTCMonth();
  const day = moment.getUTCDate();
  switch (period) {
    case 'all':
      return null;
    case 'day':
      return span(Date.UTC(year, month, day), Date.UTC(year, month, day + 1));
    case 'week': {
      const sinceMonday = (moment.getUTCDay() + 6) % 7;
      return span(
        Date.UTC(year, month, day - sinceMonday),
        Date.UTC(year, month, day - sinceMonday + 7),
      );
    }
    case 'month':
      return span(Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1));
    case 'year':
      return span(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1));
  }
}

function span(start: number, end: number): TimeSpan {
  return { start: new Date(start), end: new Date(end) };
}

/** One row of the leaderboard. */
export interface LeaderboardEntry {
  readonly user: SimulatedUser;
  /** 1 for the top cheerer; every row has its own rank. */
  readonly rank: number;
  /** Bits cheered in the period. */
  readonly score: number;
}

/**
 * Everyone who cheered with their name in `within` (every cheer when null), most bits first; of two
 * with the same score, whoever got there first (their last cheer in the period is older) ranks higher.
 */
export function rankCheerers(
  cheers: readonly Cheer[],
  within: TimeSpan | null,
): LeaderboardEntry[] {
  const totals = new Map<string, { user: SimulatedUser; score: number; reachedAt: number }>();
  for (const cheer of cheers) {
    if (cheer.user === null) continue;
    const at = cheer.at.getTime();
    if (within && (at < within.start.getTime() || at >= within.end.getTime())) continue;
    const total = totals.get(cheer.user.id) ?? { user: cheer.user, score: 0, reachedAt: at };
    total.score += cheer.bits;
    total.reachedAt = Math.max(total.reachedAt, at);
    totals.set(cheer.user.id, total);
  }
  return [...totals.values()]
    .sort(
      (a, b) =>
        b.score - a.score || a.reachedAt - b.reachedAt || a.user.id.localeCompare(b.user.id),
    )
    .map((total, index) => ({ user: total.user, rank: index + 1, score: total.score }));
}

/**
 * At most `count` rows: the top ones, or (with `userId`) the rows around that user, them included,
 * as Helix answers `user_id`; none when that user has no row.
 */
export function leaderboardWindow(
  ranked: readonly LeaderboardEntry[],
  count: number,
  userId: string | null,
): LeaderboardEntry[] {
  if (userId === null) return ranked.slice(0, count);
  const index = ranked.findIndex((entry) => entry.user.id === userId);
  if (index < 0) return [];
  const start = Math.max(0, Math.min(index - Math.floor((count - 1) / 2), ranked.length - count));
  return ranked.slice(start, start + count);
}
