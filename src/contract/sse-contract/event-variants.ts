import type { TwitchEventMessage } from './event-message.js';

/*
 * `{type:"event"}` narrowed to one event type: what the JSON Schemas name one by one
 * (`/api/schemas/event.channel.follow.json`, …).
 */

/** `{type:"event","event":"channel.follow"}` */
export type ChannelFollowMessage = TwitchEventMessage<'channel.follow'>;
/** `{type:"event","event":"channel.subscribe"}` */
export type ChannelSubscribeMessage = TwitchEventMessage<'channel.subscribe'>;
/** `{type:"event","event":"channel.subscription.gift"}` */
export type ChannelSubscriptionGiftMessage = TwitchEventMessage<'channel.subscription.gift'>;
/** `{type:"event","event":"channel.cheer"}` */
export type ChannelCheerMessage = TwitchEventMessage<'channel.cheer'>;
/** `{type:"event","event":"channel.raid"}` */
export type ChannelRaidMessage = TwitchEventMessage<'channel.raid'>;
/** `{type:"event","event":"stream.online"}` */
export type StreamOnlineMessage = TwitchEventMessage<'stream.online'>;
/** `{type:"event","event":"stream.offline"}` */
export type StreamOfflineMessage = TwitchEventMessage<'stream.offline'>;
/** `{type:"event","event":"channel.channel_points_custom_reward_redemption.add"}` */
export type ChannelPointsRedemptionAddMessage =
  TwitchEventMessage<'channel.channel_points_custom_reward_redemption.add'>;
/** `{type:"event","event":"channel.hype_train.begin"}` */
export type HypeTrainBeginMessage = TwitchEventMessage<'channel.hype_train.begin'>;
/** `{type:"event","event":"channel.hype_train.progress"}` */
export type HypeTrainProgressMessage = TwitchEventMessage<'channel.hype_train.progress'>;
/** `{type:"event","event":"channel.hype_train.end"}` */
export type HypeTrainEndMessage = TwitchEventMessage<'channel.hype_train.end'>;
/** `{type:"event","event":"channel.goal.begin"}` */
export type ChannelGoalBeginMessage = TwitchEventMessage<'channel.goal.begin'>;
/** `{type:"event","event":"channel.goal.progress"}` */
export type ChannelGoalProgressMessage = TwitchEventMessage<'channel.goal.progress'>;
/** `{type:"event","event":"channel.goal.end"}` */
export type ChannelGoalEndMessage = TwitchEventMessage<'channel.goal.end'>;
/** `{type:"event","event":"channel.poll.begin"}` */
export type ChannelPollBeginMessage = TwitchEventMessage<'channel.poll.begin'>;
/** `{type:"event","event":"channel.poll.progress"}` */
export type ChannelPollProgressMessage = TwitchEventMessage<'channel.poll.progress'>;
/** `{type:"event","event":"channel.poll.end"}` */
export type ChannelPollEndMessage = TwitchEventMessage<'channel.poll.end'>;
/** `{type:"event","event":"channel.prediction.begin"}` */
export type ChannelPredictionBeginMessage = TwitchEventMessage<'channel.prediction.begin'>;
/** `{type:"event","event":"channel.prediction.progress"}` */
export type ChannelPredictionProgressMessage = TwitchEventMessage<'channel.prediction.progress'>;
/** `{type:"event","event":"channel.prediction.lock"}` */
export type ChannelPredictionLockMessage = TwitchEventMessage<'channel.prediction.lock'>;
/** `{type:"event","event":"channel.prediction.end"}` */
export type ChannelPredictionEndMessage = TwitchEventMessage<'channel.prediction.end'>;
/** `{type:"event","event":"channel.subscription.message"}` */
export type ChannelSubscriptionMessageMessage = TwitchEventMessage<'channel.subscription.message'>;
/** `{type:"event","event":"channel.bits.use"}` */
export type ChannelBitsUseMessage = TwitchEventMessage<'channel.bits.use'>;
/** `{type:"event","event":"channel.ad_break.begin"}` */
export type ChannelAdBreakBeginMessage = TwitchEventMessage<'channel.ad_break.begin'>;
/** `{type:"event","event":"channel.shoutout.create"}` */
export type ChannelShoutoutCreateMessage = TwitchEventMessage<'channel.shoutout.create'>;
/** `{type:"event","event":"channel.shoutout.receive"}` */
export type ChannelShoutoutReceiveMessage = TwitchEventMessage<'channel.shoutout.receive'>;
/** `{type:"event","event":"channel.charity_campaign.donate"}` */
export type CharityDonationMessage = TwitchEventMessage<'channel.charity_campaign.donate'>;
/** `{type:"event","event":"channel.charity_campaign.start"}` */
export type CharityCampaignStartMessage = TwitchEventMessage<'channel.charity_campaign.start'>;
/** `{type:"event","event":"channel.charity_campaign.progress"}` */
export type CharityCampaignProgressMessage =
  TwitchEventMessage<'channel.charity_campaign.progress'>;
/** `{type:"event","event":"channel.charity_campaign.stop"}` */
export type CharityCampaignStopMessage = TwitchEventMessage<'channel.charity_campaign.stop'>;
/** `{type:"event","event":"channel.chat.message"}` */
export type ChannelChatMessageMessage = TwitchEventMessage<'channel.chat.message'>;
/** `{type:"event","event":"channel.chat.message_delete"}` */
export type ChannelChatMessageDeleteMessage = TwitchEventMessage<'channel.chat.message_delete'>;
/** `{type:"event","event":"channel.chat.clear_user_messages"}` */
export type ChannelChatClearUserMessagesMessage =
  TwitchEventMessage<'channel.chat.clear_user_messages'>;
/** `{type:"event","event":"channel.chat.clear"}` */
export type ChannelChatClearMessage = TwitchEventMessage<'channel.chat.clear'>;
/** `{type:"event","event":"channel.chat.notification"}` */
export type ChannelChatNotificationMessage = TwitchEventMessage<'channel.chat.notification'>;

/** Any `{type:"event"}`, with the event object of its type. */
export type AnyTwitchEventMessage =
  | ChannelFollowMessage
  | ChannelSubscribeMessage
  | ChannelSubscriptionGiftMessage
  | ChannelCheerMessage
  | ChannelRaidMessage
  | StreamOnlineMessage
  | StreamOfflineMessage
  | ChannelPointsRedemptionAddMessage
  | HypeTrainBeginMessage
  | HypeTrainProgressMessage
  | HypeTrainEndMessage
  | ChannelGoalBeginMessage
  | ChannelGoalProgressMessage
  | ChannelGoalEndMessage
  | ChannelPollBeginMessage
  | ChannelPollProgressMessage
  | ChannelPollEndMessage
  | ChannelPredictionBeginMessage
  | ChannelPredictionProgressMessage
  | ChannelPredictionLockMessage
  | ChannelPredictionEndMessage
  | ChannelSubscriptionMessageMessage
  | ChannelBitsUseMessage
  | ChannelAdBreakBeginMessage
  | ChannelShoutoutCreateMessage
  | ChannelShoutoutReceiveMessage
  | CharityDonationMessage
  | CharityCampaignStartMessage
  | CharityCampaignProgressMessage
  | CharityCampaignStopMessage
  | ChannelChatMessageMessage
  | ChannelChatMessageDeleteMessage
  | ChannelChatClearUserMessagesMessage
  | ChannelChatClearMessage
  | ChannelChatNotificationMessage;
