import type { TwitchEventType } from '../twitch-events.js';
import type { Integer } from './integer.js';
import type { TwitchEventDataByType } from './twitch-payloads/by-type.js';

/** `{type:"event"}`: one EventSub notification, its event object exactly as Twitch sent it. */
export interface EventMessage {
  type: 'event';
  event: TwitchEventType;
  data: Record<string, unknown>;
  /** Present and true on a test alert from the dashboard; never on a real event. */
  test?: true;
  /** Set when the dashboard replays an earlier event: the id it was first sent with. */
  replayOf?: Integer;
  /**
   * Present and true on an event Twitch never delivered live because EventSub was disconnected
   * (or the service down): the service recovered it through Helix after the gap. Its `data` has
   * EventSub's shape, with what Helix could tell.
   */
  recovered?: true;
  /** On a recovered event: the gap it fell in (ISO times). */
  gap?: EventSubGap;
  /**
   * ISO time the event was sent out: when its EventSub frame arrived here (within a second of
   * Twitch's `message_timestamp`, which Twurple does not pass on), or when the dashboard sent a test
   * or replay. An alert box that resumes after a pause uses it to skip alerts too old to play.
   * @format date-time
   */
  sentAt?: string;
}

/** A time when EventSub was not receiving (disconnected, or the service down). */
export interface EventSubGap {
  /**
   * ISO time the last session stopped receiving (or the service stopped).
   * @format date-time
   */
  start: string;
  /**
   * ISO time receiving resumed.
   * @format date-time
   */
  end: string;
}

/** `{type:"event"}` of one EventSub type, with that type's event object. */
export interface TwitchEventMessage<E extends TwitchEventType> extends EventMessage {
  event: E;
  data: TwitchEventDataByType[E];
}
