import { Injectable } from '@nestjs/common';
import { getRawData } from '@twurple/common';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';

/** A follower as Helix lists it (`/channels/followers`, newest first). */
export interface FollowerRecord {
  user_id: string;
  user_login: string;
  user_name: string;
  followed_at: string;
}

/** A subscriber as Helix lists it (`/subscriptions`). */
export interface SubscriberRecord {
  user_id: string;
  user_login: string;
  user_name: string;
  tier: string;
  is_gift: boolean;
  gifter_id: string | null;
  gifter_login: string | null;
  gifter_name: string | null;
}

/** A user's place on the bits leaderboard. */
export interface BitsRecord {
  user_id: string;
  user_login: string;
  user_name: string;
  score: number;
}

/** The stream as Helix shows it (`/streams`), or null when offline. */
export interface StreamRecord {
  id: string;
  started_at: string;
}

/** How many leaderboard places Helix gives at most. */
export const LEADERBOARD_SIZE = 100;

/**
 * What the gap recovery asks Helix, through Twurple as the broadcaster: a small wrapper, so the
 * reconciliation logic is tested with a fake. Lists page only as far as asked.
 */
@Injectable()
export class HelixGapReader {
  /** Followers who followed at or after `since`, newest first (pages stop there). */
  async followersSince(session: ActiveTwitchSession, since: Date): Promise<FollowerRecord[]> {
    return session.apiClient.asUser(session.userId, async (ctx) => {
      const pages = ctx.channels.getChannelFollowersPaginated(session.broadcaster.id);
      const found: FollowerRecord[] = [];
      for (;;) {
        const page = await pages.getNext();
        if (page.length === 0) return found;
        for (const follower of page) {
          if (follower.followDate < since) return found;
          found.push(getRawData(follower) as unknown as FollowerRecord);
        }
      }
    });
  }

  /** Every subscriber (all pages: Helix lists them in no useful order). */
  async subscribers(session: ActiveTwitchSession): Promise<SubscriberRecord[]> {
    return session.apiClient.asUser(session.userId, async (ctx) => {
      const all = await ctx.subscriptions
        .getSubscriptionsPaginated(session.broadcaster.id)
        .getAll();
      return all.map((subscription) => getRawData(subscription) as unknown as SubscriberRecord);
    });
  }

  /** The all-time bits leaderboard (its top places). */
  async bitsLeaderboard(
    session: ActiveTwitchSession,
  ): Promise<{ entries: BitsRecord[]; total: number }> {
    return session.apiClient.asUser(session.userId, async (ctx) => {
      const board = await ctx.bits.getLeaderboard(session.broadcaster.id, {
        count: LEADERBOARD_SIZE,
        period: 'all',
      });
      return {
        entries: board.entries.map((entry) => getRawData(entry) as unknown as BitsRecord),
        total: board.totalCount,
      };
    });
  }

  /** The live stream, or null. */
  async stream(session: ActiveTwitchSession): Promise<StreamRecord | null> {
    return session.apiClient.asUser(session.userId, async (ctx) => {
      const stream = await ctx.streams.getStreamByUserId(session.broadcaster.id);
      return stream ? (getRawData(stream) as unknown as StreamRecord) : null;
    });
  }
}
