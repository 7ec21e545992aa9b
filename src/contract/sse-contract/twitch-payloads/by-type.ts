import type { ChannelPointsRedemptionAddEvent } from './channel-points.js';
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
} from './viewer-support.js';

/** The event object of each EventSub type, as Twitch sends it (snake_case; Twitch may add fields). */
export interface TwitchEventDataByType {
  'channel.follow': ChannelFollowEvent;
  'channel.subscribe': ChannelSubscribeEvent;
  'channel.subscription.gift': ChannelSubscriptionGiftEvent;
  'channel.cheer': ChannelCheerEvent;
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
}
