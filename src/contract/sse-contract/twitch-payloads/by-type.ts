import type { ChannelBitsUseEvent } from './bits-use.js';
import type {
  ChannelAdBreakBeginEvent,
  ChannelShoutoutCreateEvent,
  ChannelShoutoutReceiveEvent,
} from './channel-moments.js';
import type {
  CharityDonationEvent,
  CharityCampaignStartEvent,
  CharityCampaignProgressEvent,
  CharityCampaignStopEvent,
} from './charity.js';
import type { ChannelPointsRedemptionAddEvent } from './channel-points.js';
import type {
  ChannelChatClearEvent,
  ChannelChatClearUserMessagesEvent,
  ChannelChatMessageDeleteEvent,
  ChannelChatMessageEvent,
  ChannelChatNotificationEvent,
} from './chat.js';
import type {
  ChannelGoalBeginEvent,
  ChannelGoalEndEvent,
  ChannelGoalProgressEvent,
} from './goal.js';
import type {
  HypeTrainBeginEvent,
  HypeTrainEndEvent,
  HypeTrainProgressEvent,
} from './hype-train.js';
import type {
  ChannelPollBeginEvent,
  ChannelPollEndEvent,
  ChannelPollProgressEvent,
} from './poll.js';
import type {
  ChannelPredictionBeginEvent,
  ChannelPredictionEndEvent,
  ChannelPredictionLockEvent,
  ChannelPredictionProgressEvent,
} from './prediction.js';
import type { StreamOfflineEvent, StreamOnlineEvent } from './stream.js';
import type {
  ChannelCheerEvent,
  ChannelFollowEvent,
  ChannelRaidEvent,
  ChannelSubscribeEvent,
  ChannelSubscriptionGiftEvent,
  ChannelSubscriptionMessageEvent,
} from './viewer-support.js';

/** The event object of each EventSub type, as Twitch sends it (snake_case; Twitch may add fields). */
export interface TwitchEventDataByType {
  'channel.follow': ChannelFollowEvent;
  'channel.subscribe': ChannelSubscribeEvent;
  'channel.subscription.message': ChannelSubscriptionMessageEvent;
  'channel.subscription.gift': ChannelSubscriptionGiftEvent;
  'channel.cheer': ChannelCheerEvent;
  'channel.bits.use': ChannelBitsUseEvent;
  'channel.raid': ChannelRaidEvent;
  'stream.online': StreamOnlineEvent;
  'stream.offline': StreamOfflineEvent;
  'channel.channel_points_custom_reward_redemption.add': ChannelPointsRedemptionAddEvent;
  'channel.hype_train.begin': HypeTrainBeginEvent;
  'channel.hype_train.progress': HypeTrainProgressEvent;
  'channel.hype_train.end': HypeTrainEndEvent;
  'channel.goal.begin': ChannelGoalBeginEvent;
  'channel.goal.progress': ChannelGoalProgressEvent;
  'channel.goal.end': ChannelGoalEndEvent;
  'channel.poll.begin': ChannelPollBeginEvent;
  'channel.poll.progress': ChannelPollProgressEvent;
  'channel.poll.end': ChannelPollEndEvent;
  'channel.prediction.begin': ChannelPredictionBeginEvent;
  'channel.prediction.progress': ChannelPredictionProgressEvent;
  'channel.prediction.lock': ChannelPredictionLockEvent;
  'channel.prediction.end': ChannelPredictionEndEvent;
  'channel.ad_break.begin': ChannelAdBreakBeginEvent;
  'channel.shoutout.create': ChannelShoutoutCreateEvent;
  'channel.shoutout.receive': ChannelShoutoutReceiveEvent;
  'channel.charity_campaign.donate': CharityDonationEvent;
  'channel.charity_campaign.start': CharityCampaignStartEvent;
  'channel.charity_campaign.progress': CharityCampaignProgressEvent;
  'channel.charity_campaign.stop': CharityCampaignStopEvent;
  'channel.chat.message': ChannelChatMessageEvent;
  'channel.chat.message_delete': ChannelChatMessageDeleteEvent;
  'channel.chat.clear_user_messages': ChannelChatClearUserMessagesEvent;
  'channel.chat.clear': ChannelChatClearEvent;
  'channel.chat.notification': ChannelChatNotificationEvent;
}
