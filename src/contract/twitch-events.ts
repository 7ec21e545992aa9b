/** The EventSub subscription types this service listens to, in the order the README lists them. */
export const TWITCH_EVENT_TYPES = [
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.gift',
  'channel.cheer',
  'channel.raid',
  'stream.online',
  'stream.offline',
] as const;

/** One of the seven EventSub subscription types. */
export type TwitchEventType = (typeof TWITCH_EVENT_TYPES)[number];

/** Whether a string names one of the seven event types. */
export function isTwitchEventType(value: string): value is TwitchEventType {
  return (TWITCH_EVENT_TYPES as readonly string[]).includes(value);
}
