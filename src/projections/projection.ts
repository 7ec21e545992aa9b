import type { ReceivedTwitchEvent } from '../eventsub/twitch-event-ingest.js';

/**
 * The order the projections take each event in — and so the order, and the ids, of the states one
 * event moves: the channel's numbers first, then the labels, then the subathon timer; then what
 * only reacts (the stats poll's early re-poll after `stream.online`, gap recovery's note of the
 * last live event), which publishes nothing at once; last, the streams' ledger (where a stream
 * begins and ends), which publishes nothing. Written here, not left to the order Nest
 * happens to create the modules in.
 */
export const PROJECTION_ORDER = [
  'channel-stats',
  'labels',
  'subathon',
  'stats-poll',
  'gap-recovery',
  'streams',
] as const;

/** One of the projections, by its place in `PROJECTION_ORDER`. */
export type ProjectionName = (typeof PROJECTION_ORDER)[number];

/**
 * When a projection is told to go on from the event log: as it registers at the start (from what
 * this instance kept before a restart), or when this instance becomes the leader (REDIS_URL: from
 * what the last leader kept in the shared log, not this instance's own older copy).
 */
export type RestoreOccasion = 'start' | 'lead';

/**
 * What an event received from Twitch means to one part of the service (the numbers, the labels,
 * the subathon timer, …): it takes each event, once, in the declared order, and publishes the
 * state that changed. Run by the `ProjectionRunner`, which also has it restore its state from the
 * event log at the start and whenever this instance becomes the leader.
 */
export interface Projection {
  /** Its place in `PROJECTION_ORDER`. */
  readonly projection: ProjectionName;
  /** Takes one event (live or recovered), already published to clients. */
  apply(event: ReceivedTwitchEvent): void;
  /** Goes on from what the event log keeps (see `RestoreOccasion`), publishing what it shows. */
  restore?(occasion: RestoreOccasion): void;
}
