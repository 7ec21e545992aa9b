import { Injectable } from '@nestjs/common';
import { SUBSCRIPTIONS_POLL_SCOPE } from '../twitch/required-scopes.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';

/** One poll's worth of channel numbers. */
export interface ChannelReading {
  live: boolean;
  viewers: number;
  title?: string;
  game?: string;
  startedAt: string | null;
  followers: number;
  /** Null when the token lacks `channel:read:subscriptions`. */
  subs: number | null;
  subPoints: number | null;
}

/**
 * Reads the channel's numbers from Helix through Twurple's `ApiClient`: `/streams`,
 * `/channels/followers` (the total needs no scope) and `/subscriptions` — at most three requests,
 * made in parallel, all as the broadcaster.
 */
@Injectable()
export class HelixChannelReader {
  async read(session: ActiveTwitchSession): Promise<ChannelReading> {
    const { apiClient, userId, broadcaster, scopes } = session;
    const canReadSubs = scopes.includes(SUBSCRIPTIONS_POLL_SCOPE);
    const [stream, followers, subscriptions] = await apiClient.asUser(userId, (ctx) =>
      Promise.all([
        ctx.streams.getStreamByUserId(broadcaster.id),
        ctx.channels.getChannelFollowerCount(broadcaster.id),
        canReadSubs
          ? ctx.subscriptions.getSubscriptions(broadcaster.id, { limit: 1 })
          : Promise.resolve(null),
      ]),
    );
    return {
      live: stream !== null,
      viewers: stream?.viewers ?? 0,
      ...(stream ? { title: stream.title, game: stream.gameName } : {}),
      startedAt: stream?.startDate.toISOString() ?? null,
      followers,
      subs: subscriptions?.total ?? null,
      subPoints: subscriptions?.points ?? null,
    };
  }
}
