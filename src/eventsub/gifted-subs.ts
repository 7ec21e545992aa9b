import type { TwitchEventType } from '../contract/twitch-events.js';
import type { ReceivedTwitchEvent } from './twitch-event-ingest.js';

/**
 * Whether a `channel.subscribe` is a gifted sub that its gift already counts. Twitch announces a
 * gift bomb once (`channel.subscription.gift`, with its `total`) and then each gifted sub again as
 * a `channel.subscribe` with `is_gift`; whatever counts subs counts the gift and skips those.
 * Not when the gift type is not subscribed to (no gift event came), nor for a recovered sub (after
 * a gap, Helix lists gifted subs one by one and the gift itself is lost).
 */
export function countedByItsGift(
  event: Pick<ReceivedTwitchEvent, 'type' | 'data' | 'recovered'>,
  subscribedTypes: readonly TwitchEventType[],
): boolean {
  return (
    event.type === 'channel.subscribe' &&
    event.data.is_gift === true &&
    event.recovered !== true &&
    subscribedTypes.includes('channel.subscription.gift')
  );
}
