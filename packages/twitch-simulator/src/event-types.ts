/**
 * The EventSub subscription types the simulator serves (and `npm run trigger` can trigger). The
 * simulator's own list: it stands in for Twitch and does not depend on what any client listens to.
 */
export const SIMULATED_EVENT_TYPES = [
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.gift',
  'channel.cheer',
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
  'channel.subscription.message',
  'channel.bits.use',
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

/** One of the EventSub subscription types the simulator serves. */
export type SimulatedEventType = (typeof SIMULATED_EVENT_TYPES)[number];

/** Whether a string names one of the simulated event types. */
export function isSimulatedEventType(value: string): value is SimulatedEventType {
  return (SIMULATED_EVENT_TYPES as readonly string[]).includes(value);
}
