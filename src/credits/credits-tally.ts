import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
// Who an event names, and how amounts add up, as the credits widget folds the live events.
import { CREDITS_SECTIONS, addedAmount, creditOf } from '../widgets/public/lib/stream-credits.js';
import type { CreditsBitsSource, CreditsName, CreditsSection } from './credits-api.js';

export { CREDITS_SECTIONS };

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
    } else {
      known.amount = addedAmount(credit.section, known.amount, credit.amount);
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
