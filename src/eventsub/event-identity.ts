import type { TwitchEventType } from '../contract/twitch-events.js';

/**
 * How long an event's identity is remembered. Twurple ignores notifications stamped more than ten
 * minutes ago, and Twitch's redeliveries come within that.
 */
export const IDENTITY_WINDOW_MS = 10 * 60 * 1000;

/**
 * What makes two notifications the same happening when Twitch sends it again under a new
 * `message_id` (seen with `stream.online`), or undefined when the payload carries nothing that two
 * real events cannot share.
 *
 * Only fields Twitch makes unique count: a viewer follows at one `followed_at`, a broadcast has one
 * stream `id`. Cheers, gift bombs, subs, raids and offlines carry no such field — the same viewer
 * (or any anonymous one) really can cheer "Cheer100" twice — so they are never merged on a guess:
 * `message_id`, which Twurple checks, is their only protection against redelivery. A repeated alert
 * is a nuisance; a paid alert dropped as a "duplicate" is income shown to nobody.
 */
export function eventIdentity(
  type: TwitchEventType,
  data: Record<string, unknown>,
): string | undefined {
  switch (type) {
    case 'channel.follow':
      return identity(type, data.user_id, toWholeSecond(data.followed_at));
    case 'stream.online':
      return identity(type, data.id);
    // A redemption has its own id; a goal, poll, prediction or hype train begins, locks and ends
    // once under its id. Their progress events repeat no identity: two real ones can be alike.
    case 'channel.channel_points_custom_reward_redemption.add':
    case 'channel.hype_train.begin':
    case 'channel.hype_train.end':
    case 'channel.goal.begin':
    case 'channel.goal.end':
    case 'channel.poll.begin':
    case 'channel.poll.end':
    case 'channel.prediction.begin':
    case 'channel.prediction.lock':
    case 'channel.prediction.end':
      return identity(type, data.id);
    case 'channel.subscribe':
    case 'channel.subscription.gift':
    case 'channel.cheer':
    case 'channel.raid':
    case 'stream.offline':
    case 'channel.hype_train.progress':
    case 'channel.goal.progress':
    case 'channel.poll.progress':
    case 'channel.prediction.progress':
      return undefined;
  }
}

/** Joins the identifying fields, or undefined when one is missing (no identity, no merging). */
function identity(type: string, ...fields: unknown[]): string | undefined {
  const parts: string[] = [];
  for (const field of fields) {
    if ((typeof field !== 'string' && typeof field !== 'number') || field === '') return undefined;
    parts.push(String(field));
  }
  return [type, ...parts].join('|');
}

/**
 * A time to the second: EventSub writes `followed_at` with fractions of a second, Helix's followers
 * list without, and a recovered follow must match the live one it repeats.
 */
function toWholeSecond(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const at = Date.parse(value);
  return Number.isFinite(at) ? new Date(Math.floor(at / 1000) * 1000).toISOString() : value;
}
