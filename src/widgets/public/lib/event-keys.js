// @ts-check

/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * The short name of each event type, used in query options (`text.follow=…`) and CSS classes.
 * @type {Readonly<Record<TwitchEventType, string>>}
 */
export const EVENT_KEYS = {
  'channel.follow': 'follow',
  'channel.subscribe': 'sub',
  'channel.subscription.message': 'resub',
  'channel.subscription.gift': 'gift',
  'channel.cheer': 'cheer',
  'channel.bits.use': 'bits',
  'channel.raid': 'raid',
  'stream.online': 'online',
  'stream.offline': 'offline',
  'channel.channel_points_custom_reward_redemption.add': 'redemption',
  'channel.hype_train.begin': 'hypetrain',
  'channel.hype_train.progress': 'hypetrain-level',
  'channel.hype_train.end': 'hypetrain-end',
  'channel.goal.begin': 'goal-begin',
  'channel.goal.progress': 'goal-progress',
  'channel.goal.end': 'goal-end',
  'channel.poll.begin': 'poll-begin',
  'channel.poll.progress': 'poll-progress',
  'channel.poll.end': 'poll-end',
  'channel.prediction.begin': 'prediction-begin',
  'channel.prediction.progress': 'prediction-progress',
  'channel.prediction.lock': 'prediction-lock',
  'channel.prediction.end': 'prediction-end',
  'channel.ad_break.begin': 'adbreak',
  'channel.shoutout.create': 'shoutout',
  'channel.shoutout.receive': 'shoutout-received',
  'channel.charity_campaign.donate': 'donation',
  'channel.charity_campaign.start': 'charity-start',
  'channel.charity_campaign.progress': 'charity-progress',
  'channel.charity_campaign.stop': 'charity-end',
  'channel.chat.message': 'chat',
  'channel.chat.message_delete': 'chat-delete',
  'channel.chat.clear_user_messages': 'chat-clear-user',
  'channel.chat.clear': 'chat-clear',
  'channel.chat.notification': 'chat-notice',
};
