import type { TwitchEventType } from './twitch-events.js';

/**
 * What the streamer reads for each event type: one list for the server (its log lines) and the
 * browser (the dashboard, the widgets, which get it from `/widgets/lib/contract.js`), so the
 * same event is never called two things.
 */

/** A short name for each type: the dashboard's test buttons, filters and the URL builder. */
export const EVENT_LABELS = {
  'channel.follow': 'Follow',
  'channel.subscribe': 'Sub',
  'channel.subscription.message': 'Resub',
  'channel.subscription.gift': 'Gift subs',
  'channel.cheer': 'Cheer',
  'channel.bits.use': 'Bits',
  'channel.raid': 'Raid',
  'stream.online': 'Stream online',
  'stream.offline': 'Stream offline',
  'channel.channel_points_custom_reward_redemption.add': 'Redemption',
  'channel.hype_train.begin': 'Hype train start',
  'channel.hype_train.progress': 'Hype train level-up',
  'channel.hype_train.end': 'Hype train end',
  'channel.goal.begin': 'Goal start',
  'channel.goal.progress': 'Goal progress',
  'channel.goal.end': 'Goal end',
  'channel.poll.begin': 'Poll start',
  'channel.poll.progress': 'Poll votes',
  'channel.poll.end': 'Poll end',
  'channel.prediction.begin': 'Prediction start',
  'channel.prediction.progress': 'Prediction points',
  'channel.prediction.lock': 'Prediction lock',
  'channel.prediction.end': 'Prediction end',
  'channel.ad_break.begin': 'Ad break',
  'channel.shoutout.create': 'Shoutout given',
  'channel.shoutout.receive': 'Shoutout received',
  'channel.charity_campaign.donate': 'Charity donation',
  'channel.charity_campaign.start': 'Charity start',
  'channel.charity_campaign.progress': 'Charity progress',
  'channel.charity_campaign.stop': 'Charity end',
  'channel.chat.message': 'Chat message',
  'channel.chat.message_delete': 'Chat message deleted',
  'channel.chat.clear_user_messages': 'Chat user cleared',
  'channel.chat.clear': 'Chat cleared',
  'channel.chat.notification': 'Chat notice',
} as const satisfies Record<TwitchEventType, string>;

/** How a count of each type reads, one and many: "1 follow", "3 follows". */
export const EVENT_NOUNS = {
  'channel.follow': ['follow', 'follows'],
  'channel.subscribe': ['sub', 'subs'],
  'channel.subscription.message': ['resub', 'resubs'],
  'channel.subscription.gift': ['gift', 'gifts'],
  'channel.cheer': ['cheer', 'cheers'],
  'channel.bits.use': ['use of Bits', 'uses of Bits'],
  'channel.raid': ['raid', 'raids'],
  'stream.online': ['stream start', 'stream starts'],
  'stream.offline': ['stream end', 'stream ends'],
  'channel.channel_points_custom_reward_redemption.add': ['redemption', 'redemptions'],
  'channel.hype_train.begin': ['hype train start', 'hype train starts'],
  'channel.hype_train.progress': ['hype train level-up', 'hype train level-ups'],
  'channel.hype_train.end': ['hype train end', 'hype train ends'],
  'channel.goal.begin': ['goal start', 'goal starts'],
  'channel.goal.progress': ['goal progress', 'goal progresses'],
  'channel.goal.end': ['goal end', 'goal ends'],
  'channel.poll.begin': ['poll start', 'poll starts'],
  'channel.poll.progress': ['poll update', 'poll updates'],
  'channel.poll.end': ['poll end', 'poll ends'],
  'channel.prediction.begin': ['prediction start', 'prediction starts'],
  'channel.prediction.progress': ['prediction update', 'prediction updates'],
  'channel.prediction.lock': ['prediction lock', 'prediction locks'],
  'channel.prediction.end': ['prediction end', 'prediction ends'],
  'channel.ad_break.begin': ['ad break', 'ad breaks'],
  'channel.shoutout.create': ['shoutout given', 'shoutouts given'],
  'channel.shoutout.receive': ['shoutout received', 'shoutouts received'],
  'channel.charity_campaign.donate': ['charity donation', 'charity donations'],
  'channel.charity_campaign.start': ['charity campaign start', 'charity campaign starts'],
  'channel.charity_campaign.progress': ['charity campaign update', 'charity campaign updates'],
  'channel.charity_campaign.stop': ['charity campaign end', 'charity campaign ends'],
  'channel.chat.message': ['chat message', 'chat messages'],
  'channel.chat.message_delete': ['deleted chat message', 'deleted chat messages'],
  'channel.chat.clear_user_messages': ['timeout or ban', 'timeouts and bans'],
  'channel.chat.clear': ['chat clear', 'chat clears'],
  'channel.chat.notification': ['chat notice', 'chat notices'],
} as const satisfies Record<TwitchEventType, readonly [string, string]>;

/** What each kind of creator goal (`type` of the goal events) is called when it has no description. */
export const GOAL_NAMES: Readonly<Record<string, string>> = {
  follower: 'Follower goal',
  subscription: 'Sub goal',
  subscription_count: 'Sub goal',
  new_subscription: 'New sub goal',
  new_subscription_count: 'New sub goal',
  new_bit: 'Bits goal',
  new_cheerer: 'New cheerer goal',
};
