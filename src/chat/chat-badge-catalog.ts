import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { systemClock, type CancelTimer, type Clock } from '../eventsub/clock.js';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import { TwitchSession, type ActiveTwitchSession } from '../twitch/twitch-session.js';
import type { ChatBadgeImage } from './chat-api.js';
import { ChatBadgeReader } from './helix-chat-badge-reader.js';

/** The catalog's clock (tests inject a fake one). */
export const CHAT_BADGE_CLOCK = Symbol('ChatBadgeClock');

/**
 * Badges change now and then (a channel uploads new subscriber badges): read them again this
 * often, two Helix calls an hour.
 */
export const CHAT_BADGE_REFRESH_MS = 60 * 60 * 1000;
/** After a failed read, try again this soon (the last good badges are served meanwhile). */
export const CHAT_BADGE_RETRY_MS = 5 * 60 * 1000;

/** The badges as last read, and when. */
export interface ChatBadgeSnapshot {
  readonly badges: readonly ChatBadgeImage[];
  /** Null before the first good read. */
  readonly updatedAt: Date | null;
}

/**
 * The chat badges (Twitch's and the channel's), read from Helix when a Twitch session starts and
 * every hour while it lasts. The route serves what the catalog holds, so no number of chat boxes
 * makes more Helix calls. A read that fails keeps the last good badges (logged once until one
 * succeeds again); an instance without a session (standby, signed out) serves what it has.
 */
@Injectable()
export class ChatBadgeCatalog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChatBadgeCatalog');
  private snapshot: ChatBadgeSnapshot = { badges: [], updatedAt: null };
  private session: ActiveTwitchSession | null = null;
  private cancelTimer: CancelTimer | null = null;
  private failing = false;
  private subscription: Subscription | null = null;

  constructor(
    private readonly twitch: TwitchSession,
    private readonly reader: ChatBadgeReader,
    @Optional() @Inject(CHAT_BADGE_CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  /** The badges now. */
  get current(): ChatBadgeSnapshot {
    return this.snapshot;
  }

  /** The broadcaster's Twitch user id while a session is open, else null. */
  get channelId(): string | null {
    return this.session?.broadcaster.id ?? null;
  }

  onApplicationBootstrap(): void {
    this.subscription = this.twitch.state$.subscribe((state) => {
      const session = state.state === 'ok' ? state.session : null;
      if (session === this.session) return;
      this.session = session;
      this.cancel();
      if (session) void this.refresh(session);
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    this.session = null;
    this.cancel();
  }

  /** Reads the badges now, then plans the next read. */
  private async refresh(session: ActiveTwitchSession): Promise<void> {
    let next = CHAT_BADGE_REFRESH_MS;
    try {
      const badges = await this.reader.read(session);
      if (session !== this.session) return; // the session ended while Helix answered
      this.snapshot = { badges, updatedAt: new Date(this.clock.now()) };
      if (this.failing) this.logger.log(`Chat badges read again (${badges.length}).`);
      this.failing = false;
    } catch (error) {
      if (session !== this.session) return;
      next = CHAT_BADGE_RETRY_MS;
      if (!this.failing) {
        this.logger.warn(
          `Cannot read the chat badges (${describeTwitchError(error)}); ${
            this.snapshot.updatedAt
              ? 'the last ones read are kept'
              : 'chat boxes show badges as text'
          }, trying again every ${CHAT_BADGE_RETRY_MS / 60_000} minutes.`,
        );
      }
      this.failing = true;
    }
    this.cancel();
    this.cancelTimer = this.clock.setTimeout(() => void this.refresh(session), next);
  }

  private cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}
