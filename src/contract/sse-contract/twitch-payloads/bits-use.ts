import type { Integer } from '../integer.js';
import type { BroadcasterFields } from './common.js';

/** A cheermote in a message: `Cheer100` is prefix `cheer`, 100 Bits, the tier those Bits reach. */
export interface CheermoteFragment {
  prefix: string;
  /** @minimum 0 */
  bits: Integer;
  /** The cheermote's tier (1, 100, 1000, 5000, 10000, …): which image and colour. */
  tier: Integer;
}

/** A Twitch emote in a message. */
export interface EmoteFragment {
  id: string;
  emote_set_id: string;
  owner_id?: string;
  /** `static`, and `animated` when the emote has an animated form. */
  format?: string[];
}

/** A viewer named with `@` in a chat message. */
export interface MentionFragment {
  user_id: string;
  user_login: string;
  user_name: string;
}

/** One piece of a message: plain text, a cheermote, an emote or a mention, with its text as typed. */
export interface MessageFragment {
  /** `text`, `cheermote`, `emote` or `mention` (Twitch may add kinds). */
  type: string;
  text: string;
  cheermote?: CheermoteFragment | null;
  emote?: EmoteFragment | null;
  mention?: MentionFragment | null;
}

/** What a Power-up did. */
export interface PowerUp {
  /** `message_effect`, `celebration` or `gigantify_an_emote` (Twitch may add kinds). */
  type: string;
  /** The emote celebrated or gigantified; null for a message effect. */
  emote: { id: string; name: string } | null;
  /** The message effect's id; null for the others. */
  message_effect_id: string | null;
}

/**
 * The `channel.bits.use` event object: Bits spent in any way — a cheer, a Power-up or a Combo.
 * Twitch sends it beside `channel.cheer` for cheers, so a client of both sees each cheer twice.
 */
export type ChannelBitsUseEvent = BroadcasterFields & {
  user_id: string;
  user_login: string;
  user_name: string;
  /** @minimum 0 */
  bits: Integer;
  /** `cheer`, `power_up` or `combo` (Twitch may add kinds). */
  type: string;
  /** The chat message, in fragments; null when there is none (a Combo, most Power-ups). */
  message: { text: string; fragments: MessageFragment[] } | null;
  /** The Power-up, for type `power_up`; null otherwise. */
  power_up: PowerUp | null;
  [field: string]: unknown;
};
