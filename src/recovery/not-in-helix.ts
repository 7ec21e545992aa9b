import type { TwitchEventType } from '../contract/twitch-events.js';

/**
 * The subscribed types whose events Helix keeps no trace of, as a recovery's "may be missing"
 * names them (raids, always missing, are named by `reconcileGap`): an EventSub gap loses them.
 */
const NOT_IN_HELIX: Partial<Record<TwitchEventType, string>> = {
  'channel.subscription.message':
    'resubs (channel.subscription.message: Helix lists subscribers, not renewals)',
  'channel.bits.use':
    'Power-ups and Combos (channel.bits.use: Helix keeps only the Bits per viewer)',
  'channel.ad_break.begin': 'ad breaks (channel.ad_break.begin)',
  'channel.shoutout.create': 'shoutouts given (channel.shoutout.create)',
  'channel.shoutout.receive': 'shoutouts received (channel.shoutout.receive)',
  'channel.charity_campaign.donate': 'charity donations (channel.charity_campaign.donate)',
};

/** What an EventSub gap loses for good among `subscribed`, in words for the streamer. */
export function lostInAGap(subscribed: readonly TwitchEventType[]): string[] {
  return subscribed.flatMap((type) => NOT_IN_HELIX[type] ?? []);
}
