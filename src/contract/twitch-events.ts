/** The EventSub subscription types this service can listen to, in the order the README lists them. */
export const TWITCH_EVENT_TYPES = [
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.message',
  'channel.subscription.gift',
  'channel.cheer',
  'channel.bits.use',
  'channel.raid',
  'stream.online',
  'stream.offline',
  'channel.channel_points_custom_reward_redemption.add',
  'channel.hype_train.begin',
  'channel.hype_train.progress',
  'channel.hype_train.end',
  'channel.goal.begin',
  'channel.goal.progress',
  'channel.goal.end',
  'channel.poll.begin',
  'channel.poll.progress',
  'channel.poll.end',
  'channel.prediction.begin',
  'channel.prediction.progress',
  'channel.prediction.lock',
  'channel.prediction.end',
  'channel.ad_break.begin',
  'channel.shoutout.create',
  'channel.shoutout.receive',
  'channel.charity_campaign.donate',
  'channel.charity_campaign.start',
  'channel.charity_campaign.progress',
  'channel.charity_campaign.stop',
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
  'channel.chat.notification',
] as const;

/** One of the EventSub subscription types the service can listen to. */
export type TwitchEventType = (typeof TWITCH_EVENT_TYPES)[number];

/** Whether a string names one of the event types. */
export function isTwitchEventType(value: string): value is TwitchEventType {
  return (TWITCH_EVENT_TYPES as readonly string[]).includes(value);
}
