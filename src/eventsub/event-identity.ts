import type { TwitchEventType } from '../contract/twitch-events.js';

/** How long an event's identity is remembered, by whether Twitch gives the event its own timestamp. */
export const TIMESTAMPED_WINDOW_MS = 10 * 60 * 1000;
export const UNTIMESTAMPED_WINDOW_MS = 2 * 60 * 1000;

/**
 * What makes an event the same event when Twitch delivers it twice — even under a new
 * `message_id`, which Twitch has been seen to do. Events that carry their own timestamp (a follow's
 * `followed_at`, a stream's `started_at`) are keyed on it; the others on their user and amounts,
 * which is why those are remembered for a shorter window: a viewer who cheers the same amount with
 * the same message twice within two minutes is shown once.
 */
export function eventIdentity(
  type: TwitchEventType,
  data: Record<string, unknown>,
): { key: string; windowMs: number } {
  const field = (name: string) => String(data[name] ?? '');
  const user = field('user_id') || 'anonymous';
  switch (type) {
    case 'channel.follow':
      return timestamped(type, user, field('followed_at'));
    case 'stream.online':
      return timestamped(type, field('id'), field('started_at'));
    case 'channel.subscribe':
      return untimestamped(type, user, field('tier'), field('is_gift'));
    case 'channel.subscription.gift':
      return untimestamped(type, user, field('total'), field('tier'), field('cumulative_total'));
    case 'channel.cheer':
      return untimestamped(type, user, field('bits'), field('message'));
    case 'channel.raid':
      return untimestamped(type, field('from_broadcaster_user_id'), field('viewers'));
    case 'stream.offline':
      return untimestamped(type, field('broadcaster_user_id'));
  }
}

function timestamped(...parts: string[]) {
  return { key: parts.join('|'), windowMs: TIMESTAMPED_WINDOW_MS };
}

function untimestamped(...parts: string[]) {
  return { key: parts.join('|'), windowMs: UNTIMESTAMPED_WINDOW_MS };
}
