import type { EventSubWsListener } from '@twurple/eventsub-ws';
import { interceptReceivedFrames } from '../twitch/twurple-internals.js';

/** What the guard reports. */
export interface FrameGuardHooks {
  /** Any frame arrived (keepalives included). */
  frameReceived(): void;
  /** A frame Twurple could not handle (e.g. not JSON); it was skipped. */
  frameRejected(frame: string, error: unknown): void;
}

/**
 * Makes the listener's socket for `userId` survive frames it cannot parse.
 *
 * Twurple 8's EventSub socket calls `JSON.parse` on every frame inside the WebSocket's message
 * handler; a malformed frame throws out of it and, uncaught, would end the whole process. Twurple
 * offers no hook for this, so the guard wraps Twurple's handling of each received frame (see
 * `interceptReceivedFrames`): a frame whose handling throws is reported and skipped, the others
 * pass untouched. It also timestamps every frame, which Twurple does not expose either. Returns
 * false when Twurple's internals are not shaped as expected (a Twurple upgrade changed them), so
 * the caller can say so.
 */
export function guardFrames(
  listener: EventSubWsListener,
  userId: string,
  hooks: FrameGuardHooks,
): boolean {
  return interceptReceivedFrames(listener, userId, (frame, deliver) => {
    hooks.frameReceived();
    try {
      deliver();
    } catch (error) {
      hooks.frameRejected(frame, error);
    }
  });
}
