import { Injectable } from '@nestjs/common';
import { getRawData } from '@twurple/common';
import { isHttpUrl } from '../helix-catalogs/http-url.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import type { Cheermote, CheermoteThemeImages, CheermoteTier } from './cheermotes-api.js';

/** Reads the channel's cheermotes; the catalog's tests swap in a fake. */
export abstract class CheermoteReader {
  /** The broadcaster's cheermotes (global and the channel's own), as the widgets get them. */
  abstract read(session: ActiveTwitchSession): Promise<Cheermote[]>;
}

const PREFIX = /^[A-Za-z0-9]{1,40}$/;
const COLOR = /^#[0-9A-Fa-f]{6}$/;

/** Helix's tier as Twurple hands it over (its raw data). */
interface HelixTier {
  min_bits?: unknown;
  color?: unknown;
  images?: Record<string, Record<string, Record<string, unknown>> | undefined>;
}

/**
 * Helix `GET /bits/cheermotes` for the broadcaster, through Twurple's `ApiClient`. Only what is
 * safe to hand to a browser is kept: prefixes of letters and digits, `#rrggbb` colours and
 * http(s) image URLs; a tier or cheermote that does not fit is left out.
 */
@Injectable()
export class HelixCheermoteReader extends CheermoteReader {
  async read(session: ActiveTwitchSession): Promise<Cheermote[]> {
    const { apiClient, userId, broadcaster } = session;
    const list = await apiClient.asUser(userId, (ctx) => ctx.bits.getCheermotes(broadcaster.id));
    const raw = getRawData(list) as Record<string, { prefix?: unknown; tiers?: unknown }>;
    return Object.values(raw).flatMap((cheermote) => {
      if (typeof cheermote.prefix !== 'string' || !PREFIX.test(cheermote.prefix)) return [];
      const tiers = (Array.isArray(cheermote.tiers) ? (cheermote.tiers as HelixTier[]) : [])
        .map(tierOf)
        .filter((tier): tier is CheermoteTier => tier !== null)
        .sort((a, b) => a.min_bits - b.min_bits);
      return tiers.length > 0 ? [{ prefix: cheermote.prefix, tiers }] : [];
    });
  }
}

function tierOf(tier: HelixTier): CheermoteTier | null {
  const minBits = tier.min_bits;
  if (typeof minBits !== 'number' || !Number.isInteger(minBits) || minBits < 1) return null;
  if (typeof tier.color !== 'string' || !COLOR.test(tier.color)) return null;
  const dark = themeOf(tier.images?.dark);
  const light = themeOf(tier.images?.light);
  if (!dark || !light) return null;
  return { min_bits: minBits, color: tier.color, images: { dark, light } };
}

function themeOf(
  theme: Record<string, Record<string, unknown>> | undefined,
): CheermoteThemeImages | null {
  const animated = urlsOf(theme?.animated);
  const still = urlsOf(theme?.static);
  return animated && still ? { animated, static: still } : null;
}

/** The http(s) URLs by scale; null when there is none. */
function urlsOf(byScale: Record<string, unknown> | undefined): Record<string, string> | null {
  const urls = Object.entries(byScale ?? {}).filter(
    (entry): entry is [string, string] => /^\d(\.\d)?$/.test(entry[0]) && isHttpUrl(entry[1]),
  );
  return urls.length > 0 ? Object.fromEntries(urls) : null;
}
