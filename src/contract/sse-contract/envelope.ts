import type { ControlMessage } from './control.js';
import type { CreditsMessage } from './credits.js';
import type { EventMessage } from './event-message.js';
import type { AnyTwitchEventMessage } from './event-variants.js';
import type { StatusMessage } from './status.js';
import type { AnyStatusMessage } from './status-variants.js';
import type { LabelsMessage } from './widget-state/labels.js';
import type { StatsMessage } from './widget-state/stats.js';
import type { SubathonMessage } from './widget-state/subathon.js';

/** Anything the stream carries in a `data:` line. */
export type StreamMessage =
  | StatsMessage
  | EventMessage
  | StatusMessage
  | ControlMessage
  | LabelsMessage
  | SubathonMessage
  | CreditsMessage;

/** Every message the stream carries, one variant per event type and status component. */
export type StreamMessageVariant =
  | StatsMessage
  | AnyTwitchEventMessage
  | AnyStatusMessage
  | ControlMessage
  | LabelsMessage
  | SubathonMessage
  | CreditsMessage;

/** The message types a client can ask for with `?types=`. */
export const STREAM_MESSAGE_TYPES = [
  'stats',
  'event',
  'status',
  'control',
  'labels',
  'subathon',
  'credits',
] as const;
export type StreamMessageType = (typeof STREAM_MESSAGE_TYPES)[number];

/** The path of the stream. */
export const STREAM_PATH = '/api/twitch/stream';
