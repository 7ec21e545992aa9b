/**
 * The simulator's cheermotes: Twitch's global `Cheer` with its five tiers and their colours.
 * Image URLs follow the layout of Twitch's cheermote CDN under the simulator's own address, which
 * serves a small image for each (tests have no network).
 */

/** A cheermote tier: from how many Bits it shows, and its colour. */
export interface CheermoteTier {
  readonly minBits: number;
  readonly color: string;
}

/** The prefixes the simulator knows (one: Twitch's global `Cheer`). */
export const CHEERMOTE_PREFIXES = ['Cheer'] as const;

/** `Cheer`'s tiers, lowest first (Twitch's thresholds and colours). */
export const CHEER_TIERS: readonly CheermoteTier[] = [
  { minBits: 1, color: '#979797' },
  { minBits: 100, color: '#9c3ee8' },
  { minBits: 1000, color: '#1db2a5' },
  { minBits: 5000, color: '#0099fe' },
  { minBits: 10000, color: '#f43021' },
];

/** The tier a cheer of `bits` shows (its `min_bits`). */
export function cheerTier(bits: number): number {
  let tier = CHEER_TIERS[0].minBits;
  for (const candidate of CHEER_TIERS) if (bits >= candidate.minBits) tier = candidate.minBits;
  return tier;
}

/** A cheermote word (`Cheer100`, any case) as prefix and Bits, or undefined for any other word. */
export function parseCheermote(word: string): { prefix: string; bits: number } | undefined {
  const match = /^(cheer)(\d{1,7})$/i.exec(word);
  if (!match) return undefined;
  const bits = Number(match[2]);
  return bits > 0 ? { prefix: match[1].toLowerCase(), bits } : undefined;
}

const SCALES = ['1', '1.5', '2', '3', '4'] as const;

/** Helix `GET /bits/cheermotes` `data`, with image URLs under `imageBase`. */
export function cheermotesJson(imageBase: string): Array<Record<string, unknown>> {
  return CHEERMOTE_PREFIXES.map((prefix, index) => ({
    prefix,
    tiers: CHEER_TIERS.map((tier) => ({
      min_bits: tier.minBits,
      id: String(tier.minBits),
      color: tier.color,
      images: {
        dark: themeImages(imageBase, prefix, 'dark', tier.minBits),
        light: themeImages(imageBase, prefix, 'light', tier.minBits),
      },
      can_cheer: true,
      show_in_bits_card: true,
    })),
    type: 'global_first_party',
    order: index + 1,
    last_updated: '2018-05-22T00:06:04Z',
    is_charitable: false,
  }));
}

function themeImages(
  base: string,
  prefix: string,
  theme: string,
  tier: number,
): Record<string, Record<string, string>> {
  const sizes = (kind: 'animated' | 'static', extension: string) =>
    Object.fromEntries(
      SCALES.map((scale) => [
        scale,
        `${base}/actions/${prefix.toLowerCase()}/${theme}/${kind}/${tier}/${scale}.${extension}`,
      ]),
    );
  return { animated: sizes('animated', 'gif'), static: sizes('static', 'png') };
}
