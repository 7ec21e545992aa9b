import type { EventSubSubscription } from '@twurple/eventsub-base';
import type { EventSubWsListener } from '@twurple/eventsub-ws';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { describeType } from '../event-types/event-types.js';

/**
 * Subscribes `listener` to `type` for the broadcaster, as its descriptor says. Its notifications
 * are taken where they reach the listener (`SupervisedEventSubWsListener`'s `notificationArrived`,
 * with Twitch's own event object and `message_id`), so the handler Twurple asks for does nothing:
 * the object Twurple wraps the event in is never needed.
 */
export function subscribeToEvent(
  listener: EventSubWsListener,
  type: TwitchEventType,
  broadcasterId: string,
): EventSubSubscription {
  return describeType(type).subscribe(listener, broadcasterId, () => {});
}
