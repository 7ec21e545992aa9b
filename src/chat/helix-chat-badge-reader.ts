import { Injectable } from '@nestjs/common';
import { getRawData } from '@twurple/common';
import { isHttpUrl } from '../helix-catalogs/http-url.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import type { ChatBadgeImage } from './chat-api.js';

/** Reads the chat badges; the catalog's tests swap in a fake. */
export abstract class ChatBadgeReader {
  /** Twitch's global badges and the broadcaster's own, one per set and id (the channel's first). */
  abstract read(session: ActiveTwitchSession): Promise<ChatBadgeImage[]>;
}

const BADGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A badge set as Helix sends it (Twurple's raw data). */
interface HelixBadgeSet {
  set_id?: unknown;
  versions?: unknown;
}

/**
 * Helix Get Global Chat Badges and Get Channel Chat Badges, through Twurple's `ApiClient`. Only
 * what is safe to hand to a browser is kept: set and version ids of letters, digits, `_` and
 * `-`, titles as text, and http(s) image URLs; a version that does not fit is left out. Where
 * the channel has a version of its own (its subscriber badges), it replaces Twitch's.
 */
@Injectable()
export class HelixChatBadgeReader extends ChatBadgeReader {
  async read(session: ActiveTwitchSession): Promise<ChatBadgeImage[]> {
    const { apiClient, userId, broadcaster } = session;
    const [global, channel] = await apiClient.asUser(userId, (ctx) =>
      Promise.all([ctx.chat.getGlobalBadges(), ctx.chat.getChannelBadges(broadcaster.id)]),
    );
    const byKey = new Map<string, ChatBadgeImage>();
    for (const set of [...global, ...channel]) {
      for (const badge of badgesOf(getRawData(set) as HelixBadgeSet)) {
        byKey.set(`${badge.set_id}/${badge.id}`, badge);
      }
    }
    return [...byKey.values()];
  }
}

function badgesOf(set: HelixBadgeSet): ChatBadgeImage[] {
  if (typeof set.set_id !== 'string' || !BADGE_ID.test(set.set_id)) return [];
  const setId = set.set_id;
  const versions = Array.isArray(set.versions) ? (set.versions as Record<string, unknown>[]) : [];
  return versions.flatMap((version) => {
    const urls = [version.image_url_1x, version.image_url_2x, version.image_url_4x];
    if (typeof version.id !== 'string' || !BADGE_ID.test(version.id)) return [];
    if (!urls.every(isHttpUrl)) return [];
    const [x1, x2, x4] = urls as string[];
    return [
      {
        set_id: setId,
        id: version.id,
        title: typeof version.title === 'string' ? version.title.slice(0, 100) : setId,
        image_url_1x: x1,
        image_url_2x: x2,
        image_url_4x: x4,
      },
    ];
  });
}
