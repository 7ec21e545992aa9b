import type { TwitchEventType } from '../contract/twitch-events.js';

/** One EventSub notification as it enters the service, taken at one seam (Twurple's dispatch). */
export interface Notification {
  readonly type: TwitchEventType;
  /** The event object exactly as Twitch sent it (snake_case). */
  readonly data: Record<string, unknown>;
  /** Twitch's `message_id`; absent for an event put in by hand (a test, a tool). */
  readonly messageId?: string;
  /** When it arrived (`performance.now()`): ingest latency, to the first SSE write, runs from here. */
  readonly receivedAt?: number;
  /** Twurple handled that `message_id` already and drops it (at-least-once delivery). */
  readonly redelivered?: boolean;
}
