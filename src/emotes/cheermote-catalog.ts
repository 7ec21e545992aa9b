import { Inject, Injectable, Optional } from '@nestjs/common';
import { systemClock, type Clock } from '../eventsub/clock.js';
import { CATALOG_CLOCK, RefreshableCatalog } from '../helix-catalogs/refreshable-catalog.js';
import { TwitchSession, type ActiveTwitchSession } from '../twitch/twitch-session.js';
import type { Cheermote } from './cheermotes-api.js';
import { CheermoteReader } from './helix-cheermote-reader.js';

/** Cheermotes change rarely (a channel adds its own now and then): read them again this often. */
export const CHEERMOTE_REFRESH_MS = 6 * 60 * 60 * 1000;

/**
 * The channel's cheermotes, read from Helix when a Twitch session starts and every few hours
 * while it lasts, the last good list kept.
 */
@Injectable()
export class CheermoteCatalog extends RefreshableCatalog<Cheermote> {
  constructor(
    twitch: TwitchSession,
    private readonly reader: CheermoteReader,
    @Optional() @Inject(CATALOG_CLOCK) clock: Clock = systemClock,
  ) {
    super(twitch, clock, {
      what: 'cheermotes',
      withoutAny: 'cheers show as text',
      refreshMs: CHEERMOTE_REFRESH_MS,
    });
  }

  protected read(session: ActiveTwitchSession): Promise<Cheermote[]> {
    return this.reader.read(session);
  }
}
