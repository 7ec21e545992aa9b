import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { bitsSpent } from '../eventsub/bits-spent.js';
import type { CreditsBitsSource, CreditsName, CreditsSection } from './credits-api.js';

/** The sections of the credits, in the order the roll shows them by default. */
export const CREDITS_SECTIONS: readonly CreditsSection[] = [
  'followers',
  'subscribers',
  'gifters',
  'cheerers',
  'raiders',
  'redeemers',
];

/** The event types each section names viewers from (cheerers: the Bits type subscribed to). */
export function creditsEventTypes(
  bitsFrom: CreditsBitsSource,
): Record<CreditsSection, TwitchEventType[]> {
  return {
    followers: ['channel.follow'],
    subscribers: ['channel.subscribe', 'channel.subscription.message'],
    gifters: ['channel.subscription.gift'],
    cheerers: [bitsFrom],
    raiders: ['channel.raid'],
    redeemers: ['channel.channel_points_custom_reward_redemption.add'],
  };
}

/** What one event puts in the credits: a name in a section, and how much it adds. */
export interface Credit {
  readonly section: CreditsSection;
  /** Who, for adding up: the login in lower case; "" for anonymous. */
  readonly key: string;
  readonly name: string | null;
  readonly login: string | null;
  readonly amount: number;
}

/**
 * Where an event names a viewer in the credits, or null. Test alerts and replays are not the
 * stream's; a gifted sub is its gifter's; Bits count from one type only (Twitch sends a cheer as
 * both `channel.cheer` and `channel.bits.use`). The credits widget folds live events the same way
 * (widgets/public/state/credits-state.js).
 */
export function creditOf(message: EventMessage, bitsFrom: CreditsBitsSource): Credit | null {
  if (message.test || message.replayOf !== undefined) return null;
  const { data } = message;
  switch (message.event) {
    case 'channel.follow':
      return viewer('followers', data.user_login, data.user_name, 1);
    case 'channel.subscribe':
      return data.is_gift === true
        ? null
        : viewer('subscribers', data.user_login, data.user_name, 1);
    case 'channel.subscription.message':
      return viewer(
        'subscribers',
        data.user_login,
        data.user_name,
        whole(data.cumulative_months, 1),
      );
    case 'channel.subscription.gift':
      return data.is_anonymous === true
        ? anonymous('gifters', whole(data.total, 1))
        : viewer('gifters', data.user_login, data.user_name, whole(data.total, 1));
    case 'channel.cheer':
    case 'channel.bits.use': {
      const bits = bitsSpent(message.event, data);
      if (message.event !== bitsFrom || bits === 0) return null;
      return data.is_anonymous === true
        ? anonymous('cheerers', bits)
        : viewer('cheerers', data.user_login, data.user_name, bits);
    }
    case 'channel.raid':
      return viewer(
        'raiders',
        data.from_broadcaster_user_login,
        data.from_broadcaster_user_name,
        whole(data.viewers, 0),
      );
    case 'channel.channel_points_custom_reward_redemption.add':
      return viewer('redeemers', data.user_login, data.user_name, 1);
    default:
      return null;
  }
}

/** Sections whose amounts are a level (months), not a sum: a later event does not add to them. */
const HIGHEST_AMOUNT: ReadonlySet<CreditsSection> = new Set(['followers', 'subscribers']);

/**
 * A stream's credits, one event at a time (the caller reads the log a page at a time): each viewer
 * once per section, in the order they first appeared, their amounts added up.
 */
export class CreditsTally {
  private readonly names = new Map<CreditsSection, Map<string, CreditsName>>(
    CREDITS_SECTIONS.map((section) => [section, new Map()]),
  );

  constructor(private readonly bitsFrom: CreditsBitsSource) {}

  /** Takes one event of the stream (any type: those that name nobody are passed over). */
  add(message: EventMessage): void {
    const credit = creditOf(message, this.bitsFrom);
    if (!credit) return;
    const names = this.names.get(credit.section)!;
    const known = names.get(credit.key);
    if (!known) {
      names.set(credit.key, { name: credit.name, login: credit.login, amount: credit.amount });
    } else if (HIGHEST_AMOUNT.has(credit.section)) {
      known.amount = Math.max(known.amount, credit.amount);
    } else {
      known.amount += credit.amount;
    }
  }

  /** Each section's names so far. */
  sections(): Record<CreditsSection, CreditsName[]> {
    return Object.fromEntries(
      CREDITS_SECTIONS.map((section) => [
        section,
        [...this.names.get(section)!.values()].map((name) => ({ ...name })),
      ]),
    ) as Record<CreditsSection, CreditsName[]>;
  }
}

function viewer(
  section: CreditsSection,
  login: unknown,
  name: unknown,
  amount: number,
): Credit | null {
  if (typeof login !== 'string' || login === '') return null;
  const shown = typeof name === 'string' && name !== '' ? name : login;
  return { section, key: login.toLowerCase(), name: shown, login, amount };
}

function anonymous(section: CreditsSection, amount: number): Credit {
  return { section, key: '', name: null, login: null, amount };
}

/** A whole number of at least 0, or `fallback` when the field is not a number. */
function whole(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.floor(value))
    : fallback;
}
