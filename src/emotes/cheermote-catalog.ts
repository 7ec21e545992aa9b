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
import type { Cheermote } from './cheermotes-api.js';
import { CheermoteReader } from './helix-cheermote-reader.js';

/** The catalog's clock (tests inject a fake one). */
export const CHEERMOTE_CLOCK = Symbol('CheermoteClock');

/** Cheermotes change rarely (a channel adds its own now and then): read them again this often. */
export const CHEERMOTE_REFRESH_MS = 6 * 60 * 60 * 1000;
/** After a failed read, try again this soon (the last good list is served meanwhile). */
export const CHEERMOTE_RETRY_MS = 5 * 60 * 1000;

/** The cheermotes as last read, and when. */
export interface CheermoteSnapshot {
  readonly cheermotes: readonly Cheermote[];
  /** Null before the first good read. */
  readonly updatedAt: Date | null;
}

/**
 * The channel's cheermotes, read from Helix when a Twitch session starts and every few hours
 * while it lasts. A read that fails keeps the last good list (and is logged once until one
 * succeeds again); an instance without a session (standby, signed out) serves what it has.
 */
@Injectable()
export class CheermoteCatalog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CheermoteCatalog');
  private snapshot: CheermoteSnapshot = { cheermotes: [], updatedAt: null };
  private session: ActiveTwitchSession | null = null;
  private cancelTimer: CancelTimer | null = null;
  private failing = false;
  private subscription: Subscription | null = null;

  constructor(
    private readonly twitch: TwitchSession,
    private readonly reader: CheermoteReader,
    @Optional() @Inject(CHEERMOTE_CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  /** The cheermotes now. */
  get current(): CheermoteSnapshot {
    return this.snapshot;
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

  /** Reads the cheermotes now, then plans the next read. */
  private async refresh(session: ActiveTwitchSession): Promise<void> {
    let next = CHEERMOTE_REFRESH_MS;
    try {
      const cheermotes = await this.reader.read(session);
      if (session !== this.session) return; // the session ended while Helix answered
      this.snapshot = { cheermotes, updatedAt: new Date(this.clock.now()) };
      if (this.failing) this.logger.log(`Cheermotes read again (${cheermotes.length}).`);
      this.failing = false;
    } catch (error) {
      if (session !== this.session) return;
      next = CHEERMOTE_RETRY_MS;
      if (!this.failing) {
        this.logger.warn(
          `Cannot read the cheermotes (${describeTwitchError(error)}); ${
            this.snapshot.updatedAt ? 'the last ones read are kept' : 'cheers show as text'
          }, trying again every ${CHEERMOTE_RETRY_MS / 60_000} minutes.`,
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
