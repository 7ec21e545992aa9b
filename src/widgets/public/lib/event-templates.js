// @ts-check
// The texts events are told in unless a widget's options say otherwise: an alert's title and
// line, an event list's row, and the placeholders they can use (see template-values.js).

/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * The alert box's default title and text per event type; `{name}` and friends are filled in.
 * @type {Readonly<Record<TwitchEventType, { title: string; text: string }>>}
 */
export const DEFAULT_TEMPLATES = {
  'channel.follow': { title: 'New follower', text: '{name} just followed!' },
  'channel.subscribe': { title: 'New subscriber', text: '{name} subscribed {plan}!' },
  'channel.subscription.message': { title: 'Resub', text: '{name} resubscribed {plan}: {resub}!' },
  'channel.subscription.gift': { title: 'Gift subs', text: '{name} gifted {gifts}!' },
  'channel.cheer': { title: 'Cheer', text: '{name} cheered {bits} bits!' },
  'channel.bits.use': { title: 'Bits', text: '{name} {spent}!' },
  'channel.raid': { title: 'Raid', text: '{name} is raiding with {viewers} viewers!' },
  'stream.online': { title: 'Live', text: '{name} is live!' },
  'stream.offline': { title: 'Offline', text: 'Thanks for watching, see you next time!' },
  'channel.channel_points_custom_reward_redemption.add': {
    title: 'Channel points',
    text: '{name} redeemed {reward}!',
  },
  'channel.hype_train.begin': { title: 'Hype train', text: 'The hype train has left the station!' },
  'channel.hype_train.progress': { title: 'Hype train', text: 'Hype train level {level}!' },
  'channel.hype_train.end': { title: 'Hype train', text: 'The hype train reached level {level}!' },
  'channel.goal.begin': { title: 'New goal', text: '{goal}: {amount} of {target}' },
  'channel.goal.progress': { title: 'Goal', text: '{goal}: {amount} of {target}' },
  'channel.goal.end': { title: 'Goal', text: '{goal}: {result}' },
  'channel.poll.begin': { title: 'Poll', text: '{title}' },
  'channel.poll.progress': { title: 'Poll', text: '{title}: {votes}' },
  'channel.poll.end': { title: 'Poll over', text: '{title}: {result}' },
  'channel.prediction.begin': { title: 'Prediction', text: '{title}' },
  'channel.prediction.progress': { title: 'Prediction', text: '{title}: {points}' },
  'channel.prediction.lock': { title: 'Predictions locked', text: '{title}' },
  'channel.prediction.end': { title: 'Prediction over', text: '{title}: {result}' },
  'channel.ad_break.begin': { title: 'Ad break', text: 'Ads for {duration}, back soon!' },
  'channel.shoutout.create': { title: 'Shoutout', text: 'Go follow {name}!' },
  'channel.shoutout.receive': {
    title: 'Shoutout',
    text: '{name} shouted us out to {viewers} viewers!',
  },
  'channel.charity_campaign.donate': {
    title: 'Charity',
    text: '{name} donated {donation} to {charity}!',
  },
  'channel.charity_campaign.start': { title: 'Charity', text: 'Raising {target} for {charity}!' },
  'channel.charity_campaign.progress': {
    title: 'Charity',
    text: '{charity}: {amount} of {target}',
  },
  'channel.charity_campaign.stop': { title: 'Charity', text: '{charity}: {amount} raised!' },
  'channel.chat.message': { title: 'Chat', text: '{name}: {message}' },
  'channel.chat.message_delete': { title: 'Chat', text: 'A message of {name} was deleted' },
  'channel.chat.clear_user_messages': { title: 'Chat', text: "{name}'s messages were removed" },
  'channel.chat.clear': { title: 'Chat', text: 'The chat was cleared' },
  'channel.chat.notification': { title: 'Chat', text: '{notice}' },
};

/**
 * The event list's default row per event type: shorter than an alert's line.
 * @type {Readonly<Record<TwitchEventType, string>>}
 */
export const LIST_TEMPLATES = {
  'channel.follow': '{name} followed',
  'channel.subscribe': '{name} subscribed ({tier})',
  'channel.subscription.message': '{name} resubscribed ({resub})',
  'channel.subscription.gift': '{name} gifted {gifts}',
  'channel.cheer': '{name} cheered {bits} bits',
  'channel.bits.use': '{name} {spent}',
  'channel.raid': '{name} raided with {viewers}',
  'stream.online': '{name} went live',
  'stream.offline': '{name} went offline',
  'channel.channel_points_custom_reward_redemption.add': '{name} redeemed {reward}',
  'channel.hype_train.begin': 'Hype train started!',
  'channel.hype_train.progress': 'Hype train level {level}',
  'channel.hype_train.end': 'Hype train ended at level {level}',
  'channel.goal.begin': 'New goal: {goal}',
  'channel.goal.progress': '{goal}: {amount} / {target}',
  'channel.goal.end': '{goal}: {result}',
  'channel.poll.begin': 'Poll: {title}',
  'channel.poll.progress': '{title}: {votes}',
  'channel.poll.end': 'Poll over: {result}',
  'channel.prediction.begin': 'Prediction: {title}',
  'channel.prediction.progress': '{title}: {points}',
  'channel.prediction.lock': 'Predictions locked: {title}',
  'channel.prediction.end': 'Prediction over: {result}',
  'channel.ad_break.begin': 'Ad break: {duration}',
  'channel.shoutout.create': 'Shoutout to {name}',
  'channel.shoutout.receive': '{name} shouted us out ({viewers} viewers)',
  'channel.charity_campaign.donate': '{name} donated {donation}',
  'channel.charity_campaign.start': 'Charity for {charity}: {target} to raise',
  'channel.charity_campaign.progress': '{charity}: {amount} of {target}',
  'channel.charity_campaign.stop': '{charity}: {amount} raised',
  'channel.chat.message': '{name}: {message}',
  'channel.chat.message_delete': 'Message of {name} deleted',
  'channel.chat.clear_user_messages': "{name}'s messages removed",
  'channel.chat.clear': 'Chat cleared',
  'channel.chat.notification': '{notice}',
};

/** The placeholders a template can use, for help texts. */
export const PLACEHOLDERS = [
  '{name}',
  '{login}',
  '{bits}',
  '{tier}',
  '{plan}',
  '{months}',
  '{streak}',
  '{resub}',
  '{spent}',
  '{powerup}',
  '{duration}',
  '{donation}',
  '{charity}',
  '{count}',
  '{gifts}',
  '{total}',
  '{viewers}',
  '{message}',
  '{notice}',
  '{reward}',
  '{cost}',
  '{input}',
  '{level}',
  '{goal}',
  '{amount}',
  '{target}',
  '{title}',
  '{votes}',
  '{points}',
  '{result}',
];
