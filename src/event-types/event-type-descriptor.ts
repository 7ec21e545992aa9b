import type { TriggerOptions } from '@twitch-realtime/twitch-simulator';
import type { EventSubSubscription } from '@twurple/eventsub-base';
import type { EventSubWsListener } from '@twurple/eventsub-ws';
import type { DataObject } from '@twurple/common';
import type { TwitchEventType } from '../contract/twitch-events.js';
import type { SampleContext } from './sample-context.js';

/** An event object exactly as Twitch sends it (snake_case fields). */
export type TwitchEventData = Record<string, unknown>;

/** How Twurple subscribes to a type, for the broadcaster's own channel. */
export type Subscriber = (
  listener: EventSubWsListener,
  broadcasterId: string,
  handler: (event: DataObject<unknown>) => void,
) => EventSubSubscription;

/**
 * Everything the service needs to know about one EventSub type that is not what it *means*: its
 * version and scope, how Twurple subscribes to it, what identifies one happening of it, and a
 * test-alert sample. What it means (a follower more, time on the subathon timer, the latest
 * supporter) lives in the projections that use it. The subscription catalog, the scopes asked for
 * at sign-in, the de-duplication identity, the default `EVENTSUB_EVENTS` and the test samples are
 * all read from here: nothing else switches on the type to learn these facts.
 */
export interface EventTypeDescriptor {
  readonly type: TwitchEventType;
  /** The EventSub subscription version Twurple asks for. */
  readonly version: '1' | '2';
  /** The OAuth scope the broadcaster's token needs (null: none). */
  readonly scope: string | null;
  /** Listened to unless `EVENTSUB_EVENTS` says otherwise: off for types that need a new scope. */
  readonly byDefault: boolean;
  /** How Twurple subscribes to it for the broadcaster's own channel. */
  readonly subscribe: Subscriber;
  /**
   * The fields that make two notifications the same happening when Twitch sends it again under a
   * new `message_id`, or none. Only fields Twitch makes unique count (a follow's viewer and
   * `followed_at`, a stream's or a poll's `id`): a cheer, a sub, a raid carry none, since two real
   * ones can be alike, and a paid alert dropped as a "duplicate" is income shown to nobody.
   */
  readonly identity?: (data: TwitchEventData) => readonly unknown[];
  /** A sample event for the dashboard's test buttons, with every field Twitch documents. */
  readonly sample: (context: SampleContext) => TwitchEventData;
  /**
   * In demo mode, the built-in simulator's trigger options that reproduce a test sample (who, how
   * much), so a test alert takes the real path. None: the simulator's own (a running hype train's
   * or poll's numbers would not add up with a sample's).
   */
  readonly simulatorTrigger?: (data: TwitchEventData) => TriggerOptions;
}
