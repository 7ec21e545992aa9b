import type { EventSubSubscription } from '@twurple/eventsub-base';
import type { EventSubWsListener } from '@twurple/eventsub-ws';
import { getRawData } from '@twurple/common';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { describeType } from '../event-types/event-types.js';

/** Called with the event object exactly as Twitch sent it (snake_case). */
export type RawEventHandler = (type: TwitchEventType, data: Record<string, unknown>) => void;

/**
 * Subscribes `listener` to `type` for the broadcaster, as its descriptor says; `onEvent` gets
 * Twitch's raw event object.
 */
export function subscribeToEvent(
  listener: EventSubWsListener,
  type: TwitchEventType,
  broadcasterId: string,
  onEvent: RawEventHandler,
): EventSubSubscription {
  // Twurple wraps the payload in a class; the contract wants Twitch's own object, which it keeps.
  return describeType(type).subscribe(listener, broadcasterId, (event) =>
    onEvent(type, getRawData(event) as Record<string, unknown>),
  );
}
