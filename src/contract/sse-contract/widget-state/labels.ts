import type { Integer } from '../integer.js';
import type { SubTier } from '../twitch-payloads/common.js';

/** A viewer as the labels name them. */
export interface LabelViewer {
  /** The display name ("Anonymous" for an anonymous gift or cheer). */
  name: string;
  /** The login, or null when anonymous. */
  login: string | null;
}

/** What the labels widget shows, computed by the service from the events it received. */
export interface LabelsData {
  /**
   * ISO time the stream the session figures belong to went live (its `stream.online`); null
   * until one was seen, or after the dashboard reset the session.
   * @format date-time
   */
  sessionStartedAt: string | null;
  /**
   * The events published after this id count towards the session (`GET /api/events?after=` lists
   * them); 0 before any session started.
   * @minimum 0
   */
  sessionSinceId: Integer;
  /** The newest follower. */
  latestFollower: LabelViewer | null;
  /** The newest viewer who subscribed (not a gifted sub). */
  latestSub: (LabelViewer & { tier: SubTier }) | null;
  /** The newest gift of subs: who gave how many. */
  latestGift: (LabelViewer & { subs: Integer; tier: SubTier }) | null;
  /** The newest cheer. */
  latestCheer: (LabelViewer & { bits: Integer }) | null;
  /** The newest raid: the raiding channel, and how many viewers came. */
  latestRaid: (LabelViewer & { viewers: Integer }) | null;
  /** Who cheered the most bits this stream (anonymous cheers not counted). */
  topCheerer: (LabelViewer & { bits: Integer }) | null;
  /** Who gifted the most subs this stream (anonymous gifts not counted). */
  topGifter: (LabelViewer & { subs: Integer }) | null;
  /** Counts since the stream went live (or since the session was reset). */
  session: LabelsSession;
}

/** What a stream has brought so far. */
export interface LabelsSession {
  follows: Integer;
  /** Every new sub, gifted ones included. */
  subs: Integer;
  /** Of `subs`, the gifted ones. */
  giftedSubs: Integer;
  bits: Integer;
  raids: Integer;
}

/**
 * `{type:"labels"}`: the latest viewers, the top supporters and the counts of this stream, for
 * the labels widget. State, like stats: a client gets the current one when it connects.
 */
export interface LabelsMessage {
  type: 'labels';
  data: LabelsData;
}
