import type { BroadcasterFields } from './common.js';

/** The `stream.online` event object: the channel went live. */
export type StreamOnlineEvent = BroadcasterFields & {
  /** The stream's id. */
  id: string;
  type: 'live' | 'playlist' | 'watch_party' | 'premiere' | 'rerun';
  /** @format date-time */
  started_at: string;
  [field: string]: unknown;
};

/** The `stream.offline` event object: the channel went offline. */
export type StreamOfflineEvent = BroadcasterFields & {
  [field: string]: unknown;
};
