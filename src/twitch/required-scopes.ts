import type { TwitchEventType } from '../contract/twitch-events.js';
import { scopeOf } from '../event-types/event-types.js';

/**
 * A scope that Twitch takes in place of a read scope: `channel:manage:polls` lets a token read
 * polls too. A token signed in elsewhere may carry only the manage scope.
 */
const ALSO_GRANTED_BY: Readonly<Record<string, string>> = {
  'channel:read:redemptions': 'channel:manage:redemptions',
  'channel:read:polls': 'channel:manage:polls',
  'channel:read:predictions': 'channel:manage:predictions',
  'moderator:read:shoutouts': 'moderator:manage:shoutouts',
};

/** The scope `/helix/subscriptions` needs (the sub total). `/streams` and the follower total need none. */
export const SUBSCRIPTIONS_POLL_SCOPE = 'channel:read:subscriptions';

/** The scope the followers list (who, and when) needs; without it Helix gives only the total. */
export const FOLLOWERS_LIST_SCOPE = 'moderator:read:followers';

/** The scope `/helix/bits/leaderboard` needs. */
export const BITS_POLL_SCOPE = 'bits:read';

/** Every scope the service asks for at sign-in, for the given event types. */
export function scopesFor(events: readonly TwitchEventType[]): string[] {
  const scopes = new Set<string>([SUBSCRIPTIONS_POLL_SCOPE]);
  for (const type of events) {
    const scope = scopeOf(type);
    if (scope) scopes.add(scope);
  }
  return [...scopes].sort();
}

/** The event types whose scope is missing from `granted`. */
export function eventsMissingScope(
  events: readonly TwitchEventType[],
  granted: readonly string[],
): TwitchEventType[] {
  return events.filter((type) => {
    const scope = scopeOf(type);
    if (scope === null || granted.includes(scope)) return false;
    const manage = ALSO_GRANTED_BY[scope];
    return manage === undefined || !granted.includes(manage);
  });
}
