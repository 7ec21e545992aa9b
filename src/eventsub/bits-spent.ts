import type { TwitchEventType } from '../contract/twitch-events.js';

/**
 * The two EventSub types that carry Bits: `channel.cheer` (cheers only) and `channel.bits.use`
 * (cheers, Power-ups and Combos). Twitch sends a cheer as both, so the service subscribes to one
 * of them (`bitsInOnePlace`, event-types/) and everything that counts Bits counts either the same way.
 */
export const BITS_EVENT_TYPES: readonly TwitchEventType[] = ['channel.cheer', 'channel.bits.use'];

/** The Bits an event spent (a whole number, 0 for anything but Bits or a malformed amount). */
export function bitsSpent(type: TwitchEventType, data: Record<string, unknown>): number {
  if (!BITS_EVENT_TYPES.includes(type)) return 0;
  const { bits } = data;
  return typeof bits === 'number' && Number.isFinite(bits) ? Math.max(0, Math.floor(bits)) : 0;
}
