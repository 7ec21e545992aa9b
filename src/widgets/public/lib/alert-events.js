// @ts-check

/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * The events the alert box can play, in the contract's order (`TWITCH_EVENT_TYPES`, as the URL
 * builder lists them and writes a choice), and whether it
 * plays each unless its `events` option says otherwise. Stream online/offline are there to choose
 * but off by default: the streamer is the one who went live. A hype train's progress is an alert
 * only when it reaches a new level. The types left out (a train's end, goals, polls, predictions)
 * have their own widgets.
 * @type {ReadonlyArray<{ event: TwitchEventType; byDefault: boolean }>}
 */
export const ALERTS = [
  { event: 'channel.follow', byDefault: true },
  { event: 'channel.subscribe', byDefault: true },
  { event: 'channel.subscription.message', byDefault: true },
  { event: 'channel.subscription.gift', byDefault: true },
  { event: 'channel.cheer', byDefault: true },
  { event: 'channel.bits.use', byDefault: true },
  { event: 'channel.raid', byDefault: true },
  { event: 'stream.online', byDefault: false },
  { event: 'stream.offline', byDefault: false },
  { event: 'channel.channel_points_custom_reward_redemption.add', byDefault: true },
  { event: 'channel.hype_train.begin', byDefault: true },
  { event: 'channel.hype_train.progress', byDefault: true },
  { event: 'channel.shoutout.create', byDefault: false },
  { event: 'channel.shoutout.receive', byDefault: true },
  { event: 'channel.charity_campaign.donate', byDefault: true },
  { event: 'channel.chat.notification', byDefault: false },
];

/**
 * The chat notices (`notice_type` of channel.chat.notification) the alert box plays when
 * channel.chat.notification is chosen: the ones no other event type carries. A sub, resub, gift
 * or raid notice is the chat's line for an event with a type of its own, whose alert plays it once
 * (the notice only tells a sub alert "with Prime": `PRIME_NOTICES`); `shared_chat_*` notices are
 * another channel's, and never play here.
 */
export const ALERT_NOTICES = ['announcement', 'watch_streak'];

/** The notices that are the chat's line for an event with a type of its own. */
export const NOTICES_OF_EVENTS = ['sub', 'resub', 'sub_gift', 'community_sub_gift', 'raid'];

/**
 * The notices that tell whether a sub was with Prime, and the event type whose alert they go with
 * (the notice's chatter is that event's user).
 * @type {Readonly<Record<string, TwitchEventType>>}
 */
export const PRIME_NOTICES = {
  sub: 'channel.subscribe',
  resub: 'channel.subscription.message',
};

/** The event types the alert box can play (`ALERTS`), in order. */
export const ALERT_EVENT_TYPES = ALERTS.map((alert) => alert.event);

/** The event types the alert box plays unless told otherwise (`ALERTS`), in order. */
export const DEFAULT_ALERT_EVENT_TYPES = ALERTS.filter((alert) => alert.byDefault).map(
  (alert) => alert.event,
);
