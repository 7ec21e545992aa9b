import { systemClock, type Clock } from '../eventsub/clock.js';
import type { ChannelProfile } from './channel-profile.js';
import { NoTwitchSessionError, type ChannelProfileSource } from './channel-profile-source.js';

/** How long a profile is kept: avatars and last games change rarely, shoutouts repeat. */
export const PROFILE_TTL_MS = 10 * 60_000;
/** How long "Twitch knows no such user" is kept. */
export const UNKNOWN_TTL_MS = 60_000;
/** How long a failed read is answered with its error before Helix is asked again. */
export const FAILURE_TTL_MS = 10_000;
/** The most ids kept; the oldest go first (ids come from shoutouts, so this is rarely reached). */
export const MAX_PROFILES = 500;

type Outcome = { profile: ChannelProfile | null } | { error: unknown };

/**
 * Channel profiles by id, read from a `ChannelProfileSource` at most once per id at a time (callers
 * asking while a read runs share it) and kept for a while, failures included: the route that asks
 * is public, and no number of requests may turn into more Helix calls than one per id and TTL.
 */
export class ChannelProfileCache {
  private readonly kept = new Map<string, { outcome: Outcome; until: number }>();
  private readonly inFlight = new Map<string, Promise<ChannelProfile | null>>();

  constructor(
    private readonly source: ChannelProfileSource,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  /** The profile of channel `id` (null: no such user), from the cache or one read of the source. */
  get(id: string): Promise<ChannelProfile | null> {
    const now = this.clock.now();
    const entry = this.kept.get(id);
    if (entry && entry.until > now) {
      return 'error' in entry.outcome
        ? Promise.reject(entry.outcome.error)
        : Promise.resolve(entry.outcome.profile);
    }
    const running = this.inFlight.get(id);
    if (running) return running;
    const read = this.source.read(id).then(
      (profile) => {
        this.keep(id, { profile }, profile ? PROFILE_TTL_MS : UNKNOWN_TTL_MS);
        return profile;
      },
      (error: unknown) => {
        // Without a session no Helix call was made: ask again as soon as one is there.
        if (!(error instanceof NoTwitchSessionError)) this.keep(id, { error }, FAILURE_TTL_MS);
        throw error;
      },
    );
    const settled = read.finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, settled);
    return settled;
  }

  private keep(id: string, outcome: Outcome, ttlMs: number): void {
    const now = this.clock.now();
    this.kept.delete(id); // re-inserted last: the Map's order is the age order
    this.kept.set(id, { outcome, until: now + ttlMs });
    for (const [key, entry] of this.kept) {
      if (this.kept.size <= MAX_PROFILES && entry.until > now) break;
      this.kept.delete(key);
    }
  }
}
