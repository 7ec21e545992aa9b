import {
  isLeaderboardPeriod,
  LEADERBOARD_PERIODS,
  leaderboardWindow,
  periodHolding,
  rankCheerers,
} from './bits-leaderboard.js';
import type { ChannelDirectory } from './channel-directory.js';
import { badgeSetsJson, CHANNEL_BADGE_SETS, GLOBAL_BADGE_SETS } from './chat-badges.js';
import { cheermotesJson } from './cheermotes.js';
import type { ChannelState, Subscriber } from './channel-state.js';
import { paginateByPosition, paginateNewestFirst } from './helix-pagination.js';
import type { HelixRequestGate } from './helix-request-gate.js';
import { TwitchHttpError, type HttpExchange } from './http-exchange.js';
import { ANONYMOUS_GIFTER } from './simulator-constants.js';
import type { AccessTokenInfo } from './token-store.js';
import { avatarPath } from './image-routes.js';
import { helixTime } from './twitch-time.js';
import type { SimulatedUser, UserDirectory } from './user-directory.js';

/** RFC 3339 as Helix takes it: a date, a time, optional fractions, and `Z` or an offset. */
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

/**
 * The Helix endpoints the service reads, under `/mock/<endpoint>` (Twurple's mock layout):
 * `users`, `channels`, `streams`, `channels/followers`, `subscriptions`, `bits/leaderboard`, `bits/cheermotes`,
 * `goals`, `charity/campaigns`, `chat/badges` and `chat/badges/global`, answered from the channel state. Each request costs one point of the rate-limit bucket, as these do on Helix.
 */
export class HelixRoutes {
  constructor(
    private readonly gate: HelixRequestGate,
    private readonly users: UserDirectory,
    private readonly channels: ChannelDirectory,
    /** The channel clock, for the bits leaderboard's current period. */
    private readonly now: () => number = Date.now,
    /** `http://localhost:PORT`, where the simulator serves the images answers point at. */
    private readonly imageBase: () => string = () => 'http://localhost',
  ) {}

  /** Answers `GET /mock/<endpoint>`. */
  async handle(exchange: HttpExchange, endpoint: string): Promise<void> {
    const token = await this.gate.admit(exchange, endpoint);
    if (exchange.method !== 'GET') throw new TwitchHttpError(405, 'Method Not Allowed');
    const query = exchange.url.searchParams;
    switch (endpoint) {
      case 'users':
        return exchange.sendJson(200, {
          data: this.usersFor(query, token).map((user) => userJson(user, this.imageBase())),
        });
      case 'channels':
        return exchange.sendJson(200, { data: this.channelInfo(query).map(channelJson) });
      case 'streams': {
        const page = paginateByPosition(this.liveStreams(query), query);
        return exchange.sendJson(200, {
          data: page.items.map(streamJson),
          pagination: page.pagination,
        });
      }
      case 'channels/followers':
        return exchange.sendJson(200, this.followers(query, token));
      case 'subscriptions':
        return exchange.sendJson(200, this.subscriptions(query, token));
      case 'bits/leaderboard':
        return exchange.sendJson(200, this.bitsLeaderboard(query, token));
      case 'goals':
        return exchange.sendJson(200, this.goals(query, token));
      case 'bits/cheermotes':
        // Any token will do; the simulator has no channel cheermotes, so broadcaster_id changes nothing.
        return exchange.sendJson(200, { data: cheermotesJson(this.imageBase()) });
      case 'chat/badges/global':
        return exchange.sendJson(200, { data: badgeSetsJson(GLOBAL_BADGE_SETS, this.imageBase()) });
      case 'chat/badges': {
        // Any token will do. Only affiliates and partners have badges of their own; others, none.
        const channel = this.channelFor(query);
        const own = channel.broadcaster.broadcasterType === '' ? [] : CHANNEL_BADGE_SETS;
        return exchange.sendJson(200, { data: badgeSetsJson(own, this.imageBase()) });
      }
      case 'charity/campaigns': {
        const channel = this.channelFor(query);
        requireBroadcasterToken(channel, token, 'channel:read:charity');
        const campaign = channel.charity;
        return exchange.sendJson(200, {
          data: campaign ? [campaign.helixJson(channel.broadcaster)] : [],
          pagination: {},
        });
      }
      default:
        throw new TwitchHttpError(404, `The simulator does not serve /helix/${endpoint}`);
    }
  }

  private usersFor(query: URLSearchParams, token: AccessTokenInfo): SimulatedUser[] {
    const ids = query.getAll('id');
    const logins = query.getAll('login');
    if (ids.length + logins.length > 100) {
      throw new TwitchHttpError(
        400,
        'The total number of id and login parameters must not exceed 100',
      );
    }
    if (ids.length + logins.length === 0) {
      if (token.userId === null)
        throw new TwitchHttpError(400, 'Must provide an ID, Login or OAuth Token');
      return [this.users.findById(token.userId)].filter(isDefined);
    }
    const found = [
      ...ids.map((id) => this.users.findById(id)),
      ...logins.map((login) => this.users.findByLogin(login)),
    ].filter(isDefined);
    return [...new Set(found)];
  }

  /** `GET /helix/channels`: Get Channel Information (any token); unknown ids are left out, as on Helix. */
  private channelInfo(query: URLSearchParams): ChannelState[] {
    const ids = query.getAll('broadcaster_id');
    if (ids.length === 0)
      throw new TwitchHttpError(400, 'Missing required parameter "broadcaster_id"');
    if (ids.length > 100) {
      throw new TwitchHttpError(400, 'The number of broadcaster_id parameters must not exceed 100');
    }
    const users = [...new Set(ids.map((id) => this.users.findById(id)).filter(isDefined))];
    return users.map((user) => this.channels.of(user));
  }

  private liveStreams(query: URLSearchParams): ChannelState[] {
    const ids = query.getAll('user_id');
    const logins = query.getAll('user_login').map((login) => login.toLowerCase());
    const type = query.get('type') ?? 'all';
    if (!['all', 'live'].includes(type))
      throw new TwitchHttpError(400, 'The type parameter must be all or live');
    return this.channels
      .all()
      .filter((channel) => channel.stream !== null)
      .filter(
        (channel) =>
          (ids.length === 0 && logins.length === 0) ||
          ids.includes(channel.broadcaster.id) ||
          logins.includes(channel.broadcaster.login),
      )
      .sort((a, b) => b.viewerCount - a.viewerCount);
  }

  private followers(query: URLSearchParams, token: AccessTokenInfo): Record<string, unknown> {
    const channel = this.channelFor(query);
    requireUserToken(token);
    // Without the scope (or as someone else) Helix still answers with the total, and no list.
    const maySeeList =
      token.scopes.includes('moderator:read:followers') && token.userId === channel.broadcaster.id;
    const userIds = query.getAll('user_id');
    const followers = channel
      .followersNewestFirst()
      .filter((follower) => userIds.length === 0 || userIds.includes(follower.user.id));
    const page = paginateNewestFirst(maySeeList ? followers : [], query);
    return {
      total: channel.followerCount,
      data: page.items.map((follower) => ({
        user_id: follower.user.id,
        user_login: follower.user.login,
        user_name: follower.user.displayName,
        followed_at: helixTime(follower.followedAt),
      })),
      pagination: page.pagination,
    };
  }

  /** `GET /helix/goals`: the creator goals running now (the broadcaster's own token, `channel:read:goals`). */
  private goals(query: URLSearchParams, token: AccessTokenInfo): Record<string, unknown> {
    const channel = this.channelFor(query);
    requireBroadcasterToken(channel, token, 'channel:read:goals');
    const { broadcaster } = channel;
    return {
      data: [...channel.goals.values()].map((goal) => ({
        id: goal.id,
        broadcaster_id: broadcaster.id,
        broadcaster_name: broadcaster.displayName,
        broadcaster_login: broadcaster.login,
        type: goal.type,
        description: goal.description,
        current_amount: goal.currentAmount,
        target_amount: goal.targetAmount,
        created_at: helixTime(goal.startedAt),
      })),
    };
  }

  private subscriptions(query: URLSearchParams, token: AccessTokenInfo): Record<string, unknown> {
    const channel = this.channelFor(query);
    requireBroadcasterToken(channel, token, 'channel:read:subscriptions');
    const userIds = query.getAll('user_id');
    const subscribers = channel
      .subscribersNewestFirst()
      .filter((sub) => userIds.length === 0 || userIds.includes(sub.user.id));
    const page = paginateNewestFirst(subscribers, query);
    return {
      data: page.items.map((sub) => subscriptionJson(channel.broadcaster, sub)),
      pagination: page.pagination,
      total: channel.subscriberCount,
      points: channel.subPoints,
    };
  }

  /**
   * The token's own channel's leaderboard (Helix takes no broadcaster_id here), with `bits:read`.
   * `date_range` holds the period only when `started_at` picks one; otherwise both are empty
   * strings, as Twitch documents.
   */
  private bitsLeaderboard(query: URLSearchParams, token: AccessTokenInfo): Record<string, unknown> {
    requireUserToken(token);
    if (!token.scopes.includes('bits:read')) {
      throw new TwitchHttpError(401, 'Missing scope: bits:read');
    }
    const rawCount = query.get('count');
    const count = rawCount === null ? 10 : Number(rawCount);
    if (rawCount === '' || !Number.isInteger(count) || count < 1 || count > 100) {
      throw new TwitchHttpError(400, 'The parameter "count" must be a whole number from 1 to 100');
    }
    const period = query.get('period') ?? 'all';
    if (!isLeaderboardPeriod(period)) {
      throw new TwitchHttpError(
        400,
        `The parameter "period" must be one of ${LEADERBOARD_PERIODS.join(', ')}`,
      );
    }
    const startedAt = query.get('started_at');
    if (
      startedAt !== null &&
      !(RFC3339.test(startedAt) && Number.isFinite(Date.parse(startedAt)))
    ) {
      throw new TwitchHttpError(
        400,
        'The parameter "started_at" must be an RFC3339 date and time (URL-encode a + offset)',
      );
    }
    const broadcaster = this.users.findById(token.userId ?? '');
    if (!broadcaster) throw new TwitchHttpError(400, "The token's user is not a channel");
    const within = periodHolding(
      period,
      startedAt === null ? new Date(this.now()) : new Date(startedAt),
    );
    const ranked = rankCheerers(this.channels.of(broadcaster).cheers(), within);
    const rows = leaderboardWindow(ranked, count, query.get('user_id'));
    const shown = startedAt !== null && within !== null;
    return {
      data: rows.map((row) => ({
        user_id: row.user.id,
        user_login: row.user.login,
        user_name: row.user.displayName,
        rank: row.rank,
        score: row.score,
      })),
      date_range: {
        started_at: shown ? helixTime(within.start) : '',
        ended_at: shown ? helixTime(within.end) : '',
      },
      total: rows.length,
    };
  }

  private channelFor(query: URLSearchParams): ChannelState {
    const id = query.get('broadcaster_id');
    if (!id) throw new TwitchHttpError(400, 'Missing required parameter "broadcaster_id"');
    const broadcaster = this.users.findById(id);
    if (!broadcaster) throw new TwitchHttpError(400, `Invalid broadcaster_id: ${id}`);
    return this.channels.of(broadcaster);
  }
}

function requireUserToken(token: AccessTokenInfo): void {
  if (token.userId === null)
    throw new TwitchHttpError(401, 'This endpoint needs a user access token');
}

/** The channel's own broadcaster's user token, with `scope`: what Helix asks of its private reads. */
function requireBroadcasterToken(
  channel: { readonly broadcaster: { readonly id: string } },
  token: AccessTokenInfo,
  scope: string,
): void {
  requireUserToken(token);
  if (token.userId !== channel.broadcaster.id) {
    throw new TwitchHttpError(
      401,
      "The ID in broadcaster_id must match the user ID found in the request's OAuth token",
    );
  }
  if (!token.scopes.includes(scope)) throw new TwitchHttpError(401, `Missing scope: ${scope}`);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** A Helix user, its profile image under `imageBase` (served by the simulator: tests have no network). */
function userJson(user: SimulatedUser, imageBase: string): Record<string, unknown> {
  return {
    id: user.id,
    login: user.login,
    display_name: user.displayName,
    type: '',
    broadcaster_type: user.broadcasterType,
    description: '',
    profile_image_url: `${imageBase}${avatarPath(user.login)}`,
    offline_image_url: '',
    view_count: 0,
    created_at: user.createdAt,
  };
}

function channelJson(channel: ChannelState): Record<string, unknown> {
  const { broadcaster } = channel;
  return {
    broadcaster_id: broadcaster.id,
    broadcaster_login: broadcaster.login,
    broadcaster_name: broadcaster.displayName,
    broadcaster_language: channel.language,
    game_id: channel.gameId,
    game_name: channel.gameName,
    title: channel.title,
    delay: 0,
    tags: channel.tags,
    content_classification_labels: [],
    is_branded_content: false,
  };
}

function streamJson(channel: ChannelState): Record<string, unknown> {
  const { broadcaster, stream } = channel;
  return {
    id: stream?.id,
    user_id: broadcaster.id,
    user_login: broadcaster.login,
    user_name: broadcaster.displayName,
    game_id: channel.gameId,
    game_name: channel.gameName,
    type: 'live',
    title: channel.title,
    tags: channel.tags,
    viewer_count: channel.viewerCount,
    started_at: stream ? helixTime(stream.startedAt) : null,
    language: channel.language,
    thumbnail_url: `https://static-cdn.jtvnw.net/previews-ttv/live_user_${broadcaster.login}-{width}x{height}.jpg`,
    tag_ids: [],
    is_mature: false,
  };
}

function subscriptionJson(broadcaster: SimulatedUser, sub: Subscriber): Record<string, unknown> {
  const gifter = sub.anonymousGift ? ANONYMOUS_GIFTER : sub.gifter;
  return {
    broadcaster_id: broadcaster.id,
    broadcaster_login: broadcaster.login,
    broadcaster_name: broadcaster.displayName,
    gifter_id: gifter?.id ?? '',
    gifter_login: gifter?.login ?? '',
    gifter_name: gifter?.displayName ?? '',
    is_gift: sub.isGift,
    plan_name: `Channel Subscription (${broadcaster.login})`,
    tier: sub.tier,
    user_id: sub.user.id,
    user_name: sub.user.displayName,
    user_login: sub.user.login,
  };
}
