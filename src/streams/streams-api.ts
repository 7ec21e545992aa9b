import type { EventMessage } from '../contract/sse-contract.js';
import type { StreamEndSource, StreamStartSource } from './stream-span.js';

// The bodies of the streams routes (`GET /api/streams…`); their JSON Schemas are generated from
// these types (`npm run docs:schemas`).

// A whole number: `number` to TypeScript, "integer" in the schemas (scripts/json-schemas.mjs).
/** @asType integer */
type Integer = number;

/** One stream in the list: when it ran and what said so. */
export interface StreamSummary {
  /** The stream's id (1, 2, 3, … in the order streams began). */
  id: Integer;
  /** Whether it is the stream that is live now. */
  live: boolean;
  /**
   * ISO time it began.
   * @format date-time
   */
  startedAt: string;
  /** What said it began: its `stream.online`, Helix's `started_at` in a poll, or only a poll. */
  startSource: StreamStartSource;
  /**
   * ISO time it ended (null while live).
   * @format date-time
   */
  endedAt: string | null;
  /**
   * What said it ended: its `stream.offline`, the next `stream.online` (no offline came), or the
   * last poll that saw it live. Null while live.
   */
  endSource: StreamEndSource | null;
  /** The viewers of the polls that saw it live (null figures: no poll did). */
  viewers: StreamViewers;
}

/** The viewers the polls saw during a stream. */
export interface StreamViewers {
  /** How many polls saw it live. */
  polls: Integer;
  peak: Integer | null;
  /** The mean of the polls' viewer counts, rounded to a whole number. */
  average: Integer | null;
  /** The last poll's viewers. */
  last: Integer | null;
}

/** `GET /api/streams`: one page of streams, newest first. */
export interface StreamListResponse {
  streams: StreamSummary[];
  /** The `before` of the next (older) page; null when this is the last. */
  nextCursor: Integer | null;
  /** The path of the next page; null when this is the last. */
  next: string | null;
}

/** One poll's viewers. */
export interface ViewerPoint {
  /**
   * ISO time of the poll.
   * @format date-time
   */
  at: string;
  viewers: Integer;
}

/** Subs in a stream: new, resubs and gifted, and how many of each tier. */
export interface StreamSubs {
  /** New subs (not gifted). */
  new: Integer;
  /** Resubs shared in chat (`channel.subscription.message`). */
  resub: Integer;
  /** Gifted subs (a gift bomb's total, or each gifted sub when gifts are not subscribed to). */
  gifted: Integer;
  /** Subs of every kind by tier: "1000", "2000", "3000". */
  byTier: Record<string, Integer>;
}

/** Someone who gave subs in a stream (name null: anonymous). */
export interface StreamGifter {
  name: string | null;
  login: string | null;
  /** Gift events (bombs). */
  gifts: Integer;
  /** Subs given in all. */
  subs: Integer;
}

/** The gift bombs of a stream. */
export interface StreamGiftBombs {
  /** Gift events. */
  count: Integer;
  /** Subs they gave. */
  subs: Integer;
  /** Who gave, most subs first. */
  gifters: StreamGifter[];
}

/**
 * The Bits of a stream, each counted once. `powerUps` and `combos` are null unless
 * `channel.bits.use` is subscribed to (only it tells them apart).
 */
export interface StreamBits {
  total: Integer;
  cheers: Integer;
  powerUps: Integer | null;
  combos: Integer | null;
}

/** A raid that came in. */
export interface StreamRaid {
  from: string;
  login: string;
  viewers: Integer;
  /**
   * ISO time it came (when its event arrived); null when the log does not say.
   * @format date-time
   */
  at: string | null;
}

/** Channel points redemptions of one reward. */
export interface StreamRedemptions {
  reward: string;
  count: Integer;
}

/** A hype train of the stream and the highest level it reached. */
export interface StreamHypeTrain {
  id: string;
  level: Integer;
  /** Whether it ended within the stream. */
  ended: boolean;
  /**
   * ISO time it began (Twitch's `started_at`, else when its first event arrived); null when
   * neither says.
   * @format date-time
   */
  startedAt: string | null;
}

/** A creator goal that ended achieved. */
export interface StreamGoal {
  type: string;
  description: string;
  target: Integer;
}

/**
 * The viewer who gave the most of something (null name never: anonymous ones are left out). The
 * top cheerer counts cheers only: Power-ups and Combos are Bits spent, not cheers.
 */
export interface StreamTopSupporter {
  name: string;
  login: string;
  amount: Integer;
}

/** What gap recovery added to a stream, and what may be missing from its recap. */
export interface StreamRecovery {
  /** Events recovered through Helix after a gap (marked `recovered`), by type. */
  recovered: Record<string, Integer>;
  /** The gaps those events fell in (ISO times). */
  gaps: Array<{ start: string; end: string }>;
  /** What Helix could not tell about the last gap, when it fell in this stream. */
  mayBeMissing: string[];
}

/** `GET /api/streams/{id}` and `GET /api/streams/current`: one stream's recap. */
export interface StreamRecap extends StreamSummary {
  /** Seconds from start to end (to now while live). */
  durationSeconds: Integer;
  /** Each poll's viewers, oldest first. */
  viewerSeries: ViewerPoint[];
  /** Events of the stream the log still keeps (test alerts and replays left out). */
  events: Integer;
  followers: Integer;
  subs: StreamSubs;
  giftBombs: StreamGiftBombs;
  bits: StreamBits;
  raids: StreamRaid[];
  /** Most redeemed first. */
  redemptions: StreamRedemptions[];
  hypeTrains: StreamHypeTrain[];
  goalsReached: StreamGoal[];
  topCheerer: StreamTopSupporter | null;
  topGifter: StreamTopSupporter | null;
  recovery: StreamRecovery;
  /**
   * The figures some of whose events the log no longer keeps (retention pruned them): `followers`,
   * `subs`, `giftBombs`, `bits`, `raids`, `redemptions`, `hypeTrains`, `goalsReached`. Those figures
   * count only what is kept. Every figure is named while the event log cannot write its file
   * (`/api/health` `eventLog.state` `memory-only`) and the stream ran since it stopped.
   */
  incomplete: string[];
}

/** One event of a stream's download, with the id it went out under. */
export interface StreamEvent {
  id: Integer;
  message: EventMessage;
}

/**
 * `GET /api/streams/{id}/events.json`: every event of the stream the log keeps, oldest first (test
 * alerts and replays left out: the events the recap counts).
 */
export interface StreamEventsResponse {
  stream: StreamSummary;
  /**
   * false when some of the stream's events are not here: retention pruned them, or the event log
   * cannot write its file (`/api/health` `eventLog.state` `memory-only`) since the stream ran.
   */
  complete: boolean;
  events: StreamEvent[];
}
