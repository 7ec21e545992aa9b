import type { Observable } from 'rxjs';
import type { TwitchEventType } from '../contract/twitch-events.js';

/**
 * What the standby hands the leader, in the order it happened: its EventSub session joined (a new
 * WebSocket session, before its subscriptions exist), or a copy of a notification it received.
 */
export type StandbyItem =
  | {
      readonly kind: 'joined';
      /** The standby's instance id. */
      readonly session: string;
      /**
       * The newest id of the shared log the standby had read when it joined: the events up to it
       * went by before its subscriptions existed, so it will never deliver them.
       */
      readonly upToLogId: number;
    }
  | {
      readonly kind: 'copy';
      readonly session: string;
      readonly type: TwitchEventType;
      /** The event object exactly as Twitch sent it. */
      readonly data: Record<string, unknown>;
      readonly messageId?: string;
    };

/**
 * How the standby's notifications reach the leader (REDIS_URL: a Redis stream, `cluster/`). Not
 * provided for a single instance, which has no standby.
 */
export abstract class StandbyRelay {
  /** The standby hands `item` to the leader; items arrive in the order given, Redis away or not. */
  abstract forward(item: StandbyItem): void;
  /** On the leader: every item the standby forwards while this instance leads, in order. */
  abstract readonly forwarded$: Observable<StandbyItem>;
}
