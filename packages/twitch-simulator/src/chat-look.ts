import type { ChannelState } from './channel-state.js';
import type { EventObject } from './event-payloads.js';
import type { SimulatedUser } from './user-directory.js';

/**
 * Name colours chatters pick from (Twitch's preset colours); an empty colour is a chatter who
 * never picked one, as Twitch sends it.
 */
const NAME_COLOURS = [
  '#FF0000',
  '#0000FF',
  '#008000',
  '#B22222',
  '#FF7F50',
  '#9ACD32',
  '#FF4500',
  '#2E8B57',
  '#DAA520',
  '#D2691E',
  '#5F9EA0',
  '#1E90FF',
  '#FF69B4',
  '#8A2BE2',
  '#00FF7F',
];

/** A number of the user's own, the same every time (their look does not change between messages). */
function seedOf(user: SimulatedUser): number {
  let seed = 7;
  for (const char of user.id + user.login) seed = (seed * 31 + char.charCodeAt(0)) % 1_000_003;
  return seed;
}

/** The user's name colour: one of Twitch's presets, or empty for about one chatter in five. */
export function chatColor(user: SimulatedUser): string {
  const seed = seedOf(user);
  return seed % 5 === 0 ? '' : (NAME_COLOURS[seed % NAME_COLOURS.length] ?? '');
}

/**
 * The badges the user wears in `channel`'s chat, in Twitch's order: broadcaster or moderator or
 * VIP (a few chatters each), subscriber (with months) for the channel's subscribers, then Prime or
 * Turbo for some.
 */
export function chatBadges(user: SimulatedUser, channel: ChannelState): EventObject[] {
  const badges: EventObject[] = [];
  const seed = seedOf(user);
  if (user.id === channel.broadcaster.id) {
    badges.push({ set_id: 'broadcaster', id: '1', info: '' });
  } else if (seed % 11 === 0) {
    badges.push({ set_id: 'moderator', id: '1', info: '' });
  } else if (seed % 13 === 0) {
    badges.push({ set_id: 'vip', id: '1', info: '' });
  }
  if (channel.isSubscriber(user.id)) {
    const months = [1, 3, 6, 12, 14][seed % 5] ?? 1;
    const version = months >= 12 ? '12' : months >= 6 ? '6' : months >= 3 ? '3' : '0';
    badges.push({ set_id: 'subscriber', id: version, info: String(months) });
  }
  if (seed % 4 === 1) badges.push({ set_id: 'premium', id: '1', info: '' });
  else if (seed % 9 === 2) badges.push({ set_id: 'turbo', id: '1', info: '' });
  return badges;
}
