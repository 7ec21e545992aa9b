import type { CreditsAction } from '../contract/sse-contract.js';
import type { StreamSummary } from '../streams/streams-api.js';

// The bodies of the credits routes; their JSON Schemas are generated from these types
// (`npm run docs:schemas`). The credits widget is checked against them too.

// A whole number: `number` to TypeScript, "integer" in the schemas (scripts/json-schemas.mjs).
/** @asType integer */
type Integer = number;

/** A part of the credits roll, under a heading of its own. */
export type CreditsSection =
  'followers' | 'subscribers' | 'gifters' | 'cheerers' | 'raiders' | 'redeemers';

/** The Bits type cheerers are counted from: the one of the two the service subscribes to. */
export type CreditsBitsSource = 'channel.cheer' | 'channel.bits.use';

/** One name in the credits, and how much that viewer did (what counts depends on the section). */
export interface CreditsName {
  /** The display name (the raiding channel's for raiders); null: anonymous gifts or cheers, as one. */
  name: string | null;
  /** The login; null when anonymous. */
  login: string | null;
  /**
   * followers: 1; subscribers: months subscribed (1 for a new sub); gifters: subs gifted;
   * cheerers: Bits; raiders: viewers brought; redeemers: rewards redeemed.
   */
  amount: Integer;
}

/**
 * `GET /api/credits`: the names of the stream live now or, when none is, of the last one — so a
 * credits widget opened after the stream ended still rolls it.
 */
export interface StreamCredits {
  /** The stream these are the names of; null before the first stream. */
  stream: StreamSummary | null;
  /**
   * The id of the newest message when the names were read: the stream's later events come after
   * it on `GET /api/twitch/stream` (resume there, with `lastEventId`).
   */
  lastId: Integer;
  /** Where cheerers' Bits are counted from: `channel.bits.use` (cheers, Power-ups, Combos) when subscribed. */
  bitsFrom: CreditsBitsSource;
  /**
   * Each section's names, in the order they first appeared: follows, subs and resubs (not gifted
   * subs: their gifters are named), gifters, cheerers, raiding channels, channel points redeemers.
   * Test alerts and replays are left out.
   */
  sections: Record<CreditsSection, CreditsName[]>;
  /**
   * The sections some of whose events the log no longer keeps (retention pruned them), or every
   * section while the event log cannot write its file and the stream ran since.
   */
  incomplete: CreditsSection[];
}

/** `POST /api/admin/credits/roll` and `/stop` answer. */
export interface CreditsActionResponse {
  /** The id the `credits` message went out under. */
  id: Integer;
  action: CreditsAction;
}
