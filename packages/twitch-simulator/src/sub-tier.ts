/** Sub tiers as Twitch writes them. */
export type SubTier = '1000' | '2000' | '3000';

/** Sub points per tier, as Helix `/subscriptions` counts them. */
export const SUB_POINTS: Readonly<Record<SubTier, number>> = { '1000': 1, '2000': 2, '3000': 6 };
