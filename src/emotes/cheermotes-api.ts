/**
 * The JSON of `GET /api/twitch/cheermotes`, shared by the server and the widgets (which are
 * checked against these types). Types only: the widgets import nothing at run time from here.
 */

// A whole number: `number` to TypeScript, "integer" in the schemas (scripts/json-schemas.mjs).
/** @asType integer */
type Integer = number;

/** A cheermote image's URL at each scale Twitch draws it (`1`, `1.5`, `2`, `3`, `4`). */
export type CheermoteImagesByScale = Record<string, string>;

/** A tier's images on one background: animated (GIF) and static (PNG). */
export interface CheermoteThemeImages {
  animated: CheermoteImagesByScale;
  static: CheermoteImagesByScale;
}

/** One tier of a cheermote: from how many Bits it shows, its colour and its images. */
export interface CheermoteTier {
  /**
   * The fewest Bits in one cheermote word that show this tier.
   * @minimum 1
   */
  min_bits: Integer;
  /**
   * The colour Twitch shows the amount in.
   * @pattern ^#[0-9A-Fa-f]{6}$
   */
  color: string;
  /** Images for a dark and a light background. */
  images: { dark: CheermoteThemeImages; light: CheermoteThemeImages };
}

/** A cheermote of the channel (Twitch's global ones and the channel's own). */
export interface Cheermote {
  /**
   * What a viewer types before the amount (`Cheer` in `Cheer100`); matched in any case.
   * @pattern ^[A-Za-z0-9]{1,40}$
   */
  prefix: string;
  /** Its tiers, lowest first. */
  tiers: CheermoteTier[];
}

/**
 * `GET /api/twitch/cheermotes`: what the widgets need to draw emotes and cheermotes in viewers'
 * messages.
 * @example {"emoteBaseUrl": "https://static-cdn.jtvnw.net/emoticons/v2", "cheermotes": [], "updatedAt": null}
 */
export interface CheermotesResponse {
  /**
   * Where Twitch emote images are loaded from (`EMOTE_CDN_URL`; the demo's simulator in demo
   * mode unless it is set): `<base>/<id>/<format>/<theme>/<scale>`.
   */
  emoteBaseUrl: string;
  /** The channel's cheermotes from Helix, as last read; empty before the first good read. */
  cheermotes: Cheermote[];
  /** When they were read (ISO 8601); null before the first good read. */
  updatedAt: string | null;
}
