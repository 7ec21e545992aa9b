/**
 * The simulator's chat badges: a few of Twitch's global sets, and the default broadcaster's own
 * subscriber and Bits badges. Messages carry `{set_id, id, info}`; Helix Get Chat Badges lists the
 * sets with image URLs in the layout of Twitch's badge CDN, under the simulator's own address.
 */

/** A badge set and the versions it has. */
export interface BadgeSet {
  readonly setId: string;
  readonly versions: ReadonlyArray<{ readonly id: string; readonly title: string }>;
}

/** Twitch's global sets the simulator's chatters wear. */
export const GLOBAL_BADGE_SETS: readonly BadgeSet[] = [
  { setId: 'broadcaster', versions: [{ id: '1', title: 'Broadcaster' }] },
  { setId: 'moderator', versions: [{ id: '1', title: 'Moderator' }] },
  { setId: 'vip', versions: [{ id: '1', title: 'VIP' }] },
  { setId: 'premium', versions: [{ id: '1', title: 'Prime Gaming' }] },
  { setId: 'turbo', versions: [{ id: '1', title: 'Turbo' }] },
  { setId: 'partner', versions: [{ id: '1', title: 'Verified' }] },
  {
    setId: 'subscriber',
    versions: [
      { id: '0', title: 'Subscriber' },
      { id: '1', title: '1-Month Subscriber' },
    ],
  },
];

/** A channel's own sets: its subscriber badges by months and its Bits badges by Bits. */
export const CHANNEL_BADGE_SETS: readonly BadgeSet[] = [
  {
    setId: 'subscriber',
    versions: [
      { id: '0', title: 'Subscriber' },
      { id: '3', title: '3-Month Subscriber' },
      { id: '6', title: '6-Month Subscriber' },
      { id: '12', title: '1-Year Subscriber' },
    ],
  },
  {
    setId: 'bits',
    versions: [
      { id: '1', title: 'cheer 1' },
      { id: '100', title: 'cheer 100' },
      { id: '1000', title: 'cheer 1000' },
    ],
  },
];

/** The id part of a badge's CDN path (Twitch uses a UUID per version; the simulator, set and id). */
export function badgeImageId(setId: string, id: string): string {
  return `${setId}-${id}`;
}

/** Helix Get Chat Badges `data` for `sets`, with image URLs under `imageBase`. */
export function badgeSetsJson(
  sets: readonly BadgeSet[],
  imageBase: string,
): Array<Record<string, unknown>> {
  return sets.map((set) => ({
    set_id: set.setId,
    versions: set.versions.map((version) => {
      const base = `${imageBase}/badges/v1/${badgeImageId(set.setId, version.id)}`;
      return {
        id: version.id,
        image_url_1x: `${base}/1`,
        image_url_2x: `${base}/2`,
        image_url_4x: `${base}/3`,
        title: version.title,
        description: version.title,
        click_action: null,
        click_url: null,
      };
    }),
  }));
}

/** Whether the badge image `imageId` is one of the simulator's (global or channel). */
export function knownBadgeImage(imageId: string): boolean {
  return [...GLOBAL_BADGE_SETS, ...CHANNEL_BADGE_SETS].some((set) =>
    set.versions.some((version) => badgeImageId(set.setId, version.id) === imageId),
  );
}
