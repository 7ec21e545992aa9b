// The results and options of the simulator's facade (TwitchSimulator), apart from it so that the
// modules it is built from can name them without importing it.
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';

/** What `trigger` did. */
export interface TriggerResult {
  /** The events that happened, in order (a gift bomb is one gift and N subscribes). */
  readonly events: ProducedEvent[];
  /** How many notification messages went out over WebSockets (0 when nobody subscribes). */
  readonly delivered: number;
  /** Whether an EventSub outage kept the notifications from going out (they are lost, as on Twitch). */
  readonly outage: boolean;
}

/** `trigger` options: what happens, and whether its notification arrives twice. */
export interface SimulatedTrigger extends TriggerOptions {
  /** Deliver each notification twice: with the same `message_id`, or with a new one. */
  duplicate?: 'same-id' | 'new-id';
}

/** A user token minted for tests and the demo, shaped like Twurple's `AccessToken` plus who it is for. */
export interface MintedUserToken {
  readonly accessToken: string;
  /** Empty when the simulator mints tokens without refresh tokens (`refreshTokens: false`). */
  readonly refreshToken: string;
  readonly scope: string[];
  readonly expiresIn: number;
  readonly obtainmentTimestamp: number;
  readonly userId: string;
  readonly login: string;
  readonly clientId: string;
}

/** A channel's numbers, as Helix would report them. */
export interface ChannelSnapshot {
  readonly broadcasterId: string;
  readonly live: boolean;
  readonly viewers: number;
  readonly followers: number;
  readonly subs: number;
  readonly subPoints: number;
  /** Bits cheered in the channel in all, anonymous cheers included. */
  readonly bits: number;
  readonly title: string;
  readonly game: string;
  readonly startedAt: string | null;
}
