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
  // Twitch keeps no chat history to ask for: what was said during a gap is gone, and nothing is
  // made up in its place. Moderation of that time is lost too, so a message deleted in the gap
  // still shows where it was shown before.
  'channel.chat.message': 'chat messages (channel.chat.message: Twitch keeps no chat history)',
  'channel.chat.message_delete':
    'deleted chat messages (channel.chat.message_delete: a message deleted meanwhile still shows in chat boxes)',
  'channel.chat.clear_user_messages':
    'timeouts and bans (channel.chat.clear_user_messages: their messages still show in chat boxes)',
  'channel.chat.clear': 'cleared chat (channel.chat.clear)',
  'channel.chat.notification':
    'chat notices: announcements, watch streaks, Prime on subs (channel.chat.notification)',
};

/** What an EventSub gap loses for good among `subscribed`, in words for the streamer. */
export function lostInAGap(subscribed: readonly TwitchEventType[]): string[] {
  return subscribed.flatMap((type) => NOT_IN_HELIX[type] ?? []);
}
