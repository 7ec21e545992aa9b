import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { CancelTimer, Clock } from '../eventsub/clock.js';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import type { ActiveTwitchSession, TwitchSession } from '../twitch/twitch-session.js';

/** A catalog's clock (tests inject a fake one); a catalog without one uses the system's. */
export const CATALOG_CLOCK = Symbol('CatalogClock');

/** After a failed read, try again this soon (the last good list is served meanwhile). */
export const CATALOG_RETRY_MS = 5 * 60 * 1000;

/** A catalog's list as last read, and when. */
export interface CatalogSnapshot<T> {
  readonly items: readonly T[];
  /** Null before the first good read. */
  readonly updatedAt: Date | null;
}

/** What a catalog is called in its logs, and how often it reads. */
export interface CatalogSettings {
  /** What it holds, in a sentence: `chat badges`, `cheermotes`. */
  readonly what: string;
  /** What the widgets do while nothing has been read yet, for the warning. */
  readonly withoutAny: string;
  /** How long a good read lasts before the next. */
  readonly refreshMs: number;
}

/**
 * A list read from Helix when a Twitch session starts and every `refreshMs` while it lasts, for a
 * route to serve from memory (so no number of widgets makes more Helix calls). A read that fails
 * keeps the last good list (logged once until one succeeds again) and is tried again after
 * `CATALOG_RETRY_MS`; an instance without a session (standby, signed out) serves what it has.
 * A subclass says what to read; its reader checks what it hands on.
 */
export abstract class RefreshableCatalog<T>
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(this.constructor.name);
  private snapshot: CatalogSnapshot<T> = { items: [], updatedAt: null };
  private session: ActiveTwitchSession | null = null;
  private cancelTimer: CancelTimer | null = null;
  private failing = false;
  private subscription: Subscription | null = null;

  protected constructor(
    private readonly twitch: TwitchSession,
    private readonly clock: Clock,
    private readonly settings: CatalogSettings,
  ) {}

  /** The list now. */
  get current(): CatalogSnapshot<T> {
    return this.snapshot;
  }

  /** The Twitch session reads are made in, while one is open. */
  protected get activeSession(): ActiveTwitchSession | null {
    return this.session;
  }

  /** Reads the list from Helix, checked. */
  protected abstract read(session: ActiveTwitchSession): Promise<readonly T[]>;

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

  /** Reads the list now, then plans the next read. */
  private async refresh(session: ActiveTwitchSession): Promise<void> {
    const { what, withoutAny, refreshMs } = this.settings;
    let next = refreshMs;
    try {
      const items = await this.read(session);
      if (session !== this.session) return; // the session ended while Helix answered
      this.snapshot = { items, updatedAt: new Date(this.clock.now()) };
      if (this.failing) this.logger.log(`${capitalized(what)} read again (${items.length}).`);
      this.failing = false;
    } catch (error) {
      if (session !== this.session) return;
      next = CATALOG_RETRY_MS;
      if (!this.failing) {
        this.logger.warn(
          `Cannot read the ${what} (${describeTwitchError(error)}); ${
            this.snapshot.updatedAt ? 'the last ones read are kept' : withoutAny
          }, trying again every ${CATALOG_RETRY_MS / 60_000} minutes.`,
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

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
