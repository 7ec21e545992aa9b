import type { TwitchEventType } from '../contract/twitch-events.js';
import {
  BITS_POLL_SCOPE,
  FOLLOWERS_LIST_SCOPE,
  SUBSCRIPTIONS_POLL_SCOPE,
} from '../twitch/required-scopes.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import { LEADERBOARD_SIZE, type HelixGapReader } from './helix-gap-reader.js';
import type { RecoveryState } from './recovery-state.js';

/** An event Twitch never delivered live, rebuilt in EventSub's shape from what Helix tells. */
export interface RecoveredEvent {
  readonly type: TwitchEventType;
  readonly data: Record<string, unknown>;
}

/** What a look at Helix after a gap found, and the state to keep for the next one. */
export interface Reconciliation {
  readonly events: RecoveredEvent[];
  /** What could not be recovered (always raids; more without a scope or before a baseline). */
  readonly missing: string[];
  readonly state: RecoveryState;
}

/**
 * Compares what Helix says now with what the service knew before a gap, and rebuilds the events
 * the gap swallowed:
 * - follows: the followers list, newest first, back to the gap's start (`followed_at`);
 * - subs: the subscribers list against the subscribers known before (new ones only);
 * - cheers: the all-time bits leaderboard against the totals known before, one cheer per user with
 *   the difference (messages and anonymous cheers cannot be recovered);
 * - online/offline: the stream now against whether it was live.
 * Without a gap (`gapStart` null: the first look) it only takes a baseline. Raids leave no trace
 * in Helix: they are always reported missing.
 */
export async function reconcileGap(
  reader: HelixGapReader,
  session: ActiveTwitchSession,
  gapStart: Date | null,
  known: RecoveryState,
): Promise<Reconciliation> {
  const broadcaster = {
    broadcaster_user_id: session.broadcaster.id,
    broadcaster_user_login: session.broadcaster.login,
    broadcaster_user_name: session.broadcaster.displayName,
  };
  const can = (scope: string) => session.scopes.includes(scope);
  const events: RecoveredEvent[] = [];
  const missing = ['channel.raid'];
  const state: RecoveryState = { ...known };

  const stream = await reader.stream(session);
  if (known.live !== null && known.live !== (stream !== null)) {
    events.push(
      stream
        ? {
            type: 'stream.online',
            data: { id: stream.id, ...broadcaster, type: 'live', started_at: stream.started_at },
          }
        : { type: 'stream.offline', data: { ...broadcaster } },
    );
  }
  state.live = stream !== null;

  if (!can(FOLLOWERS_LIST_SCOPE)) {
    missing.push(`channel.follow (needs the scope ${FOLLOWERS_LIST_SCOPE})`);
  } else if (gapStart) {
    // Twitch's `followed_at` has whole seconds: look from the second before the gap's start (a
    // follow delivered live in that second is a repeat the de-duplication drops).
    const since = new Date(Math.floor(gapStart.getTime() / 1000) * 1000 - 1000);
    const followers = await reader.followersSince(session, since);
    for (const follower of followers.reverse()) {
      events.push({ type: 'channel.follow', data: { ...follower, ...broadcaster } });
    }
  }

  if (can(SUBSCRIPTIONS_POLL_SCOPE)) {
    const subscribers = (await reader.subscribers(session)).filter(
      (subscriber) => subscriber.user_id !== session.broadcaster.id,
    );
    if (known.subscribers) {
      const before = new Set(known.subscribers);
      for (const subscriber of subscribers) {
        if (before.has(subscriber.user_id)) continue;
        events.push({
          type: 'channel.subscribe',
          data: {
            user_id: subscriber.user_id,
            user_login: subscriber.user_login,
            user_name: subscriber.user_name,
            ...broadcaster,
            tier: subscriber.tier,
            is_gift: subscriber.is_gift,
          },
        });
      }
    }
    state.subscribers = subscribers.map((subscriber) => subscriber.user_id);
    missing.push('channel.subscription.gift (gifted subs are recovered one by one)');
  } else {
    missing.push(`channel.subscribe (needs the scope ${SUBSCRIPTIONS_POLL_SCOPE})`);
  }

  if (can(BITS_POLL_SCOPE)) {
    const board = await reader.bitsLeaderboard(session);
    if (known.bits) {
      for (const entry of board.entries) {
        const before = known.bits[entry.user_id] ?? (known.bitsComplete ? 0 : undefined);
        if (before === undefined || entry.score <= before) continue;
        events.push({
          type: 'channel.cheer',
          data: {
            is_anonymous: false,
            user_id: entry.user_id,
            user_login: entry.user_login,
            user_name: entry.user_name,
            ...broadcaster,
            message: '',
            bits: entry.score - before,
          },
        });
      }
    }
    state.bits = Object.fromEntries(board.entries.map((entry) => [entry.user_id, entry.score]));
    state.bitsComplete = board.entries.length < LEADERBOARD_SIZE;
    missing.push('cheer messages and anonymous cheers (only bits per viewer are recovered)');
  } else {
    missing.push(`channel.cheer (needs the scope ${BITS_POLL_SCOPE})`);
  }
  return { events, missing, state };
}
