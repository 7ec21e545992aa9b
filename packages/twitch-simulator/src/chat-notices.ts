import type { EventObject } from './event-payloads.js';
import { avatarPath } from './image-routes.js';
import { randomId } from './random-ids.js';
import type { SubTier } from './sub-tier.js';
import { SimulatorInputError, type SimulatedUser } from './user-directory.js';

/** The notices the simulator sends as `channel.chat.notification` (`notice_type`). */
export const CHAT_NOTICE_TYPES = [
  'sub',
  'resub',
  'sub_gift',
  'community_sub_gift',
  'raid',
  'announcement',
  'watch_streak',
  'shared_chat_sub',
  'shared_chat_resub',
  'shared_chat_sub_gift',
  'shared_chat_community_sub_gift',
  'shared_chat_raid',
  'shared_chat_announcement',
] as const;

/** One of the notices the simulator sends. */
export type ChatNoticeType = (typeof CHAT_NOTICE_TYPES)[number];

/** Whether a notice is another channel's under shared chat (`shared_chat_*`). */
export function isSharedChatNotice(notice: ChatNoticeType): boolean {
  return notice.startsWith('shared_chat_');
}

/** What a notice says, from which the detail object and the system message are made. */
export interface NoticeFacts {
  readonly chatter: SimulatedUser;
  /** The channel whose chat shows the notice first (the other channel for `shared_chat_*`). */
  readonly channel: SimulatedUser;
  readonly tier: SubTier;
  readonly prime: boolean;
  readonly months: number;
  readonly streak: number | null;
  readonly duration: number;
  readonly recipient: SimulatedUser;
  readonly total: number;
  readonly cumulative: number | null;
  readonly viewers: number;
  readonly color: string;
  readonly imageBase: string;
}

/** Twitch's words for a tier in system messages. */
function tierWords(tier: SubTier, prime: boolean): string {
  if (prime) return 'with Prime';
  return `at Tier ${tier.slice(0, 1)}`;
}

const ANNOUNCEMENT_COLOURS = ['blue', 'green', 'orange', 'purple', 'primary'];

/**
 * The notice's own object (what its `notice_type` field holds) and the system message Twitch
 * writes for it. A `shared_chat_*` notice has the same object as the plain one.
 */
export function noticeDetail(
  notice: ChatNoticeType,
  facts: NoticeFacts,
): { detail: EventObject; systemMessage: string } {
  const name = facts.chatter.displayName;
  const kind = notice.replace(/^shared_chat_/, '');
  switch (kind) {
    case 'sub':
      return {
        detail: { sub_tier: facts.tier, is_prime: facts.prime, duration_months: facts.duration },
        systemMessage: `${name} subscribed ${tierWords(facts.tier, facts.prime)}.`,
      };
    case 'resub': {
      const streak =
        facts.streak === null ? '' : ` They're currently on a ${facts.streak} month streak!`;
      return {
        detail: {
          sub_tier: facts.tier,
          is_prime: facts.prime,
          cumulative_months: facts.months,
          duration_months: facts.duration,
          streak_months: facts.streak,
          is_gift: false,
          gifter_is_anonymous: null,
          gifter_user_id: null,
          gifter_user_login: null,
          gifter_user_name: null,
        },
        systemMessage: `${name} subscribed ${tierWords(facts.tier, facts.prime)}. They've subscribed for ${facts.months} months!${streak}`,
      };
    }
    case 'sub_gift':
      return {
        detail: {
          duration_months: facts.duration,
          cumulative_total: facts.cumulative,
          recipient_user_id: facts.recipient.id,
          recipient_user_login: facts.recipient.login,
          recipient_user_name: facts.recipient.displayName,
          sub_tier: facts.tier,
          community_gift_id: null,
        },
        systemMessage: `${name} gifted a Tier ${facts.tier.slice(0, 1)} sub to ${facts.recipient.displayName}!`,
      };
    case 'community_sub_gift':
      return {
        detail: {
          id: randomId(),
          total: facts.total,
          sub_tier: facts.tier,
          cumulative_total: facts.cumulative,
        },
        systemMessage: `${name} is gifting ${facts.total} Tier ${facts.tier.slice(0, 1)} Subs to ${facts.channel.displayName}'s community!`,
      };
    case 'raid':
      return {
        detail: {
          user_id: facts.chatter.id,
          user_login: facts.chatter.login,
          user_name: facts.chatter.displayName,
          viewer_count: facts.viewers,
          profile_image_url: `${facts.imageBase}${avatarPath(facts.chatter.login)}`,
        },
        systemMessage: `${facts.viewers} raiders from ${name} have joined!`,
      };
    case 'announcement': {
      if (!ANNOUNCEMENT_COLOURS.includes(facts.color)) {
        throw new SimulatorInputError(
          `an announcement's colour is one of ${ANNOUNCEMENT_COLOURS.join(', ')}, not "${facts.color}"`,
        );
      }
      return { detail: { color: facts.color }, systemMessage: '' };
    }
    case 'watch_streak':
      return {
        detail: {
          streak_count: facts.months,
          channel_points_awarded: facts.months >= 10 ? 450 : 350,
        },
        systemMessage: `${name} watched ${facts.months} consecutive streams and sparked a watch streak!`,
      };
  }
  throw new SimulatorInputError(`notice "${notice}" is not one the simulator sends`);
}
