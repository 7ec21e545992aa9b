import { Inject, Injectable, Optional } from '@nestjs/common';
import { systemClock, type Clock } from '../eventsub/clock.js';
import { CATALOG_CLOCK, RefreshableCatalog } from '../helix-catalogs/refreshable-catalog.js';
import { TwitchSession, type ActiveTwitchSession } from '../twitch/twitch-session.js';
import type { ChatBadgeImage } from './chat-api.js';
import { ChatBadgeReader } from './helix-chat-badge-reader.js';

/**
 * Badges change now and then (a channel uploads new subscriber badges): read them again this
 * often, two Helix calls an hour.
 */
export const CHAT_BADGE_REFRESH_MS = 60 * 60 * 1000;

/**
 * The chat badges (Twitch's and the channel's), read from Helix when a Twitch session starts and
 * every hour while it lasts, the last good read kept; and the channel they are of.
 */
@Injectable()
export class ChatBadgeCatalog extends RefreshableCatalog<ChatBadgeImage> {
  constructor(
    twitch: TwitchSession,
    private readonly reader: ChatBadgeReader,
    @Optional() @Inject(CATALOG_CLOCK) clock: Clock = systemClock,
  ) {
    super(twitch, clock, {
      what: 'chat badges',
      withoutAny: 'chat boxes show badges as text',
      refreshMs: CHAT_BADGE_REFRESH_MS,
    });
  }

  /** The broadcaster's Twitch user id while a session is open, else null. */
  get channelId(): string | null {
    return this.activeSession?.broadcaster.id ?? null;
  }

  protected read(session: ActiveTwitchSession): Promise<ChatBadgeImage[]> {
    return this.reader.read(session);
  }
}
