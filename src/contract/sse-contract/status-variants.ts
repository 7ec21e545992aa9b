import type {
  AuthStatus,
  ClusterStatus,
  EventLogStatus,
  EventSubStatus,
  PollStatus,
  RecoveryReport,
  ReplayIncomplete,
  StatusMessage,
} from './status.js';

/*
 * `{type:"status"}` narrowed to one component: what the JSON Schemas name one by one
 * (`/api/schemas/status.poll.json`, …).
 */

/** `{type:"status","data":{"eventsub":…}}`: the EventSub connection changed. */
export interface EventSubStatusMessage extends StatusMessage {
  data: { eventsub: EventSubStatus };
}

/** `{type:"status","data":{"poll":…}}`: the Helix stats poll changed. */
export interface PollStatusMessage extends StatusMessage {
  data: { poll: PollStatus };
}

/** `{type:"status","data":{"auth":…}}`: the Twitch sign-in changed. */
export interface AuthStatusMessage extends StatusMessage {
  data: { auth: AuthStatus };
}

/** `{type:"status","data":{"recovery":…}}`: a gap's recovery through Helix, started or finished. */
export interface RecoveryStatusMessage extends StatusMessage {
  data: { recovery: RecoveryReport };
}

/** `{type:"status","data":{"eventLog":…}}`: whether the event log is written to disk. */
export interface EventLogStatusMessage extends StatusMessage {
  data: { eventLog: EventLogStatus };
}

/** `{type:"status","data":{"cluster":…}}`: which instance leads, and Redis outages (REDIS_URL). */
export interface ClusterStatusMessage extends StatusMessage {
  data: { cluster: ClusterStatus };
}

/** `{type:"status","data":{"replay":"incomplete",…}}`: sent to one resuming client only. */
export interface ReplayIncompleteMessage extends StatusMessage {
  data: ReplayIncomplete;
}

/** Any `{type:"status"}`, by component. */
export type AnyStatusMessage =
  | EventSubStatusMessage
  | PollStatusMessage
  | AuthStatusMessage
  | RecoveryStatusMessage
  | EventLogStatusMessage
  | ClusterStatusMessage
  | ReplayIncompleteMessage;
