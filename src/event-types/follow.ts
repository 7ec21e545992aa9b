import type { EventTypeDescriptor } from './event-type-descriptor.js';
import { loginField } from './sample-fields.js';

/**
 * `channel.follow` v2: it needs a moderator, and the broadcaster is one of their own channel.
 * A viewer follows at one `followed_at`: that and who identify it.
 */
export const FOLLOW: EventTypeDescriptor = {
  type: 'channel.follow',
  version: '2',
  scope: 'moderator:read:followers',
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onChannelFollow(id, id, handler),
  identity: (data) => [data.user_id, toWholeSecond(data.followed_at)],
  sample: ({ user, broadcaster, now }) => ({ ...user, ...broadcaster, followed_at: now }),
  simulatorTrigger: (data) => ({ user: loginField(data) }),
};

/**
 * A time to the second: EventSub writes `followed_at` with fractions of a second, Helix's
 * followers list without, and a recovered follow must match the live one it repeats.
 */
function toWholeSecond(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const at = Date.parse(value);
  return Number.isFinite(at) ? new Date(Math.floor(at / 1000) * 1000).toISOString() : value;
}
